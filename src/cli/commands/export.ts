/**
 * `memhole export markdown|jsonl|csv|warc`: the archive as a markdown tree, as tables for analysis, or as a
 * WARC file for replay tools. The exporters are in src/export/.
 */
import { resolve } from 'node:path';
import { exportMarkdownTree } from '../../export/markdown-tree.ts';
import type { BodyChoice } from '../../export/archive-tables.ts';
import { exportCsv, exportJsonl, type TabularExportResult, type TabularTarget } from '../../export/tabular-export.ts';
import { exportWarc } from '../../export/warc-export.ts';
import { openApp, openReadOnlyApp, type App, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { createProgressLine } from '../progress.ts';
import { VERSION } from '../version.ts';

export interface ExportCommandOptions extends GlobalOptions {
  source?: string;
  withImages?: boolean;
  body?: string;
  bom?: boolean;
  revisits?: boolean;
  json?: boolean;
}

export const EXPORT_FORMATS = ['markdown', 'jsonl', 'csv', 'warc'] as const;
const BODY_CHOICES: readonly BodyChoice[] = ['markdown', 'text', 'none'];

export async function exportCommand(format: string, target: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`unknown export format "${format}"; use one of: ${EXPORT_FORMATS.join(', ')}`, EXIT.usage);
  }
  const body = bodyChoice(options.body);
  const gzip = format === 'warc' ? warcCompression(target) : true;
  // Only the markdown tree may write (it migrates like every other command); the others read a damaged archive too.
  const app = format === 'markdown' ? await openApp(io, options) : await openReadOnlyApp(io, options);
  try {
    if (format === 'markdown') return await exportMarkdown(app, target, options);
    if (format === 'warc') return await exportWarcFile(app, target, gzip, options);
    return await exportTables(app, format as 'jsonl' | 'csv', target, body, options);
  } finally {
    await app.close();
  }
}

async function exportMarkdown(app: App, dir: string, options: ExportCommandOptions): Promise<number> {
  const { io } = app;
  const outDir = resolve(io.cwd, dir);
  const result = await exportMarkdownTree(app.store, outDir, { withImages: options.withImages ?? false, ...(options.source ? { sourceId: options.source } : {}) });
  if (options.json) io.stdout.write(`${JSON.stringify({ dir: outDir, ...result }, null, 2)}\n`);
  else io.stdout.write(`exported ${result.files.length} article versions of ${result.pages} pages to ${outDir}${options.withImages ? ` with ${result.assets} archived images` : ''}\n`);
  return EXIT.ok;
}

async function exportTables(app: App, format: 'jsonl' | 'csv', target: string, body: BodyChoice, options: ExportCommandOptions): Promise<number> {
  const { io } = app;
  const toStdout = format === 'jsonl' && target === '-';
  const path = resolve(io.cwd, target);
  const destination: TabularTarget = toStdout ? { stream: io.stdout } : format === 'jsonl' && /\.(jsonl|ndjson)$/i.test(target) ? { file: path } : { dir: path };
  const progress = createProgressLine(io.stderr);
  const tableOptions = {
    body,
    ...(options.source ? { sourceId: options.source } : {}),
    onProgress: ({ pages, pagesTotal }: { pages: number; pagesTotal: number }) => progress.update(`export ${format}: ${pages} of ${pagesTotal} pages`),
  };
  let result: TabularExportResult;
  try {
    result = format === 'csv' ? await exportCsv(app.store, path, { ...tableOptions, bom: options.bom ?? false }) : await exportJsonl(app.store, destination, tableOptions);
  } finally {
    progress.done();
  }
  // With the rows on stdout, the summary goes to stderr so the stream stays pure JSONL.
  const out = toStdout ? io.stderr : io.stdout;
  if (options.json && !toStdout) out.write(`${JSON.stringify(result, null, 2)}\n`);
  else out.write(`exported ${result.rows.articles} article versions, ${result.rows.checks} checks and ${result.rows.events} events${result.files.length ? ` to ${result.files.join(', ')}` : ''}\n`);
  return EXIT.ok;
}

async function exportWarcFile(app: App, target: string, gzip: boolean, options: ExportCommandOptions): Promise<number> {
  const { io } = app;
  const file = resolve(io.cwd, target);
  const progress = createProgressLine(io.stderr);
  let result;
  try {
    result = await exportWarc(app.store, file, {
      gzip,
      revisits: options.revisits ?? false,
      now: io.clock(),
      software: `memhole ${VERSION}`,
      ...(options.source ? { sourceId: options.source } : {}),
      onProgress: ({ pages, pagesTotal, records }) => progress.update(`export warc: ${pages} of ${pagesTotal} pages, ${records} records`),
    });
  } finally {
    progress.done();
  }
  for (const missing of result.unreadableBodies) {
    io.stderr.write(`memhole: capture ${missing.captureId} of ${missing.page} was written without its body: blob ${missing.hash} ${missing.reason}. Run memhole verify.\n`);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const records = Object.entries(result.records).map(([type, n]) => `${type} ${n}`).join(', ');
    io.stdout.write(`exported ${result.captures} captures to ${file} (${records}); ${result.failedFetches} fetches without a response as metadata only\n`);
  }
  return result.unreadableBodies.length ? EXIT.failure : EXIT.ok;
}

function bodyChoice(value: string | undefined): BodyChoice {
  if (value === undefined) return 'markdown';
  if ((BODY_CHOICES as readonly string[]).includes(value)) return value as BodyChoice;
  throw new CliError(`--body ${value}: use one of ${BODY_CHOICES.join(', ')}`, EXIT.usage);
}

/** `.warc.gz` gzips each record, `.warc` writes them plain; any other name is refused rather than guessed. */
function warcCompression(target: string): boolean {
  if (/\.warc\.gz$/i.test(target)) return true;
  if (/\.warc$/i.test(target)) return false;
  throw new CliError(`"${target}": name the WARC file <name>.warc.gz (or <name>.warc for uncompressed records)`, EXIT.usage);
}
