/**
 * The re-check benchmark's setup: archives every page once, the way a crawl archives an article page. Each page
 * is fetched with the capture fetcher, extracted by the CDT adapter (in worker threads, recheck-extract-worker.ts)
 * and written with record.ts's resolvePage, recordFetch and linkOrigin and the Store's recordArticle and
 * recordThread: the calls crawl.ts makes, minus crawlee's queue. Not part of the measured figure.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractedArticle } from '../../crawlers/adapter.ts';
import { cdtAdapter } from '../../crawlers/cdt/index.ts';
import type { ArticleInput, Store, ThreadInput } from '../../storage/index.ts';
import { linkOrigin, recordFetch, resolvePage } from '../../src/archive/record.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { postPath } from './recheck-pages.ts';

/** A page for a worker to extract. */
export interface ExtractTask {
  key: number;
  url: string;
  finalUrl: string;
  contentType: string | null;
  text: string;
}

/** What a worker made of a page: the extraction and the rows record.ts derives from it. */
export interface ExtractReply {
  key: number;
  extracted: ExtractedArticle | null;
  article: Omit<ArticleInput, 'pageId' | 'captureId'> | null;
  thread: Omit<ThreadInput, 'pageId' | 'captureId'> | null;
  error: string | null;
}

export interface SeedOptions {
  store: Store;
  fetcher: Fetcher;
  origin: string;
  ids: readonly number[];
  /** Fetches in flight. */
  concurrency: number;
  onProgress?: (done: number) => void;
}

export interface SeedSummary {
  pages: number;
  articles: number;
  threads: number;
  workers: number;
  seconds: number;
}

const SOURCE_ID = 'cdt';

export async function seedStore(options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const pool = createExtractPool(Math.max(1, availableParallelism()));
  let next = 0;
  let done = 0;
  let articles = 0;
  let threads = 0;
  const seedOne = async (id: number): Promise<void> => {
    const url = `${options.origin}${postPath(id)}`;
    const result = await options.fetcher.fetch(url, { headers: cdtAdapter.fetchHints.headers ?? {} });
    if (result.status !== 200 || result.text === null) {
      throw new Error(`setup fetch of ${url} gave ${result.failure?.message ?? `HTTP ${result.status}`}`);
    }
    const reply = await pool.extract({ key: id, url, finalUrl: result.finalUrl, contentType: result.contentType, text: result.text });
    if (reply.error !== null || !reply.extracted || !reply.article) {
      throw new Error(`setup extraction of ${url} failed: ${reply.error ?? 'no article found'}`);
    }
    const page = await resolvePage(options.store, cdtAdapter, SOURCE_ID, 'article', url, result.startedAt, reply.extracted);
    const capture = await recordFetch(options.store, page, result);
    const written = await options.store.recordArticle({ ...reply.article, pageId: page.id, captureId: capture.id });
    if (written.created) articles++;
    if (reply.thread) {
      const thread = await options.store.recordThread({ ...reply.thread, pageId: page.id, captureId: capture.id }, capture.capturedAt);
      if (thread.created) threads++;
    }
    await linkOrigin(options.store, cdtAdapter, page, reply.extracted, capture.capturedAt);
    done++;
    options.onProgress?.(done);
  };
  try {
    const lanes = Array.from({ length: Math.max(1, options.concurrency) }, async () => {
      while (next < options.ids.length) await seedOne(options.ids[next++]!);
    });
    await Promise.all(lanes);
  } finally {
    await pool.close();
  }
  return { pages: done, articles, threads, workers: pool.size, seconds: (performance.now() - started) / 1000 };
}

interface ExtractPool {
  size: number;
  extract(task: ExtractTask): Promise<ExtractReply>;
  close(): Promise<void>;
}

/** Workers running recheck-extract-worker.ts; each task goes to the worker with the fewest outstanding. */
function createExtractPool(size: number): ExtractPool {
  const script = new URL('./recheck-extract-worker.ts', import.meta.url).href;
  // Node 20 does not carry tsx's loader into worker threads: each worker registers it before loading the script.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  const waiting = new Map<number, { resolve: (reply: ExtractReply) => void; reject: (error: Error) => void }>();
  const outstanding = new Array<number>(size).fill(0);
  let broken: Error | null = null;
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(bootstrap, { eval: true, execArgv: [] });
    worker.on('message', (reply: ExtractReply) => {
      outstanding[index]!--;
      waiting.get(reply.key)?.resolve(reply);
      waiting.delete(reply.key);
    });
    worker.on('error', (error) => {
      // A dead worker answers nothing more: fail what waits on any worker, and every later task at once.
      broken = error;
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
    return worker;
  });
  return {
    size,
    extract(task) {
      if (broken) return Promise.reject(broken);
      const index = outstanding.indexOf(Math.min(...outstanding));
      outstanding[index]!++;
      return new Promise<ExtractReply>((resolve, reject) => {
        waiting.set(task.key, { resolve, reject });
        workers[index]!.postMessage(task);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
