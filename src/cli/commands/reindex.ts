/**
 * `memhole reindex`: rebuild the search index from the article and comment tables (after an upgrade that
 * changes how text is indexed, or for an archive made before the index existed), fingerprint the versions an
 * older archive holds without one (so reports find surviving copies among them), and print what it holds.
 */
import { openApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface ReindexCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function reindexCommand(options: ReindexCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const started = performance.now();
    const written = await app.store.reindexSearch();
    const fingerprinted = await app.store.fillMissingFingerprints();
    const seconds = (performance.now() - started) / 1000;
    const stats = await app.store.searchIndexStats({ size: true });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ ...written, fingerprinted, indexBytes: stats.indexBytes, seconds }, null, 2)}\n`);
      return EXIT.ok;
    }
    const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
    io.stdout.write(
      `indexed ${written.articles} article versions and ${written.threads} comment threads (${mb(written.textBytes)} of text) in ${seconds.toFixed(1)} s; the index takes ${mb(stats.indexBytes ?? 0)}${fingerprinted ? `; fingerprinted ${fingerprinted} older versions` : ''}\n`,
    );
    return EXIT.ok;
  } finally {
    await app.close();
  }
}
