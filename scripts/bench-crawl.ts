/**
 * `npm run bench:crawl`: pages per second of memhole's crawl() (capture fetcher, SQLite store, CDT adapter) beside
 * crawlee's CheerioCrawler and a plain undici loop over the same 30 to 80 KB CDT pages on a loopback site, with RSS
 * per phase and where memhole's time goes. Flags --pages N (2000), --concurrency N (32), --seed N, --cpu-profile FILE; helpers in
 * scripts/bench/crawl-*. Exit codes: 0 done, 1 a check failed, 2 bad flags, 3 over the time limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openSqliteStore, type Store } from '../storage/index.ts';
import { benchFlags, databaseBytes, parseLoopbackFlags, runBounded, type LoopbackFlags } from './bench/bench-run.ts';
import { cheerioPhase, memholePhase, undiciPhase } from './bench/crawl-phases.ts';
import { failedChecks, formatCrawlReport } from './bench/crawl-report.ts';
import { planPages, postPath, type PageSize } from './bench/recheck-pages.ts';
import { rawUndiciLoop } from './bench/recheck-probes.ts';
import { startBenchSite, type BenchSite } from './bench/recheck-site.ts';

const USAGE = `usage: npm run bench:crawl -- [--pages N] [--concurrency N] [--seed N] [--cpu-profile FILE]
  --pages N           article pages to crawl (default 2000)
  --concurrency N     requests in flight in every phase, and memhole's per-host limit (default 32)
  --seed N            seed of the generated pages (default 1)
  --cpu-profile FILE  also write memhole's crawl's V8 CPU profile there (open it in Chrome DevTools)
`;

/** Realistic article pages: CDT posts with long bodies run from 30 to 80 KB. */
const PAGE_SIZE: PageSize = { minBytes: 30_000, maxBytes: 80_000 };
/** The undici loop repeats its pass over the URLs until it has run this long: one pass is too short to time well. */
const MIN_LOOP_SECONDS = 2;

const progress = (message: string): void => {
  process.stderr.write(`bench:crawl: ${message}\n`);
};

/**
 * A full garbage collection, so each phase starts from the heap the previous one left live rather than from its
 * garbage, and its RSS peak is its own as far as one process allows.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

async function main(flags: LoopbackFlags): Promise<number> {
  const { pages, concurrency, seed } = flags;
  const dataDir = mkdtempSync(join(tmpdir(), 'memhole-bench-crawl-'));
  dataDirs.push(dataDir);
  let site: BenchSite | null = null;
  let store: Store | null = null;
  try {
    site = await startBenchSite(pages, seed, PAGE_SIZE);
    const urls = planPages(pages, seed).ids.map((id) => `${site!.origin}${postPath(id)}`);
    // The site renders each page on first request: one untimed pass renders them all (and warms up connections
    // and JIT), so no measured phase pays for page generation.
    progress(`warm-up: ${pages} pages from ${site.origin}`);
    await rawUndiciLoop(urls, concurrency);

    collectGarbage();
    progress('plain undici loop');
    const undici = await undiciPhase(urls, concurrency, MIN_LOOP_SECONDS);

    collectGarbage();
    progress('crawlee CheerioCrawler');
    const cheerio = await cheerioPhase(urls, concurrency);

    collectGarbage();
    progress(`memhole crawl() into ${dataDir}`);
    store = await openSqliteStore({ dataDir });
    const memhole = await memholePhase(urls, store, concurrency);
    if (flags.cpuProfile) writeFileSync(flags.cpuProfile, JSON.stringify(memhole.cpuProfile));
    const counts = await store.counts();
    await store.close();
    store = null;

    const result = {
      pages,
      concurrency,
      seed,
      node: process.version,
      cpus: availableParallelism(),
      site: { origin: site.origin, stats: await site.stats() },
      undici,
      cheerio,
      memhole,
      counts,
      dbBytes: databaseBytes(dataDir),
    };
    process.stdout.write(formatCrawlReport(result));
    const failed = failedChecks(result);
    for (const failure of failed) process.stdout.write(`CHECK FAILED: ${failure}\n`);
    return failed.length ? 1 : 0;
  } finally {
    await store?.close();
    await site?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Temporary data directories, removed even when the time limit cuts the run short. */
const dataDirs: string[] = [];

const flags = benchFlags('bench:crawl', USAGE, (argv) => parseLoopbackFlags(argv, { fallback: 2_000, min: 10 }));
// A bound on the whole run, generous against the slowest rate seen (about 20 pages/s for memhole).
await runBounded(120_000 + flags.pages * 100, dataDirs, progress, () => main(flags));
