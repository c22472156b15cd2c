/**
 * The three measured phases of the crawl throughput benchmark (`npm run bench:crawl`): memhole's crawl() with
 * its real fetcher, store and CDT adapter; crawlee's CheerioCrawler fetching and parsing the same URLs; and the
 * plain undici loop. Each phase runs under a monitor of wall time, CPU and RSS (recheck-probes.ts).
 */
import { CheerioCrawler, Configuration, log as crawleeLog } from 'crawlee';
import { createExtractor, type Extractor } from '../../src/extract/extractor.ts';
import { cdtAdapter } from '../../crawlers/cdt/index.ts';
import type { Store } from '../../storage/index.ts';
import { crawl, type CrawlSummary } from '../../src/archive/crawl.ts';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { createHostLimiter } from '../../src/fetch/host-limiter.ts';
import { countFetches, rawUndiciLoop, startRunMonitor, timeStore, type CallTiming, type FetchStats, type LoopResult, type RunMonitorResult } from './recheck-probes.ts';
import { breakdown, CATEGORIES as RECHECK_CATEGORIES, inFile, startCpuProfile, type Category } from './recheck-profile.ts';

/** What the CheerioCrawler phase saw. */
export interface CheerioResult {
  handled: number;
  failed: number;
  /** Characters of `<h1>` text read, so the parse cannot be skipped as dead work. */
  h1Chars: number;
  monitor: RunMonitorResult;
}

/** crawlee's CheerioCrawler over the URLs: fetch, parse with cheerio, read the headline. */
export async function cheerioPhase(urls: readonly string[], concurrency: number): Promise<CheerioResult> {
  crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const result = { handled: 0, failed: 0, h1Chars: 0 };
  const crawler = new CheerioCrawler(
    {
      // Only maxConcurrency, as memhole's crawl-runner.ts sets it: both let crawlee's autoscaling ramp up the same way.
      maxConcurrency: concurrency,
      maxRequestRetries: 0,
      useSessionPool: false,
      statisticsOptions: { logIntervalSecs: 86_400, saveErrorSnapshots: false },
      async requestHandler({ $ }) {
        result.h1Chars += $('h1').text().length;
        result.handled++;
      },
      failedRequestHandler() {
        result.failed++;
      },
    },
    config,
  );
  const monitor = startRunMonitor();
  await crawler.run([...urls]);
  const seen = monitor.stop();
  await crawler.teardown();
  return { ...result, monitor: seen };
}

/** The plain undici loop: one `request()` per URL, body read to the end, nothing else. */
export async function undiciPhase(urls: readonly string[], concurrency: number, minSeconds: number): Promise<{ loop: LoopResult; monitor: RunMonitorResult }> {
  const monitor = startRunMonitor();
  const loop = await rawUndiciLoop(urls, concurrency, minSeconds);
  return { loop, monitor: monitor.stop() };
}

/**
 * Where crawl()'s main thread goes, most specific first (a sample counts for the first category with a frame on
 * its stack): the captcha check parses each page once more, markdown runs outside the Store call, and SQLite
 * with brotli compression runs inside it.
 */
