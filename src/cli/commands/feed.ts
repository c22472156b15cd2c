/**
 * `memhole feed [--since 30d] [--out file]`: the removals of the window as an Atom 1.0 feed, built like the
 * removal report (report.ts) and written by src/report/atom-feed.ts.
 */
import { removalFeedAtom } from '../../report/atom-feed.ts';
import { EXIT, type CliIo } from '../io.ts';
import { writeOutput } from '../output-file.ts';
import { reportForWindow, type WindowOptions } from './report.ts';

export interface FeedCommandOptions extends WindowOptions {
  out?: string;
}

export async function feedCommand(options: FeedCommandOptions, io: CliIo, version: string): Promise<number> {
  const report = await reportForWindow(options, io, ['removed']);
  await writeOutput(io, options.out, removalFeedAtom(report, { version }), `the Atom feed of ${report.counts.removed} removals`);
  return EXIT.ok;
}
