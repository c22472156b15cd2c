/**
 * The re-check throughput benchmark's printed report and its checks: rates beside the raw undici loop, outcome
 * counts against the plan, where the main thread's time went, memory. Takes what bench-recheck.ts measured and
 * returns text and the list of failed checks; computes, never measures.
 */
import type { StoreCounts } from '../../storage/index.ts';
import type { RecheckSummary } from '../../src/recheck/run-rechecks.ts';
import type { CallTiming, FetchStats, LoopResult, RunMonitorResult } from './recheck-probes.ts';
import type { PageFate } from './recheck-pages.ts';
import type { SeedSummary } from './recheck-seed.ts';
import type { SiteStats } from './recheck-site.ts';
import { formatCount as n, formatMegabytes as mb, formatSeconds as s, formatShare as pct, table } from './report-text.ts';

/** The goal of the issue: memhole re-checks at least half as fast as the raw loop fetches. */
export const GOAL_RATIO = 0.5;

/** Everything one benchmark run measured. */
export interface RecheckBenchResult {
  pages: number;
  concurrency: number;
  seed: number;
  node: string;
  cpus: number;
  plan: Record<PageFate, number>;
  site: { origin: string; stats: SiteStats };
  setup: { seed: SeedSummary; scheduleSeconds: number; dbBytes: number; dataDir: string };
  rawBefore: LoopResult;
  fetcherOnly: LoopResult;
  knownBody: LoopResult;
  rawAfter: LoopResult;
  run: { summary: RecheckSummary; monitor: RunMonitorResult; store: Map<string, CallTiming>; fetch: FetchStats; profile: { name: string; ms: number }[] };
  counts: StoreCounts;
  lifetimeMaxRssBytes: number;
}

const FATES: readonly PageFate[] = ['unchanged', 'changed', 'not_found', 'soft_deleted'];
const ms = (value: number | null): string => (value === null ? '-' : value < 0.1 ? value.toFixed(3) : value.toFixed(2));
const rate = (loop: LoopResult): number => loop.requests / loop.seconds;

/** The checks a run must pass to count: every page checked once, outcomes exactly as planned, no probe, no error. */
export function failedChecks(result: RecheckBenchResult): string[] {
  const failed: string[] = [];
  const { summary } = result.run;
  for (const fate of FATES) {
    const got = summary.outcomes[fate] ?? 0;
    if (got !== result.plan[fate]) failed.push(`${fate}: expected ${result.plan[fate]}, got ${got}`);
  }
  for (const [outcome, count] of Object.entries(summary.outcomes)) {
    if (!FATES.includes(outcome as PageFate)) failed.push(`unexpected outcome ${outcome} ×${count}`);
  }
  if (summary.checked !== result.pages) failed.push(`checked ${summary.checked} of ${result.pages} pages`);
  if (summary.errors.length) failed.push(`${summary.errors.length} errors, first: ${summary.errors[0]!.url}: ${summary.errors[0]!.message}`);
  if (result.run.fetch.count !== result.pages) failed.push(`memhole fetched ${result.run.fetch.count} URLs for ${result.pages} pages`);
  return failed;
}

/**
 * What the goal leaves for everything but the fetch. A re-check of an unchanged page fetches as the known-body
 * loop does, so that loop's rate is the most a run can reach with free reads, classification and writes.
 */
function ceilingLines(raw: number, knownBody: number, memhole: number): string[] {
  const micros = (perSecond: number): number => 1e6 / perSecond;
  const budget = micros(GOAL_RATIO * raw) - micros(knownBody);
  const spent = micros(memhole) - micros(knownBody);
  return [
    `  bound: an unchanged page's re-check fetches as the known-body loop does (${n(micros(knownBody))} µs each), so the ratio`,
    `  cannot pass ${(knownBody / raw).toFixed(3)} even if reading the basis, classifying and writing the check cost nothing; the goal`,
    `  leaves ${n(budget)} µs per check for them, and this run spent ${n(spent)} µs per check beyond the fetch`,
  ];
}

