/**
 * `memhole export markdown <dir>`: the archive as a markdown tree, one file per article version.
 */
import { resolve } from 'node:path';
import { exportMarkdownTree } from '../../export/markdown-tree.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';

export interface ExportCommandOptions extends GlobalOptions {
  source?: string;
  withImages?: boolean;
  json?: boolean;
}

export async function exportCommand(format: string, dir: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  if (format !== 'markdown') throw new CliError(`unknown export format "${format}"; use: markdown`, EXIT.usage);
  const app = await openApp(io, options);
  try {
    const outDir = resolve(io.cwd, dir);
    const result = await exportMarkdownTree(app.store, outDir, { withImages: options.withImages ?? false, ...(options.source ? { sourceId: options.source } : {}) });
    if (options.json) io.stdout.write(`${JSON.stringify({ dir: outDir, ...result }, null, 2)}\n`);
    else io.stdout.write(`exported ${result.files.length} article versions of ${result.pages} pages to ${outDir}${options.withImages ? ` with ${result.assets} archived images` : ''}\n`);
    return EXIT.ok;
  } finally {
    await app.close();
  }
}
