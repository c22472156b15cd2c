/**
 * Instruments of the re-check throughput benchmark: a timing wrapper around the Store, a counting wrapper
 * around the Fetcher (both passed to runRechecks in place of the real ones), the plain undici loop and the
 * fetcher-only loops (decoding, and hashing a known body) it is compared with, and a monitor of event-loop use, CPU and RSS during a run.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { sha256Hex, type Store } from '../../storage/index.ts';
import type { Fetcher, KnownBody } from '../../src/fetch/types.ts';

/** Calls to one Store method and the time they held the thread. */
export interface CallTiming {
  count: number;
  ms: number;
}

/**
 * Wraps a Store so that every call is counted and timed. SqliteStore does all its work synchronously before
 * returning a settled promise, so the time from call to return is the whole cost, with no other task mixed in.
 */
export function timeStore(store: Store): { store: Store; timings: Map<string, CallTiming> } {
  const timings = new Map<string, CallTiming>();
  const wrapped = new Map<PropertyKey, unknown>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let wrapper = wrapped.get(property);
      if (!wrapper) {
        const timing: CallTiming = { count: 0, ms: 0 };
        timings.set(property, timing);
        wrapper = (...args: unknown[]): unknown => {
          const started = performance.now();
          try {
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          } finally {
            timing.ms += performance.now() - started;
            timing.count++;
          }
        };
        wrapped.set(property, wrapper);
      }
      return wrapper;
    },
  });
  return { store: proxy, timings };
}

/** What went through a fetcher. */
export interface FetchStats {
  count: number;
  /** Sum over fetches of call-to-settle time: waiting on the wire and on a busy event loop alike. */
  inFlightMs: number;
  bytes: number;
  statuses: Record<string, number>;
}

/** Wraps a Fetcher to count fetches, bytes, statuses and time in flight. */
export function countFetches(fetcher: Fetcher): { fetcher: Fetcher; stats: FetchStats } {
  const stats: FetchStats = { count: 0, inFlightMs: 0, bytes: 0, statuses: {} };
  return {
    stats,
    fetcher: {
      async fetch(url, options) {
        const started = performance.now();
        const result = await fetcher.fetch(url, options);
        stats.inFlightMs += performance.now() - started;
        stats.count++;
        stats.bytes += result.body.byteLength;
        const status = result.failure ? `failure:${result.failure.kind}` : String(result.status);
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        return result;
      },
      close: () => fetcher.close(),
    },
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function runLanes<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** A loop's requests, time and what it received. */
export interface LoopResult {
  requests: number;
  /** Passes over the URL list: more than one when one pass is too short to time well. */
  passes: number;
  seconds: number;
  bytes: number;
  statuses: Record<string, number>;
  /** CPU time of the whole process (all threads) during the loop, in ms. */
  cpuMs: number;
}

/**
 * Runs `get` over the URLs, pass after pass, until at least `minSeconds` have gone by (one pass at least):
 * a pass over a few thousand URLs on loopback takes a few tenths of a second, too short to time well.
 */
async function loop(
  urls: readonly string[],
  concurrency: number,
  minSeconds: number,
  get: (url: string) => Promise<{ bytes: number; status: string }>,
): Promise<LoopResult> {
  const result: LoopResult = { requests: 0, passes: 0, seconds: 0, bytes: 0, statuses: {}, cpuMs: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  do {
    await runLanes(urls, concurrency, async (url) => {
      const { bytes, status } = await get(url);
      result.requests++;
      result.bytes += bytes;
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    });
    result.passes++;
    result.seconds = (performance.now() - started) / 1000;
  } while (result.seconds < minSeconds);
  const used = process.cpuUsage(cpu);
  result.cpuMs = (used.user + used.system) / 1000;
  return result;
}

/** The baseline: `undici.request()` over the URLs, each body read to the end, nothing else done with it. */
export async function rawUndiciLoop(urls: readonly string[], concurrency: number, minSeconds = 0): Promise<LoopResult> {
  const dispatcher = new Agent();
  try {
    return await loop(urls, concurrency, minSeconds, async (url) => {
      const response = await request(url, { dispatcher });
      const body = await response.body.arrayBuffer();
      return { bytes: body.byteLength, status: String(response.statusCode) };
    });
  } finally {
    await dispatcher.close();
  }
}

/** The capture fetcher alone over the URLs: no limiter, no store, no classification. */
export async function fetcherLoop(fetcher: Fetcher, urls: readonly string[], concurrency: number, minSeconds = 0): Promise<LoopResult> {
  return loop(urls, concurrency, minSeconds, async (url) => {
    const fetched = await fetcher.fetch(url);
    return { bytes: fetched.body.byteLength, status: fetched.failure ? `failure:${fetched.failure.kind}` : String(fetched.status) };
  });
}

/**
 * The capture fetcher as a re-check of an unchanged page uses it: told each URL's archived body (learnt in an
 * untimed first pass), so it hashes the bytes and skips decoding them. Every page takes that path here, so the
 * rate is the ceiling of a re-check run before any store read, classification or write.
 */
export async function knownBodyLoop(fetcher: Fetcher, urls: readonly string[], concurrency: number, minSeconds = 0): Promise<LoopResult> {
  const known = new Map<string, KnownBody>();
  await runLanes(urls, concurrency, async (url) => {
    const fetched = await fetcher.fetch(url);
    known.set(url, { sha256: sha256Hex(fetched.body), size: fetched.body.byteLength, contentType: fetched.contentType, finalUrl: fetched.finalUrl, charset: fetched.charset });
  });
  return loop(urls, concurrency, minSeconds, async (url) => {
    const fetched = await fetcher.fetch(url, { knownBody: known.get(url) ?? null });
    if (fetched.status === 200 && !fetched.decodeSkipped) throw new Error(`the capture fetcher decoded ${url} though its body was known`);
    return { bytes: fetched.body.byteLength, status: fetched.failure ? `failure:${fetched.failure.kind}` : String(fetched.status) };
  });
}

/** The process during a run. */
export interface RunMonitorResult {
  seconds: number;
  /** Share of the run the main thread's event loop was busy (event-loop utilisation). */
  eventLoopBusy: number;
  /** CPU time of the whole process (all threads), in ms. */
  cpuMs: number;
  rssBeforeBytes: number;
  /** Highest RSS sampled every 50 ms during the run. */
  rssPeakBytes: number;
}

/** Starts watching the process; `stop()` returns what it saw. */
export function startRunMonitor(): { stop(): RunMonitorResult } {
  const started = performance.now();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const rssBeforeBytes = process.memoryUsage.rss();
  let rssPeakBytes = rssBeforeBytes;
  const sampler = setInterval(() => {
    rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
  }, 50);
  sampler.unref();
  return {
    stop() {
      clearInterval(sampler);
      rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
      const used = process.cpuUsage(cpu);
      return {
        seconds: (performance.now() - started) / 1000,
        eventLoopBusy: performance.eventLoopUtilization(elu).utilization,
        cpuMs: (used.user + used.system) / 1000,
        rssBeforeBytes,
        rssPeakBytes,
      };
    },
  };
}
