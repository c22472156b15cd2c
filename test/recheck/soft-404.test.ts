/**
 * Soft 404s: a host that answers 200 with the same "lost" page for any URL it does not know. Once a tracked
 * page turns into that page (no notice in it), the probe of a made-up sibling URL shows it for what it is, and
 * the probe goes through the page's own fetcher, as a source behind a proxy needs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { createHostLimiter } from '../../src/fetch/host-limiter.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { runRechecks } from '../../src/recheck/run-rechecks.ts';
import { DEFAULT_SCHEDULE } from '../../src/recheck/schedule.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';

const LOST = '<html><head><title>示例站</title></head><body><h1>哎呀，迷路了</h1><p>回到首页看看别的吧。</p></body></html>';
const ARTICLE = `<html><head><title>一篇文章</title></head><body><article>${'<p>这是一段足够长的正文，讲述一件事情的来龙去脉。</p>'.repeat(20)}</article></body></html>`;

let server: Server;
let origin: string;
let articleGone = false;
let store: Store;
let now = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  server = createServer((request, response) => {
    const known = request.url === '/story/1.html' && !articleGone;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(known ? ARTICLE : LOST);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = await openSqliteStore({ memory: true }, () => now);
});

afterAll(async () => {
  await store?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('soft 404s', () => {
  it('are found by a sibling probe made through the page\'s own fetcher', async () => {
    const url = `${origin}/story/1.html`;
    await store.upsertPage({ canonicalKey: `url:${url}`, sourceId: 'proxied', kind: 'origin', url, seenAt: now });
    const real = createCaptureFetcher({ userAgent: 'memhole-test', timeoutMs: 2000, clock: () => now });
    const viaSource: string[] = [];
    const sourceFetcher: Fetcher = {
      fetch: (target, options) => {
        viaSource.push(target);
        return real.fetch(target, options);
      },
      close: async () => {},
    };
    const direct: Fetcher = {
      fetch: (target) => Promise.reject(new Error(`${target} fetched without the source's fetcher`)),
      close: async () => {},
    };
    const run = () =>
      runRechecks({
        store,
        fetcher: direct,
        fetcherFor: () => sourceFetcher,
        limiter: createHostLimiter({ maxConcurrency: 2, minDelayMs: 0 }),
        adapterFor: () => null,
        scheduleFor: () => DEFAULT_SCHEDULE,
        clock: () => now,
        random: () => 0.5,
        concurrency: 2,
        budget: 10,
        all: true,
      });
    try {
      expect((await run()).outcomes).toEqual({ changed: 1 });
      articleGone = true;
      now += 3_600_000;
      const summary = await run();
      expect(summary.errors).toEqual([]);
      expect(summary.outcomes).toEqual({ soft_deleted: 1 });
    } finally {
      await real.close();
    }
    const page = (await store.getPageByUrl(url))!;
    const [, check] = await store.listChecks(page.id);
    expect(check!.detail).toMatchObject({ siblingStatus: 200, likenessToSibling: 1 });
    const sibling = (check!.detail as { siblingUrl: string }).siblingUrl;
    expect(sibling).toMatch(new RegExp(`^${origin}/story/memhole-[a-z0-9]{24}\\.html$`));
    // Each run probes the host once (a page without an adapter is compared with its sibling whenever it changed).
    expect(viaSource).toHaveLength(4);
    expect(viaSource.filter((fetched) => fetched === url)).toHaveLength(2);
    expect(viaSource.at(-1)).toBe(sibling);
    expect(page.state).toBe('suspect');
  });
});
