/**
 * `npm run bench:recheck`: re-checks per second of runRechecks over N tracked CDT pages on a local site (95%
 * unchanged, 3% edited, 1% 404, 1% a WeChat removal notice) beside a plain undici loop over the same URLs, and
 * where the time goes. Flags --pages N (20000), --concurrency N (32), --seed N, --cpu-profile FILE; helpers in
 * scripts/bench/recheck-*.
 * Exit codes: 0 done, 1 a check failed, 2 bad flags, 3 over the time limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type Store } from '../storage/index.ts';
import { benchFlags, databaseBytes, parseLoopbackFlags, runBounded, type LoopbackFlags } from './bench/bench-run.ts';
import { createCaptureFetcher } from '../src/fetch/capture-fetcher.ts';
import { createExtractor, type Extractor } from '../src/extract/extractor.ts';
import { createHostLimiter } from '../src/fetch/host-limiter.ts';
import type { Fetcher } from '../src/fetch/types.ts';
import { adapterForPage } from '../src/recheck/page-adapter.ts';
import { runRechecks, type RecheckOptions } from '../src/recheck/run-rechecks.ts';
import { DEFAULT_SCHEDULE } from '../src/recheck/schedule.ts';
import { planPages, postPath } from './bench/recheck-pages.ts';
import { countFetches, fetcherLoop, knownBodyLoop, rawUndiciLoop, startRunMonitor, timeStore } from './bench/recheck-probes.ts';
import { breakdown, startCpuProfile } from './bench/recheck-profile.ts';
import { failedChecks, formatRecheckReport } from './bench/recheck-report.ts';
import { seedStore } from './bench/recheck-seed.ts';
import { startBenchSite, type BenchSite } from './bench/recheck-site.ts';

const USAGE = `usage: npm run bench:recheck -- [--pages N] [--concurrency N] [--seed N] [--cpu-profile FILE]
  --pages N           tracked pages to re-check (default 20000)
  --concurrency N     re-checks in flight, and requests in flight for the raw loop (default 32)
  --seed N            seed of the generated pages and of which page gets which fate (default 1)
  --cpu-profile FILE  also write the measured run's V8 CPU profile there (open it in Chrome DevTools)
`;

/** Requests of the untimed warm-up before the first raw loop. */
const WARM_UP_REQUESTS = 2_000;
/** The raw and fetcher-only loops repeat their pass over the URLs until they have run this long. */
const MIN_LOOP_SECONDS = 2;
/** Fetches in flight while archiving the pages during setup. */
const SETUP_CONCURRENCY = 16;

const progress = (message: string): void => {
  process.stderr.write(`bench:recheck: ${message}\n`);
};

function recheckOptions(store: Store, fetcher: Fetcher, concurrency: number, budget: number, extractor?: Extractor): RecheckOptions {
  return {
    store,
    fetcher,
    ...(extractor ? { extractor } : {}),
    // No per-host limit: the limiter lets every re-check through at once, so it measures memhole, not politeness.
    limiter: createHostLimiter({ maxConcurrency: Math.max(32, concurrency), minDelayMs: 0 }),
    adapterFor: adapterForPage([]),
    scheduleFor: () => DEFAULT_SCHEDULE,
    clock: Date.now,
    concurrency,
    budget,
    all: true,
  };
}