export function formatRecheckReport(result: RecheckBenchResult): string {
  const { summary, monitor, store, fetch, profile } = result.run;
  const lines: string[] = [];
  const plan = FATES.map((fate) => `${n(result.plan[fate])} ${fate}`).join(', ');
  lines.push(`bench:recheck  ${n(result.pages)} pages (${plan}), concurrency ${result.concurrency}, seed ${result.seed}`);
  lines.push(`  node ${result.node}, ${result.cpus} CPUs; site ${result.site.origin} in a child process`);
  lines.push('');

  const { pageBytes } = result.site.stats;
  lines.push('setup (not measured)');
  lines.push(`  pages: CDT article pages, ${(pageBytes.mean / 1024).toFixed(1)} KB mean (${(pageBytes.min / 1024).toFixed(1)} to ${(pageBytes.max / 1024).toFixed(1)} KB), no ETag or Last-Modified`);
  lines.push(
    `  archived in ${result.setup.seed.seconds.toFixed(1)} s: ${n(result.setup.seed.pages)} pages fetched once with the capture fetcher, extracted by the CDT ` +
      `adapter (${result.setup.seed.workers} worker threads), recorded with record.ts and the Store API (${n(result.setup.seed.articles)} article versions, ${n(result.setup.seed.threads)} comment threads)`,
  );
  lines.push(`  first scheduling of the new pages (runRechecks with budget 0): ${result.setup.scheduleSeconds.toFixed(1)} s`);
  lines.push(`  data dir ${result.setup.dataDir} (removed at the end): database ${mb(result.setup.dbBytes)} after the run`);
  lines.push('');

  const raw = (rate(result.rawBefore) + rate(result.rawAfter)) / 2;
  const memhole = summary.checked / monitor.seconds;
  const ratio = memhole / raw;
  lines.push(`throughput (passes over the same ${n(result.pages)} URLs, re-check phase, loopback; the loops repeat passes to run at least 2 s)`);
  const loopRow = (name: string, loop: LoopResult): string[] => [
    name,
    n(rate(loop)),
    n(loop.passes),
    `${loop.seconds.toFixed(2)} s`,
    mb(loop.bytes),
    n((loop.cpuMs * 1000) / loop.requests),
  ];
  lines.push(
    ...table([
      ['', 'per second', 'passes', 'wall', 'received', 'CPU µs each'],
      loopRow('raw undici.request() loop, before', result.rawBefore),
      loopRow('capture fetcher alone, decoding', result.fetcherOnly),
      loopRow('capture fetcher alone, body known', result.knownBody),
      ['memhole runRechecks', n(memhole), '1', `${monitor.seconds.toFixed(2)} s`, mb(fetch.bytes), n((monitor.cpuMs * 1000) / summary.checked)],
      loopRow('raw undici.request() loop, after', result.rawAfter),
    ]),
  );
  lines.push(`  ratio memhole / raw (raw = mean of before and after): ${ratio.toFixed(3)}   goal >= ${GOAL_RATIO}: ${ratio >= GOAL_RATIO ? 'MET' : 'NOT MET'}`);
  lines.push(`  capture fetcher alone / raw: decoding ${(rate(result.fetcherOnly) / raw).toFixed(3)}, body known ${(rate(result.knownBody) / raw).toFixed(3)}`);
  lines.push(...ceilingLines(raw, rate(result.knownBody), memhole));
  lines.push('  ("CPU µs each" is process CPU, all threads, per request or check; the site\'s own CPU is in its process, not counted)');
  lines.push('');

  lines.push('outcomes');
  lines.push(
    ...table([
      ['', 'expected', 'got', ''],
      ...FATES.map((fate) => [fate, n(result.plan[fate]), n(summary.outcomes[fate] ?? 0), (summary.outcomes[fate] ?? 0) === result.plan[fate] ? 'ok' : 'MISMATCH']),
      ...Object.entries(summary.outcomes)
        .filter(([outcome]) => !FATES.includes(outcome as PageFate))
        .map(([outcome, count]) => [outcome, '0', n(count), 'MISMATCH']),
    ]),
  );
  const events = Object.entries(summary.events).map(([kind, count]) => `${kind} ×${n(count)}`).join(', ') || 'none';
  lines.push(`  checked ${n(summary.checked)}, deferred ${n(summary.deferred)}, errors ${summary.errors.length}; events ${events}`);
  const served = Object.entries(result.site.stats.requests)
    .filter(([key]) => key.startsWith('recheck:'))
    .map(([key, count]) => `${key.slice('recheck:'.length)} ×${n(count)}`)
    .join(', ');
  lines.push(`  site served in the re-check phase (warm-up, raw loop, both fetcher-alone loops, memhole, raw loop): ${served}`);
  lines.push(`  store after: ${n(result.counts.pages)} pages, ${n(result.counts.captures)} captures, ${n(result.counts.blobs)} blobs, ${n(result.counts.articles)} article versions, ${n(result.counts.checks)} checks, ${n(result.counts.events)} events`);
  lines.push('');

  const wallMs = monitor.seconds * 1000;
  const sampledMs = profile.reduce((sum, part) => sum + part.ms, 0);
  lines.push(`where the time goes (memhole run: ${s(wallMs)} wall; process CPU ${s(monitor.cpuMs)} = ${(monitor.cpuMs / wallMs).toFixed(2)} cores; event loop busy ${pct(monitor.eventLoopBusy)})`);
  lines.push(`  main thread, from CPU samples every 1 ms during the run (${s(sampledMs)} sampled):`);
  lines.push(
    ...table(
      [
        ['', 'time', 'share', 'ms per check'],
        ...profile.filter((part) => part.ms > 0).map((part) => [part.name, s(part.ms), pct(part.ms / sampledMs), (part.ms / summary.checked).toFixed(2)]),
      ],
      '    ',
    ),
  );
  lines.push(
    `  fetch: ${n(fetch.count)} fetches, mean ${(fetch.inFlightMs / fetch.count).toFixed(1)} ms from call to result (wire time plus waiting for the busy event loop), ` +
      `${(fetch.inFlightMs / wallMs).toFixed(1)} in flight on average; statuses ${Object.entries(fetch.statuses).map(([k, v]) => `${k} ×${n(v)}`).join(', ')}`,
  );
  const timings = [...store.entries()].filter(([, timing]) => timing.count > 0).sort((a, b) => b[1].ms - a[1].ms);
  lines.push('  store calls (timing wrapper, call to return, GC included; writes are queued and committed together later, see above):');
  lines.push(...table([['', 'calls', 'total', 'ms each'], ...timings.map(([name, t]) => [name, n(t.count), s(t.ms), ms(t.ms / t.count)])], '    '));
  lines.push('');
  lines.push(
    `memory: RSS ${mb(monitor.rssBeforeBytes)} before the run, peak ${mb(monitor.rssPeakBytes)} during it (sampled every 50 ms); ` +
      `process peak ${mb(result.lifetimeMaxRssBytes)} (setup included)`,
  );
  return `${lines.join('\n')}\n`;
}
