/**
 * The crawl throughput benchmark's printed report and its checks: pages per second of memhole's crawl() beside
 * crawlee's CheerioCrawler and the plain undici loop, the goal, RSS per phase, and where memhole's time goes.
 * Computes from what bench-crawl.ts measured; never measures.
 */
import type { StoreCounts } from '../../storage/index.ts';
import type { CheerioResult, MemholeResult } from './crawl-phases.ts';
import type { LoopResult, RunMonitorResult } from './recheck-probes.ts';
import type { SiteStats } from './recheck-site.ts';
import { formatCount as n, formatMegabytes as mb, formatSeconds as s, formatShare as pct, table } from './report-text.ts';

/** The goal of the issue: memhole crawls at least half as fast as crawlee's CheerioCrawler fetches and parses. */
export const GOAL_RATIO = 0.5;

/** Everything one benchmark run measured. */
export interface CrawlBenchResult {
  pages: number;
  concurrency: number;
  seed: number;
  node: string;
  cpus: number;
  site: { origin: string; stats: SiteStats };
  undici: { loop: LoopResult; monitor: RunMonitorResult };
  cheerio: CheerioResult;
  memhole: MemholeResult;
  counts: StoreCounts;
  dbBytes: number;
}

/** Rates in pages per second. */
export function rates(result: CrawlBenchResult): { memhole: number; cheerio: number; undici: number } {
  return {
    memhole: result.memhole.summary.articlePages / result.memhole.monitor.seconds,
    cheerio: result.cheerio.handled / result.cheerio.monitor.seconds,
    undici: result.undici.loop.requests / result.undici.loop.seconds,
  };
}

/** A run counts when every phase got every page, and memhole stored every article without an error. */
export function failedChecks(result: CrawlBenchResult): string[] {
  const failed: string[] = [];
  const { summary } = result.memhole;
  if (summary.articlePages !== result.pages) failed.push(`memhole crawled ${summary.articlePages} of ${result.pages} pages`);
  if (summary.articlesNew !== result.pages) failed.push(`memhole stored ${summary.articlesNew} new articles for ${result.pages} pages`);
  if (summary.extractionFailed) failed.push(`memhole found no article on ${summary.extractionFailed} pages`);
  if (summary.errors.length) failed.push(`memhole: ${summary.errors.length} errors, first: ${summary.errors[0]!.url}: ${summary.errors[0]!.message}`);
  const bad = Object.entries({ ...summary.httpErrors, ...summary.failures });
  if (bad.length) failed.push(`memhole: fetches not 2xx: ${bad.map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  if (result.cheerio.handled !== result.pages || result.cheerio.failed) failed.push(`CheerioCrawler handled ${result.cheerio.handled}, failed ${result.cheerio.failed}, of ${result.pages}`);
  const statuses = Object.keys(result.undici.loop.statuses);
  if (statuses.length !== 1 || statuses[0] !== '200') failed.push(`undici loop statuses: ${JSON.stringify(result.undici.loop.statuses)}`);
  return failed;
}

/**
 * The most the machine allows: a crawl that kept every core busy with nothing else running would still need its
 * CPU time per page for each page, so cores / CPU per page bounds its rate, however its work is spread over threads.
 */
function cpuBoundLines(result: CrawlBenchResult, cheerioRate: number): string[] {
  const { memhole } = result;
  const cpuPerPage = memhole.monitor.cpuMs / Math.max(1, memhole.summary.articlePages);
  const ceiling = (result.cpus * 1000) / cpuPerPage;
  const needed = (result.cpus * 1000) / (GOAL_RATIO * cheerioRate);
  return [
    `  bound: with all ${result.cpus} cores busy on memhole alone, ${cpuPerPage.toFixed(1)} ms of CPU per page allows at most ${n(ceiling)} pages/s,`,
    `  ${(ceiling / cheerioRate).toFixed(3)} of CheerioCrawler's rate; the goal needs at most ${needed.toFixed(1)} ms of CPU per page`,
  ];
}

