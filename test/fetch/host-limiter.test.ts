/**
 * The per-host limiter: spacing between request starts, concurrency per host, independence of hosts,
 * per-host overrides and idle(). Start times are recorded by the tasks themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { createHostLimiter } from '../../src/fetch/host-limiter.ts';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
// Date.now() is read a moment after the queue reads it, so two readings can land a millisecond closer.
const CLOCK_SLACK_MS = 1;

/** Runs tasks through the limiter, recording when each started and the most that ran at once per host. */
function recorder() {
  const starts = new Map<string, number[]>();
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const task = (host: string, workMs: number) => async (): Promise<string> => {
    starts.set(host, [...(starts.get(host) ?? []), Date.now()]);
    const now = (running.get(host) ?? 0) + 1;
    running.set(host, now);
    peak.set(host, Math.max(peak.get(host) ?? 0, now));
    await sleep(workMs);
    running.set(host, (running.get(host) ?? 0) - 1);
    return host;
  };
  return { starts, peak, task };
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('createHostLimiter', () => {
  it('spaces request starts to one host by at least minDelayMs', async () => {
    const limiter = createHostLimiter({ maxConcurrency: 4, minDelayMs: 40 });
    const { starts, task } = recorder();
    await Promise.all(Array.from({ length: 5 }, () => limiter.schedule('http://a.example/x', task('a', 1))));
    expect(starts.get('a')).toHaveLength(5);
    for (const gap of gaps(starts.get('a')!)) expect(gap).toBeGreaterThanOrEqual(40 - CLOCK_SLACK_MS);
  });

  it('never runs more than maxConcurrency tasks at once for a host', async () => {
    const limiter = createHostLimiter({ maxConcurrency: 2, minDelayMs: 0 });
    const { peak, task } = recorder();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => limiter.schedule(`https://a.example/page/${i}`, task('a', 15))),
    );
    expect(results).toEqual(Array(8).fill('a'));
    expect(peak.get('a')).toBe(2);
  });

  it('limits each host on its own', async () => {
    const limiter = createHostLimiter({ maxConcurrency: 1, minDelayMs: 0 });
    let running = 0;
    let peak = 0;
    const work = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await sleep(20);
      running--;
    };
    await Promise.all([
      limiter.schedule('http://a.example/1', work),
      limiter.schedule('http://b.example/1', work),
      limiter.schedule('http://a.example/2', work),
      limiter.schedule('http://b.example/2', work),
    ]);
    // One at a time per host, so at most one from each of the two hosts together.
    expect(peak).toBe(2);
  });

  it('applies per-host overrides by hostname or host and port', async () => {
    const limiter = createHostLimiter(
      { maxConcurrency: 8, minDelayMs: 0 },
      { 'Slow.Example': { minDelayMs: 30 }, 'narrow.example:8080': { maxConcurrency: 1 } },
    );
    const { starts, peak, task } = recorder();
    await Promise.all([
      ...Array.from({ length: 3 }, () => limiter.schedule('https://slow.example/a', task('slow', 1))),
      ...Array.from({ length: 4 }, () => limiter.schedule('http://narrow.example:8080/a', task('narrow', 10))),
      ...Array.from({ length: 4 }, () => limiter.schedule('http://narrow.example/a', task('wide', 10))),
    ]);
    for (const gap of gaps(starts.get('slow')!)) expect(gap).toBeGreaterThanOrEqual(30 - CLOCK_SLACK_MS);
    expect(peak.get('narrow')).toBe(1);
    expect(peak.get('wide')).toBe(4);
  });

  it('passes results and rejections through and keeps going', async () => {
    const limiter = createHostLimiter({ maxConcurrency: 1, minDelayMs: 0 });
    const failing = limiter.schedule('http://a.example/', async () => {
      throw new Error('boom');
    });
    const next = limiter.schedule('http://a.example/', async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
    // A URL that does not parse still runs (the fetcher records it as invalid_url).
    await expect(limiter.schedule('not a url', async () => 'ran')).resolves.toBe('ran');
  });

  it('idle() waits for tasks scheduled by running tasks', async () => {
    const limiter = createHostLimiter({ maxConcurrency: 1, minDelayMs: 10 });
    const done: string[] = [];
    void limiter.schedule('http://a.example/', async () => {
      await sleep(5);
      done.push('first');
      void limiter.schedule('http://b.example/', async () => {
        await sleep(5);
        done.push('second');
      });
    });
    await limiter.idle();
    expect(done).toEqual(['first', 'second']);
  });
});

describe('the limiter in front of the fetcher', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('spaces real fetches to one host', async () => {
    const fetcher = createCaptureFetcher({ userAgent: 'memhole-test', timeoutMs: 300 });
    const limiter = createHostLimiter({ maxConcurrency: 2, minDelayMs: 30 });
    const starts: number[] = [];
    const paths = ['/ok', '/gbk', '/status/404', '/big5'];
    const results = await Promise.all(
      paths.map((path) =>
        limiter.schedule(server.url + path, () => {
          starts.push(Date.now());
          return fetcher.fetch(server.url + path);
        }),
      ),
    );
    await fetcher.close();
    expect(results.map((r) => r.status)).toEqual([200, 200, 404, 200]);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(30 - CLOCK_SLACK_MS);
  });
});