async function main(flags: LoopbackFlags): Promise<number> {
  const { pages, concurrency, seed } = flags;
  const plan = planPages(pages, seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'memhole-bench-recheck-'));
  dataDirs.push(dataDir);
  let site: BenchSite | null = null;
  let store: Store | null = null;
  const fetchers: Fetcher[] = [];
  const newFetcher = (): Fetcher => {
    const fetcher = createCaptureFetcher({ userAgent: 'memhole-bench/0.1', timeoutMs: 30_000 });
    fetchers.push(fetcher);
    return fetcher;
  };
  try {
    site = await startBenchSite(pages, seed);
    store = await openSqliteStore({ dataDir });
    const urls = plan.ids.map((id) => `${site!.origin}${postPath(id)}`);

    progress(`archiving ${pages} pages from ${site.origin} into ${dataDir}`);
    const step = Math.max(1, Math.round(pages / 10));
    const seeded = await seedStore({
      store,
      fetcher: newFetcher(),
      origin: site.origin,
      ids: plan.ids,
      concurrency: SETUP_CONCURRENCY,
      onProgress: (done) => {
        if (done % step === 0) progress(`  archived ${done}/${pages}`);
      },
    });
    const started = performance.now();
    // runRechecks plans a first check for every page it has never scheduled before it checks anything; a budget
    // of 0 does only that, so the measured run starts from pages that are tracked and scheduled.
    await runRechecks(recheckOptions(store, newFetcher(), concurrency, 0));
    const scheduleSeconds = (performance.now() - started) / 1000;

    await site.setPhase('recheck');
    // Connections and JIT-compiled code warmed up first, so the first raw figure is not a cold start.
    await rawUndiciLoop(urls.slice(0, WARM_UP_REQUESTS), concurrency);
    progress('raw undici loop (before)');
    const rawBefore = await rawUndiciLoop(urls, concurrency, MIN_LOOP_SECONDS);

    progress('capture fetcher alone');
    const fetcherOnly = await fetcherLoop(newFetcher(), urls, concurrency, MIN_LOOP_SECONDS);
    progress('capture fetcher alone, each body known (as for an unchanged page)');
    const knownBody = await knownBodyLoop(newFetcher(), urls, concurrency, MIN_LOOP_SECONDS);

    progress(`memhole runRechecks over ${pages} pages, concurrency ${concurrency}`);
    const timed = timeStore(store);
    const counted = countFetches(newFetcher());
    // As `memhole recheck` runs: changed pages are parsed and extracted in worker threads once the run is going.
    const extractor = createExtractor();
    // The sampling profiler runs during the measured run itself: at one sample per millisecond its cost is lost in
    // the run-to-run noise, and the breakdown then describes exactly the run whose rate is printed.
    const profiler = await startCpuProfile();
    const monitor = startRunMonitor();
    const summary = await runRechecks(recheckOptions(timed.store, counted.fetcher, concurrency, pages, extractor)).finally(() => extractor.close());
    const seen = monitor.stop();
    const cpuProfile = await profiler.stop();
    if (flags.cpuProfile) writeFileSync(flags.cpuProfile, JSON.stringify(cpuProfile));
    const profile = breakdown(cpuProfile);

    progress('raw undici loop (after)');
    const rawAfter = await rawUndiciLoop(urls, concurrency, MIN_LOOP_SECONDS);
    const counts = await store.counts();
    await store.close();
    store = null;
    const result = {
      pages,
      concurrency,
      seed,
      node: process.version,
      cpus: availableParallelism(),
      plan: plan.counts,
      site: { origin: site.origin, stats: await site.stats() },
      setup: { seed: seeded, scheduleSeconds, dbBytes: databaseBytes(dataDir), dataDir },
      rawBefore,
      fetcherOnly,
      knownBody,
      rawAfter,
      run: { summary, monitor: seen, store: timed.timings, fetch: counted.stats, profile },
      counts,
      lifetimeMaxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(formatRecheckReport(result));
    const failed = failedChecks(result);
    for (const failure of failed) process.stdout.write(`CHECK FAILED: ${failure}\n`);
    return failed.length ? 1 : 0;
  } finally {
    await Promise.allSettled(fetchers.map((fetcher) => fetcher.close()));
    await store?.close();
    await site?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Temporary data directories, removed even when the time limit cuts the run short. */
const dataDirs: string[] = [];

const flags = benchFlags('bench:recheck', USAGE, (argv) => parseLoopbackFlags(argv, { fallback: 20_000, min: 100 }));
// A bound on the whole run, setup included, generous against the slowest rate seen (about 100 pages/s each way).
await runBounded(120_000 + flags.pages * 60, dataDirs, progress, () => main(flags));