export function formatCrawlReport(result: CrawlBenchResult): string {
  const { memhole, cheerio, undici } = result;
  const rate = rates(result);
  const lines: string[] = [];
  const { pageBytes } = result.site.stats;
  lines.push(`bench:crawl  ${n(result.pages)} CDT article pages, concurrency ${result.concurrency}, seed ${result.seed}`);
  lines.push(`  node ${result.node}, ${result.cpus} CPUs; site ${result.site.origin} in a child process`);
  lines.push(`  pages ${(pageBytes.mean / 1024).toFixed(1)} KB mean (${(pageBytes.min / 1024).toFixed(1)} to ${(pageBytes.max / 1024).toFixed(1)} KB), rendered and cached by the site in an untimed warm-up pass`);
  lines.push('');

  lines.push('throughput (phases run one after another in this process; GC forced between them)');
  const row = (name: string, perSecond: number, pages: number, monitor: RunMonitorResult): string[] => [
    name,
    n(perSecond),
    n(pages),
    `${monitor.seconds.toFixed(2)} s`,
    `${(monitor.cpuMs / 1000 / monitor.seconds).toFixed(2)}`,
    (monitor.cpuMs / Math.max(1, pages)).toFixed(2),
    mb(monitor.rssBeforeBytes),
    mb(monitor.rssPeakBytes),
  ];
  lines.push(
    ...table([
      ['', 'pages/s', 'pages', 'wall', 'cores', 'CPU ms/page', 'RSS before', 'RSS peak'],
      row(`plain undici request() loop (${undici.loop.passes} passes)`, rate.undici, undici.loop.requests, undici.monitor),
      row('crawlee CheerioCrawler, $("h1").text()', rate.cheerio, cheerio.handled, cheerio.monitor),
      row('memhole crawl() (fetch, store, extract, markdown)', rate.memhole, memhole.summary.articlePages, memhole.monitor),
    ]),
  );
  const vsCheerio = rate.memhole / rate.cheerio;
  lines.push(`  memhole / CheerioCrawler: ${vsCheerio.toFixed(3)}   goal >= ${GOAL_RATIO}: ${vsCheerio >= GOAL_RATIO ? 'MET' : 'NOT MET'}`);
  lines.push(`  memhole / undici loop:    ${(rate.memhole / rate.undici).toFixed(3)}`);
  lines.push(...cpuBoundLines(result, rate.cheerio));
  lines.push('  (RSS sampled every 50 ms during each phase; "cores" is process CPU time, all threads, over wall time; the site\'s CPU is not counted)');
  lines.push('');

  const { summary } = memhole;
  lines.push(
    `memhole crawl: ${n(summary.articlePages)} article pages, ${n(summary.captures)} captures, ${n(summary.articlesNew)} new articles, ` +
      `${n(summary.threadsNew)} comment threads, extraction failed ${summary.extractionFailed}, errors ${summary.errors.length}`,
  );
  lines.push(
    `  store after: ${n(result.counts.pages)} pages, ${n(result.counts.captures)} captures, ${n(result.counts.blobs)} blobs, ` +
      `${n(result.counts.articles)} article versions, ${n(result.counts.commentThreads)} threads; database ${mb(result.dbBytes)}`,
  );
  lines.push('');

  const wallMs = memhole.monitor.seconds * 1000;
  const pages = Math.max(1, summary.articlePages);
  const sampledMs = memhole.profile.reduce((sum, part) => sum + part.ms, 0);
  lines.push(
    `where memhole's time goes (${s(wallMs)} wall; process CPU ${s(memhole.monitor.cpuMs)} = ${(memhole.monitor.cpuMs / wallMs).toFixed(2)} cores; ` +
      `event loop busy ${pct(memhole.monitor.eventLoopBusy)})`,
  );
  lines.push(`  main thread, from CPU samples every 1 ms during the crawl (${s(sampledMs)} sampled):`);
  lines.push(
    ...table(
      [
        ['', 'time', 'share', 'ms per page'],
        ...memhole.profile.filter((part) => part.ms > 0).map((part) => [part.name, s(part.ms), pct(part.ms / sampledMs), (part.ms / pages).toFixed(2)]),
      ],
      '    ',
    ),
  );
  const busy = memhole.profile.filter((part) => part.name !== 'idle').sort((a, b) => b.ms - a.ms);
  const bound = memhole.monitor.eventLoopBusy >= 0.9 ? 'the main thread\'s CPU (event loop busy nearly all the time)' : 'not the main thread alone (event loop often idle)';
  lines.push(
    `  bound by ${bound}; largest shares: ${busy.slice(0, 3).map((part) => `${part.name} ${pct(part.ms / sampledMs)}`).join(', ')}`,
  );
  lines.push('  timing wrappers around what crawl() was given:');
  const storeMs = [...memhole.store.values()].reduce((sum, t) => sum + t.ms, 0);
  const storeCalls = [...memhole.store.entries()].filter(([, t]) => t.count > 0).sort((a, b) => b[1].ms - a[1].ms);
  lines.push(
    ...table(
      [
        ['', 'calls', 'total', 'ms per page'],
        [`extraction + markdown (${n(memhole.extract.offloaded)} in worker threads)`, n(memhole.extract.count), s(memhole.extract.ms), (memhole.extract.ms / pages).toFixed(2)],
        ['store, all calls', n(storeCalls.reduce((sum, [, t]) => sum + t.count, 0)), s(storeMs), (storeMs / pages).toFixed(2)],
        ...storeCalls.map(([name, t]) => [`  store.${name}`, n(t.count), s(t.ms), (t.ms / pages).toFixed(2)]),
      ],
      '    ',
    ),
  );
  lines.push(
    `    fetch: ${n(memhole.fetch.count)} fetches, ${mb(memhole.fetch.bytes)}, mean ${(memhole.fetch.inFlightMs / Math.max(1, memhole.fetch.count)).toFixed(1)} ms ` +
      `from call to result (wire time plus waiting for the busy event loop), ${(memhole.fetch.inFlightMs / wallMs).toFixed(1)} in flight on average`,
  );
  lines.push('    (store calls hash and compress synchronously and queue the write for a group commit, which the CPU samples');
  lines.push('    count as store writes; an analysis in a worker is timed from call to result, waiting included)');
  return `${lines.join('\n')}\n`;
}