export const CRAWL_CATEGORIES: readonly Category[] = [
  ...RECHECK_CATEGORIES.filter((c) => c.name === 'GC' || c.name === 'idle'),
  { name: 'wall check: pageEvidence (cheerio parse)', matches: (f) => f.functionName === 'pageEvidence' && inFile(f, '/src/recheck/page-evidence.ts') },
  { name: 'markdown (bodyToMarkdown, turndown)', matches: (f) => inFile(f, '/src/markdown/') || inFile(f, '/node_modules/turndown/') },
  { name: 'CDT extraction (adapter.extract)', matches: (f) => inFile(f, '/crawlers/') },
  { name: 'store writes (SQLite, brotli, hashing)', matches: (f) => inFile(f, '/storage/') || inFile(f, '/node_modules/better-sqlite3/') || inFile(f, '/node_modules/drizzle-orm/') },
  { name: 'fetcher (capture fetcher, charset, undici)', matches: (f) => inFile(f, '/src/fetch/capture-fetcher.ts') || inFile(f, '/src/fetch/charset.ts') || inFile(f, '/node_modules/undici/') },
  { name: 'crawl runner (crawlee BasicCrawler, limiter)', matches: (f) => inFile(f, '/crawlee/') || inFile(f, '/@crawlee/') || inFile(f, '/src/fetch/') || inFile(f, '/node_modules/p-queue/') },
  { name: 'crawl.ts / record.ts (the rest)', matches: (f) => inFile(f, '/src/archive/') },
  { name: 'node internals (sockets, streams, timers)', matches: (f) => f.url.startsWith('node:') },
  { name: 'V8 and native, unattributed', matches: (f) => f.functionName === '(program)' },
];

/** What the memhole phase saw. */
export interface MemholeResult {
  summary: CrawlSummary;
  monitor: RunMonitorResult;
  store: Map<string, CallTiming>;
  fetch: FetchStats;
  /** Analyses (extraction and markdown), call to result, and how many ran in worker threads. */
  extract: CallTiming & { offloaded: number };
  profile: { name: string; ms: number }[];
  /** The crawl's whole V8 CPU profile (main thread), for a closer look in Chrome DevTools. */
  cpuProfile: object;
}

/** The extractor with every analysis timed from call to result (inline it holds the thread; in a worker it waits). */
function timeExtractor(extractor: Extractor): { extractor: Extractor; timing: CallTiming } {
  const timing: CallTiming = { count: 0, ms: 0 };
  return {
    timing,
    extractor: {
      async analyze(adapter, page) {
        const started = performance.now();
        try {
          return await extractor.analyze(adapter, page);
        } finally {
          timing.ms += performance.now() - started;
          timing.count++;
        }
      },
      get offloaded() {
        return extractor.offloaded;
      },
      close: () => extractor.close(),
    },
  };
}

/**
 * memhole's whole pipeline over the URLs, read as articles: crawl() with the capture fetcher, the store it is
 * given, the CDT adapter, no images, no browser. The Store, Fetcher and adapter are wrapped for timing; the
 * sampling profiler runs during the crawl.
 */
export async function memholePhase(urls: readonly string[], store: Store, concurrency: number): Promise<MemholeResult> {
  const fetcher = createCaptureFetcher({ userAgent: 'memhole-bench/0.1', timeoutMs: 30_000 });
  const timed = timeStore(store);
  const counted = countFetches(fetcher);
  const extract = timeExtractor(createExtractor());
  try {
    const profiler = await startCpuProfile();
    const monitor = startRunMonitor();
    const summary = await crawl([...urls], {
      store: timed.store,
      fetcher: counted.fetcher,
      limiter: createHostLimiter({ maxConcurrency: concurrency, minDelayMs: 0 }),
      adapterFor: () => cdtAdapter,
      extractor: extract.extractor,
      sourceId: () => 'cdt',
      limits: { maxArticles: urls.length, maxListingPages: 0 },
      // 127.0.0.1 is not a CDT host, so the URLs' role is given, as `memhole add` gives it.
      startAsArticles: true,
      retries: 0,
      concurrency,
      clock: Date.now,
      render: { mode: 'never', executablePath: '', timeoutMs: 30_000 },
      archiveImages: false,
    });
    const seen = monitor.stop();
    const cpuProfile = await profiler.stop();
    const profile = breakdown(cpuProfile, CRAWL_CATEGORIES);
    return { summary, monitor: seen, store: timed.timings, fetch: counted.stats, extract: { ...extract.timing, offloaded: extract.extractor.offloaded }, profile, cpuProfile };
  } finally {
    await extract.extractor.close();
    await fetcher.close();
  }
}
