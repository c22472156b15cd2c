/**
 * Runs page analysis (page-analysis.ts) off the main thread when a crawl or a re-check run is large enough to
 * gain from it: extraction and markdown are what bound a crawl's main thread (TOOLCHAIN.md), while fetching and
 * SQLite stay where they are. The first pages are analysed inline, so a small crawl or `memhole add` never
 * waits for workers to start; an adapter outside the registry (configured per source) is always analysed
 * inline, and so is everything after a worker dies.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { PageInput, SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterById } from '../../crawlers/index.ts';
import { analyzePage, type AnalysisOptions, type PageAnalysis } from './page-analysis.ts';

export interface AnalysisTask {
  id: number;
  /** Null: evidence only. */
  adapterId: string | null;
  page: PageInput;
  options: AnalysisOptions;
}

export interface AnalysisReply {
  id: number;
  analysis: PageAnalysis | null;
  error: string | null;
}

export interface Extractor {
  analyze(adapter: SourceAdapter | null, page: PageInput, options?: AnalysisOptions): Promise<PageAnalysis>;
  /** Pages analysed by workers so far. */
  readonly offloaded: number;
  close(): Promise<void>;
}

export interface ExtractorOptions {
  /** Worker threads; 0 analyses everything on the calling thread. Default: one fewer than the cores, 1 to 4. */
  threads?: number;
  /** Pages analysed inline before the workers start (default 16). */
  inlineFirst?: number;
  /** How busy the calling thread has been of late, from 0 to 1: measured from its event loop by default. */
  threadBusyness?: () => number;
}

/** Analyses every page on the calling thread. */
export const inlineExtractor: Extractor = {
  analyze: async (adapter, page, options) => analyzePage(adapter, page, options),
  offloaded: 0,
  close: async () => {},
};

const DEFAULT_INLINE_FIRST = 16;
/**
 * Pages a worker holds at once. Its answers wait in the calling thread's event loop while that thread is busy
 * (with pages it took itself, among other work), so a short queue leaves the worker idle between them.
 */
const QUEUED_PER_WORKER = 8;
const MAX_DEFAULT_THREADS = 4;

/** The calling thread has time to spare for a page while its event loop was busy less than this share of late. */
const SPARE_TIME_BELOW = 0.8;
/** How long a measure of the calling thread's busyness stands before it is taken again. */
const BUSY_WINDOW_MS = 200;

let busyMeasure = { at: performance.now(), utilization: performance.eventLoopUtilization(), busy: 0 };

/** The share of the last window or so that the calling thread's event loop spent busy. */
function callingThreadBusy(): number {
  const now = performance.now();
  if (now - busyMeasure.at >= BUSY_WINDOW_MS) {
    const utilization = performance.eventLoopUtilization();
    busyMeasure = { at: now, utilization, busy: performance.eventLoopUtilization(utilization, busyMeasure.utilization).utilization };
  }
  return busyMeasure.busy;
}

export function defaultExtractionThreads(): number {
  return Math.min(MAX_DEFAULT_THREADS, Math.max(1, availableParallelism() - 1));
}

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const threads = options.threads ?? defaultExtractionThreads();
  if (threads <= 0) return inlineExtractor;
  const inlineFirst = options.inlineFirst ?? DEFAULT_INLINE_FIRST;
  const threadBusyness = options.threadBusyness ?? callingThreadBusy;
  let analysedInline = 0;
  let pool: WorkerPool | null = null;
  let offloaded = 0;
  return {
    async analyze(adapter, page, options = {}) {
      // Only a registry adapter can be rebuilt in a worker from its id.
      const portable = adapter === null || adapterById(adapter.id) === adapter;
      // With every worker busy, the calling thread takes the page itself if it has time to spare: on few cores a
      // queue behind the workers would leave it idle while pages wait. A busy calling thread (fetching and writing
      // SQLite for a whole crawl) queues the page instead, or it would become the crawl's bottleneck.
      const takeItself = pool !== null && pool.saturated() && threadBusyness() < SPARE_TIME_BELOW;
      if (!portable || analysedInline < inlineFirst || pool?.broken || takeItself) {
        if (portable) analysedInline++;
        return analyzePage(adapter, page, options);
      }
      pool ??= startPool(threads);
      try {
        const analysis = await pool.run(adapter?.id ?? null, page, options);
        offloaded++;
        return analysis;
      } catch (error) {
        if (!(error instanceof WorkerDied)) throw error;
        return analyzePage(adapter, page, options);
      }
    },
    get offloaded() {
      return offloaded;
    },
    async close() {
      await pool?.close();
    },
  };
}

/** A worker stopped: its tasks are redone inline rather than lost. */
class WorkerDied extends Error {}

interface WorkerPool {
  broken: boolean;
  /** True when every worker has as many pages waiting as it should queue. */
  saturated(): boolean;
  run(adapterId: string | null, page: PageInput, options: AnalysisOptions): Promise<PageAnalysis>;
  close(): Promise<void>;
}

function startPool(size: number): WorkerPool {
  const script = new URL('./extraction-worker.ts', import.meta.url).href;
  // Node 20 does not carry tsx's loader into worker threads: each worker registers it before loading the script.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  const waiting = new Map<number, { worker: number; resolve: (analysis: PageAnalysis) => void; reject: (error: Error) => void }>();
  const outstanding = new Array<number>(size).fill(0);
  let nextId = 0;
  const pool: WorkerPool = {
    broken: false,
    saturated: () => outstanding.every((count) => count >= QUEUED_PER_WORKER),
    run(adapterId, page, options) {
      const index = outstanding.indexOf(Math.min(...outstanding));
      const id = nextId++;
      // A worker keeps the process alive only while it owes an answer.
      if (outstanding[index]!++ === 0) workers[index]!.ref();
      return new Promise<PageAnalysis>((resolve, reject) => {
        waiting.set(id, { worker: index, resolve, reject });
        workers[index]!.postMessage({ id, adapterId, page, options } satisfies AnalysisTask);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
  const settle = (id: number): { resolve: (analysis: PageAnalysis) => void; reject: (error: Error) => void } | undefined => {
    const entry = waiting.get(id);
    if (!entry) return undefined;
    waiting.delete(id);
    if (--outstanding[entry.worker]! === 0) workers[entry.worker]!.unref();
    return entry;
  };
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(bootstrap, { eval: true, execArgv: [] });
    worker.unref();
    worker.on('message', (reply: AnalysisReply) => {
      const entry = settle(reply.id);
      if (reply.error !== null || reply.analysis === null) entry?.reject(new Error(reply.error ?? 'extraction failed'));
      else entry?.resolve(reply.analysis);
    });
    const fail = (error: Error): void => {
      pool.broken = true;
      for (const [id, entry] of [...waiting]) if (entry.worker === index) settle(id)?.reject(new WorkerDied(error.message));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`extraction worker exited with code ${code}`)));
    return worker;
  });
  return pool;
}
