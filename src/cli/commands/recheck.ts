/**
 * `memhole recheck`: run the re-checks that are due (or, with --all, every tracked page now), once, with a
 * progress line and a summary of outcomes and state changes.
 */
import { adapterForPage } from '../../recheck/page-adapter.ts';
import { runRechecks, type RecheckSummary } from '../../recheck/run-rechecks.ts';
import { scheduleFor } from '../../recheck/schedule-config.ts';
import { openCrawlingApp, type CrawlingApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';
import { createProgressLine } from '../progress.ts';

export interface RecheckCommandOptions extends GlobalOptions {
  all?: boolean;
  source?: string;
  json?: boolean;
}

export async function recheckCommand(options: RecheckCommandOptions, io: CliIo): Promise<number> {
  const app = await openCrawlingApp(io, options);
  try {
    const progress = createProgressLine(io.stderr);
    const summary = await recheckOnce(app, { all: options.all ?? false, sourceId: options.source }, (s, url) =>
      progress.update(`${s.checked} checked: ${url}`),
    );
    progress.done();
    if (options.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout.write(formatRecheckSummary(summary));
    return EXIT.ok;
  } finally {
    await app.close();
  }
}

/** One pass of due (or all) re-checks with the app's configuration; shared by `recheck` and `run`. */
export function recheckOnce(
  app: CrawlingApp,
  scope: { all: boolean; sourceId?: string | undefined },
  onProgress?: (summary: RecheckSummary, url: string) => void,
): Promise<RecheckSummary> {
  return runRechecks({
    store: app.store,
    fetcher: app.fetcher,
    fetcherFor: (page) => app.fetcherFor(page.sourceId),
    limiter: app.limiter,
    adapterFor: adapterForPage(app.config.sources),
    scheduleFor: (sourceId) => scheduleFor(app.config, sourceId),
    clock: app.io.clock,
    concurrency: app.config.recheck.concurrency,
    budget: app.config.recheck.budget,
    conditional: app.config.recheck.conditional,
    extractor: app.extractor,
    all: scope.all,
    ...(scope.sourceId ? { sourceId: scope.sourceId } : {}),
    onProgress: onProgress ? (summary, page) => onProgress(summary, page.url) : undefined,
  });
}

export function formatRecheckSummary(summary: RecheckSummary): string {
  const outcomes = Object.entries(summary.outcomes).map(([outcome, n]) => `${outcome}×${n}`).join(', ') || 'none';
  const events = Object.entries(summary.events).map(([kind, n]) => `${kind}×${n}`).join(', ') || 'none';
  const lines = [`re-checked ${summary.checked} pages`, `  outcomes  ${outcomes}`, `  events    ${events}`];
  if (summary.deferred) lines.push(`  deferred  ${summary.deferred} pages over the request budget (recheck.budget)`);
  for (const error of summary.errors.slice(0, 10)) lines.push(`  error     ${error.url}: ${error.message}`);
  return `${lines.join('\n')}\n`;
}
