/**
 * `memhole report --since 7d [--until …] [--source id] --format md|html|json|csv [--out file]`: every page
 * removed, restored or edited in the window with its evidence; src/report builds and renders it.
 */
import { buildRemovalReport, REPORT_KINDS, type RemovalReport } from '../../report/removal-report.ts';
import { renderReport, type ReportFormat } from '../../report/report-formats.ts';
import type { Store } from '../../../storage/types.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { writeOutput } from '../output-file.ts';
import { parseWindow } from '../time-bound.ts';

export interface ReportCommandOptions extends WindowOptions {
  format: ReportFormat;
  out?: string;
  bom?: boolean;
}

/** The options `report` and `feed` share. */
export interface WindowOptions extends GlobalOptions {
  since: string;
  until?: string;
  source?: string;
  markdownBase?: string;
}

export async function reportCommand(options: ReportCommandOptions, io: CliIo): Promise<number> {
  const report = await reportForWindow(options, io, REPORT_KINDS);
  const text = renderReport(report, options.format, options.bom ?? false);
  await writeOutput(io, options.out, text, `the report of ${report.counts.removed} removed, ${report.counts.restored} restored and ${report.counts.edited} edited pages`);
  return EXIT.ok;
}

/** The report of the window and source the options name, over the archive they point at. */
export async function reportForWindow(
  options: WindowOptions,
  io: CliIo,
  kinds: readonly (typeof REPORT_KINDS)[number][],
): Promise<RemovalReport> {
  const now = io.clock();
  const window = parseWindow(options.since, options.until, now);
  const app = await openApp(io, options);
  try {
    if (options.source) await requireSource(app.store, options.source);
    return await buildRemovalReport(app.store, { ...window, now, kinds, sourceId: options.source, markdownBase: options.markdownBase });
  } finally {
    await app.close();
  }
}

async function requireSource(store: Store, sourceId: string): Promise<void> {
  if ((await store.listPages({ sourceId })).length) return;
  const known = [...new Set((await store.listPages()).map((page) => page.sourceId))].sort().join(', ') || 'none yet';
  throw new CliError(`the archive has no pages of source "${sourceId}" (sources: ${known})`, EXIT.notFound);
}
