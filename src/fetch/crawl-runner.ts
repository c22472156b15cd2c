/**
 * Crawlee's BasicCrawler driving our capture fetcher: crawlee owns the queue, deduplication, retries and
 * autoscaling; every fetch goes through the per-host limiter and the fetcher, which records what the wire
 * said. Transient failures are retried; anything else (a 404 included) reaches the handler as a result.
 */
import { BasicCrawler, Configuration, NonRetryableError, log as crawleeLog } from 'crawlee';
import type { HostLimiter } from './host-limiter.ts';
import { TRANSIENT_FAILURES, type FetchOptions, type FetchResult, type Fetcher } from './types.ts';

/** One URL to crawl and why. */
export interface CrawlTask {
  url: string;
  /** What the handler should do with it (article, listing, feed...). */
  label: string;
  /** Defaults to the URL; two tasks with one key are fetched once per run. */
  uniqueKey?: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface CrawlContext {
  /** Add tasks to this run's queue. */
  enqueue(tasks: CrawlTask[]): Promise<void>;
  /** Attempts made before this one. */
  retryCount: number;
}

export interface CrawlRunnerOptions {
  fetcher: Fetcher;
  limiter: HostLimiter;
  /** Retries of a transient failure before its last result is handed over as it is. */
  maxRetries: number;
  maxConcurrency: number;
  /** Per-request headers (an adapter's fetch hints). */
  fetchOptions?: (task: CrawlTask) => FetchOptions;
  /** Receives every final result: success, 404, or a failure after its retries. */
  onResult: (task: CrawlTask, result: FetchResult, context: CrawlContext) => Promise<void>;
  /** Whether a task may be fetched at all (robots.txt); a refused task goes to `onRefused`, not the fetcher. */
  mayFetch?: (task: CrawlTask) => Promise<boolean>;
  onRefused?: (task: CrawlTask) => void;
  /** Called when the handler itself failed (a bug or a storage error); the run goes on. */
  onError: (task: CrawlTask, error: Error) => void;
  /** Upper bound on the handler's run time per request. */
  handlerTimeoutSecs?: number;
}

/** Thrown to make crawlee retry: the fetch failed in a way a later attempt may not. */
class TransientFetchError extends Error {
  override readonly name = 'TransientFetchError';
}

/** A result worth another attempt in the same run: a network failure that passes, or a server error. */
export function isTransient(result: FetchResult): boolean {
  if (result.failure) return TRANSIENT_FAILURES.has(result.failure.kind);
  return result.status !== null && (result.status >= 500 || result.status === 429);
}

/** Crawl the tasks and everything the handler enqueues; resolves when the queue is empty. */
export async function runCrawl(tasks: CrawlTask[], options: CrawlRunnerOptions): Promise<void> {
  // crawlee logs progress on its own; memhole reports its own counts.
  crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const toRequest = (task: CrawlTask) => ({
    url: task.url,
    uniqueKey: task.uniqueKey ?? `${task.label}:${task.url}`,
    label: task.label,
    userData: { task },
  });
  const crawler: BasicCrawler = new BasicCrawler(
    {
      maxRequestRetries: options.maxRetries,
      maxConcurrency: options.maxConcurrency,
      // The configured concurrency, held: politeness is the host limiter's job, and crawlee's autoscaling reads
      // the whole machine's CPU, so extraction in our own worker threads, or any other busy process, would
      // hold it at one page at a time (it starts no task while "overloaded" and at or above minConcurrency).
      minConcurrency: options.maxConcurrency,
      useSessionPool: false,
      requestHandlerTimeoutSecs: options.handlerTimeoutSecs ?? 300,
      statisticsOptions: { logIntervalSecs: 86_400, saveErrorSnapshots: false },
      async requestHandler({ request }) {
        const task = request.userData.task as CrawlTask;
        if (options.mayFetch && !(await options.mayFetch(task))) {
          options.onRefused?.(task);
          return;
        }
        const result = await options.limiter.schedule(task.url, () =>
          options.fetcher.fetch(task.url, options.fetchOptions?.(task) ?? {}),
        );
        if (isTransient(result) && request.retryCount < options.maxRetries) {
          throw new TransientFetchError(`${result.failure?.kind ?? result.status} on ${task.url}`);
        }
        const context: CrawlContext = {
          retryCount: request.retryCount,
          enqueue: async (more) => {
            if (more.length) await crawler.addRequests(more.map(toRequest));
          },
        };
        try {
          await options.onResult(task, result, context);
        } catch (error) {
          throw new NonRetryableError((error as Error).message, { cause: error });
        }
      },
      failedRequestHandler({ request }, error) {
        const task = request.userData.task as CrawlTask;
        const cause = (error as Error & { cause?: unknown }).cause;
        options.onError(task, cause instanceof Error ? cause : (error as Error));
      },
    },
    config,
  );
  await crawler.run(tasks.map(toRequest));
  await crawler.teardown();
}
