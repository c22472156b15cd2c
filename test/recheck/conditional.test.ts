/**
 * Conditional re-checks: once a page was seen with its content, the next check sends its ETag and
 * Last-Modified, and a 304 counts as unchanged without a body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { createHostLimiter } from '../../src/fetch/host-limiter.ts';
import { runRechecks } from '../../src/recheck/run-rechecks.ts';
import { DEFAULT_SCHEDULE } from '../../src/recheck/schedule.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { ETAG_VALUE, startHostileServer } from '../helpers/hostile-server.ts';

let server: Awaited<ReturnType<typeof startHostileServer>>;
let store: Store;
let now = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  server = await startHostileServer();
  store = await openSqliteStore({ memory: true }, () => now);
});

afterAll(async () => {
  await store?.close();
  await server?.close();
});

describe('conditional re-checks', () => {
  it('sends the validators of the last good capture and reads a 304 as unchanged', async () => {
    const url = `${server.url}/etag`;
    await store.upsertPage({ canonicalKey: `url:${url}`, sourceId: 'origins', kind: 'origin', url, seenAt: now });
    const fetcher = createCaptureFetcher({ userAgent: 'memhole-test', timeoutMs: 2000, clock: () => now });
    const run = () =>
      runRechecks({
        store,
        fetcher,
        limiter: createHostLimiter({ maxConcurrency: 2, minDelayMs: 0 }),
        adapterFor: () => null,
        scheduleFor: () => DEFAULT_SCHEDULE,
        clock: () => now,
        concurrency: 2,
        budget: 10,
        all: true,
      });
    try {
      expect((await run()).outcomes).toEqual({ changed: 1 });
      now += 3_600_000;
      expect((await run()).outcomes).toEqual({ unchanged: 1 });
    } finally {
      await fetcher.close();
    }
    const page = (await store.getPageByUrl(url))!;
    const [first, second] = await store.listCaptures(page.id);
    expect(first!.status).toBe(200);
    expect(second!.status).toBe(304);
    expect(second!.requestHeaders.find(([name]) => name.toLowerCase() === 'if-none-match')?.[1]).toBe(ETAG_VALUE);
    const checks = await store.listChecks(page.id);
    expect(checks.map((c) => c.outcome)).toEqual(['changed', 'unchanged']);
    expect(page.state).toBe('alive');
  });
});
