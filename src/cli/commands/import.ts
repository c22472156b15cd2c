/**
 * `memhole import <file|dir>` (mirror files as import captures) and `memhole reextract` (the current
 * extractors over stored captures, never counted as an edit).
 */
import { importMirrors } from '../../archive/import.ts';
import { reextract } from '../../archive/reextract.ts';
import { adapterForPage } from '../../recheck/page-adapter.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';

export interface ImportCommandOptions extends GlobalOptions {
  source?: string;
  json?: boolean;
}

export async function importCommand(target: string, options: ImportCommandOptions, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new CliError(`${path}: no such file or folder to import`, EXIT.usage);
  const app = await openApp(io, options);
  try {
    const summary = await importMirrors(app.store, path, { clock: io.clock, ...(options.source ? { sourceId: options.source } : {}) });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      const lines = [`imported ${summary.imported} files (${summary.articlesNew} new article versions), skipped ${summary.skipped}`];
      for (const file of summary.files.filter((f) => f.format === 'skipped').slice(0, 20)) lines.push(`  skipped ${file.file}: ${file.reason}`);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT.ok;
  } finally {
    await app.close();
  }
}

export async function reextractCommand(options: ImportCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const summary = await reextract(app.store, { adapterFor: adapterForPage(app.config.sources), ...(options.source ? { sourceId: options.source } : {}) });
    if (options.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const lines = [`re-extracted ${summary.captures} captures of ${summary.pages} pages: ${summary.versionsNew} new versions (no edits recorded)`];
      for (const problem of summary.unreadable.slice(0, 20)) lines.push(`  capture #${problem.captureId}: ${problem.reason}`);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT.ok;
  } finally {
    await app.close();
  }
}
