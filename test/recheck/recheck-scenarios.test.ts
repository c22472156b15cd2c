/**
 * Re-checks against a loopback site whose pages change under the test, on a pinned clock: deleted (404, 410,
 * 451), replaced by each kind of notice, redirected home, edited, behind a captcha wall, timing out, reset,
 * failing DNS, then restored. Each ends in the right state with the right evidence; a single check never
 * removes a page; an article quoting a notice string stays alive. Pages are parsed and extracted in a worker
 * thread, as a large run does (the inline path is the CLI's for small runs, covered end to end elsewhere).
 */
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdtAdapter } from '../../crawlers/cdt/index.ts';
import { crawl } from '../../src/archive/crawl.ts';
import { createExtractor } from '../../src/extract/extractor.ts';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { createHostLimiter } from '../../src/fetch/host-limiter.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { runRechecks, type RecheckSummary } from '../../src/recheck/run-rechecks.ts';
import { DEFAULT_SCHEDULE } from '../../src/recheck/schedule.ts';
import { openSqliteStore, type EventRow, type PageRow, type Store } from '../../storage/index.ts';
import { FIXTURES_DIR } from '../golden/golden-cases.ts';
import { startMutableSite, type Behaviour, type MutableSite } from '../helpers/mutable-site.ts';

const MINUTE = 60_000;
const GAP = 30 * MINUTE;
const T0 = Date.UTC(2026, 2, 1, 4, 0, 0);
const ARTICLE = readFileSync(join(FIXTURES_DIR, 'cdt', 'full-card', 'page.html'), 'utf8');
const QUOTING = readFileSync(join(FIXTURES_DIR, 'cdt', 'card-missing-fields', 'page.html'), 'utf8');
const CENSORED_HOST = 'censored.example';

const wechat = (message: string): string =>
  `<html><head><title>微信公众平台</title></head><body><div class="weui-msg"><div class="global_error_msg warn">${message}</div></div></body></html>`;

/** Each scenario: a post id, what the page turns into, and the state and evidence it must end in. */
const REMOVALS: { id: number; name: string; behaviour: (site: MutableSite) => Behaviour; outcome: string; removedBy: string | null; notice: string | null }[] = [
  { id: 9001, name: 'deleted (404)', behaviour: () => ({ status: 404 }), outcome: 'not_found', removedBy: null, notice: null },
  { id: 9002, name: 'gone (410)', behaviour: () => ({ status: 410 }), outcome: 'gone', removedBy: null, notice: null },
  { id: 9003, name: 'unavailable for legal reasons (451)', behaviour: () => ({ status: 451 }), outcome: 'unavailable_legal', removedBy: null, notice: null },
  { id: 9004, name: 'WeChat: deleted by the author', behaviour: () => ({ page: wechat('该内容已被发布者删除') }), outcome: 'soft_deleted', removedBy: 'author', notice: '该内容已被发布者删除' },
  { id: 9005, name: 'WeChat: removed for violations', behaviour: () => ({ page: wechat('此内容因违规无法查看') }), outcome: 'soft_deleted', removedBy: 'platform', notice: '此内容因违规无法查看' },
  {
    id: 9006,
    name: 'Weibo: deleted by the author',
    behaviour: () => ({ page: '<html><head><title>微博</title></head><body><div class="h5-4con">抱歉，此微博已被作者删除。</div></body></html>' }),
    outcome: 'soft_deleted',
    removedBy: 'author',
    notice: '抱歉，此微博已被作者删除。',
  },
  { id: 9007, name: 'generic: page does not exist', behaviour: () => ({ page: '<html><head><title>页面不存在</title></head><body><p>页面不存在</p></body></html>' }), outcome: 'soft_deleted', removedBy: 'unknown', notice: '页面不存在' },
  { id: 9008, name: 'redirected home', behaviour: (site) => ({ redirect: `${site.url}/` }), outcome: 'redirected_away', removedBy: null, notice: null },
];

const NOT_REMOVALS: { id: number; name: string; behaviour: (site: MutableSite) => Behaviour; outcome: string; state: string }[] = [
  { id: 9101, name: 'captcha wall', behaviour: (site) => ({ redirect: `${site.url}/mp/wappoc_appmsgcaptcha?poc_token=x` }), outcome: 'rate_limited', state: 'alive' },
  { id: 9102, name: 'time out', behaviour: () => ({ hang: true }), outcome: 'unreachable', state: 'unreachable' },
  { id: 9103, name: 'connection reset', behaviour: () => ({ reset: true }), outcome: 'blocked', state: 'blocked' },
  { id: 9104, name: 'forbidden', behaviour: () => ({ status: 403 }), outcome: 'forbidden', state: 'alive' },
  { id: 9105, name: 'server error', behaviour: () => ({ status: 503 }), outcome: 'unreachable', state: 'unreachable' },
  { id: 9106, name: 'no article in a 200 page', behaviour: () => ({ page: '<html><head><title>首页</title></head><body><nav>菜单</nav></body></html>' }), outcome: 'extraction_failed', state: 'alive' },
];

let site: MutableSite;
let store: Store;
let fetcher: Fetcher;
let now = T0;
let dnsFails = false;
const dnsPageId = 9201;
const editedId = 9301;
const quotingId = 9302;

const articlePath = (id: number): string => `/chinese/${id}.html`;

beforeAll(async () => {
  site = await startMutableSite();
  site.set('/', { page: '<html><head><title>首页</title></head><body>首页</body></html>' });
  site.set('/mp/wappoc_appmsgcaptcha', { page: wechat('当前环境异常，完成验证后即可继续访问。') });
  for (const id of [...REMOVALS.map((s) => s.id), ...NOT_REMOVALS.map((s) => s.id), dnsPageId, editedId]) site.set(articlePath(id), { page: ARTICLE });
  site.set(articlePath(quotingId), { page: QUOTING });
  store = await openSqliteStore({ memory: true }, () => now);
  const port = new URL(site.url).port;
  const lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    if (hostname === CENSORED_HOST && dnsFails) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    } else if ((options as { all?: boolean }).all) {
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    } else {
      callback(null, '127.0.0.1', 4);
    }
  }) as unknown as LookupFunction;
  fetcher = createCaptureFetcher({ userAgent: 'memhole-test', timeoutMs: 300, maxRedirects: 5, clock: () => now, lookup });
  const urls = [
    ...[...REMOVALS, ...NOT_REMOVALS].map((s) => `${site.url}${articlePath(s.id)}`),
    `${site.url}${articlePath(editedId)}`,
    `${site.url}${articlePath(quotingId)}`,
    `http://${CENSORED_HOST}:${port}${articlePath(dnsPageId)}`,
  ];
  // The archive is built with a patient fetcher: the re-checks' short timeout is for the stalling scenario, and a
  // busy machine must not turn the setup crawl's pages into timeouts.
  const setupFetcher = createCaptureFetcher({ userAgent: 'memhole-test', timeoutMs: 10_000, maxRedirects: 5, clock: () => now, lookup });
  const summary = await crawl(urls, {
    store,
    fetcher: setupFetcher,
    limiter: createHostLimiter({ maxConcurrency: 8, minDelayMs: 0 }),
    adapterFor: () => cdtAdapter,
    sourceId: () => 'cdt',
    limits: { maxArticles: 100, maxListingPages: 0 },
    // The fixture pages' images point at the real site: not fetched, so the test stays on loopback.
    archiveImages: false,
    retries: 0,
    concurrency: 8,
    clock: () => now,
  });
  await setupFetcher.close();
  expect(summary.articlesNew).toBe(urls.length);
});

afterAll(async () => {
  await extractor.close();
  await fetcher?.close();
  await store?.close();
  await site?.close();
});

// Every page to the worker from the start; a page a busy worker cannot take is analysed inline.
const extractor = createExtractor({ threads: 1, inlineFirst: 0 });

async function recheckAllAt(at: number): Promise<RecheckSummary> {
  now = at;
  return runRechecks({
    store,
    fetcher,
    limiter: createHostLimiter({ maxConcurrency: 8, minDelayMs: 0 }),
    adapterFor: () => cdtAdapter,
    scheduleFor: () => ({ ...DEFAULT_SCHEDULE, confirmationGapMs: GAP }),
    clock: () => now,
    random: () => 0.5,
    concurrency: 8,
    budget: 1000,
    all: true,
    extractor,
  });
}

const page = async (id: number): Promise<PageRow> => (await store.getPageByKey(`cdt:${id}`))!;
const events = async (id: number): Promise<EventRow[]> => store.listEvents({ pageId: (await page(id)).id });

describe('re-checking pages that change under the test', () => {
  it('sees everything alive and unchanged right after the crawl', async () => {
    const summary = await recheckAllAt(T0 + 10 * MINUTE);
    expect(summary.errors).toEqual([]);
    expect(summary.outcomes.unchanged).toBe(17);
    for (const row of await store.listPages({ kind: 'article' })) {
      const checks = await store.listChecks(row.id);
      expect(checks.map((c) => c.outcome), row.canonicalKey).toEqual(['unchanged']);
      expect(checks[0]!.detail).toEqual({ sameBody: true });
      expect(row.state).toBe('alive');
      // The same bytes are not decoded again, yet the re-check's capture keeps the charset they are in.
      const [crawled, rechecked] = await store.listCaptures(row.id);
      expect(rechecked!.bodyHash).toBe(crawled!.bodyHash);
      expect(rechecked!.charset).toBe(crawled!.charset);
      expect(rechecked!.charset).not.toBeNull();
    }
  });

  it('makes removed pages suspect at the first sighting, never removed', async () => {
    for (const scenario of [...REMOVALS, ...NOT_REMOVALS]) site.set(articlePath(scenario.id), scenario.behaviour(site));
    const body = ARTICLE.indexOf('post-content');
    site.set(articlePath(editedId), { page: ARTICLE.slice(0, body) + ARTICLE.slice(body).replace('</p>', '（编者按：本文发布后有修改。）</p>') });
    dnsFails = true;
    const summary = await recheckAllAt(T0 + 60 * MINUTE);
    expect(summary.errors).toEqual([]);
    for (const scenario of REMOVALS) {
      expect((await page(scenario.id)).state, scenario.name).toBe('suspect');
      const checks = await store.listChecks((await page(scenario.id)).id);
      expect(checks.at(-1)!.outcome, scenario.name).toBe(scenario.outcome);
    }
  });

  it('keeps them suspect when checked again before the confirmation gap', async () => {
    await recheckAllAt(T0 + 60 * MINUTE + GAP - MINUTE);
    for (const scenario of REMOVALS) expect((await page(scenario.id)).state, scenario.name).toBe('suspect');
  });

  it('removes them at the confirming check, with the kind of removal and both checks as evidence', async () => {
    await recheckAllAt(T0 + 60 * MINUTE + GAP + MINUTE);
    for (const scenario of REMOVALS) {
      const row = await page(scenario.id);
      expect(row.state, scenario.name).toBe('removed');
      const removed = (await events(scenario.id)).filter((e) => e.kind === 'removed');
      expect(removed, scenario.name).toHaveLength(1);
      expect(removed[0], scenario.name).toMatchObject({ removalKind: scenario.outcome, removedBy: scenario.removedBy, notice: scenario.notice });
      const proof = await store.getChecks(removed[0]!.checkIds);
      expect(proof.map((c) => c.outcome), scenario.name).toEqual([scenario.outcome, scenario.outcome]);
      expect(proof[1]!.checkedAt - proof[0]!.checkedAt).toBeGreaterThanOrEqual(GAP);
    }
  });

  it('records the status, final URL and notice of the evidence', async () => {
    const [gone] = (await store.listChecks((await page(9002)).id)).slice(-1);
    expect(gone).toMatchObject({ status: 410, outcome: 'gone' });
    const [home] = (await store.listChecks((await page(9008)).id)).slice(-1);
    expect(home!.finalUrl).toBe(`${site.url}/`);
    expect(home!.detail).toMatchObject({ reason: 'redirected to the home page' });
    const [notice] = (await store.listChecks((await page(9005)).id)).slice(-1);
    expect(notice).toMatchObject({ notice: '此内容因违规无法查看', noticePlatform: 'wechat', removedBy: 'platform' });
  });

  it('never counts a wall, a failure or a broken page as removal', async () => {
    for (const scenario of NOT_REMOVALS) {
      const row = await page(scenario.id);
      expect(row.state, scenario.name).toBe(scenario.state);
      const outcomes = (await store.listChecks(row.id)).slice(1).map((c) => c.outcome);
      expect(new Set(outcomes), scenario.name).toEqual(new Set([scenario.outcome]));
      expect((await events(scenario.id)).filter((e) => e.kind === 'suspect' || e.kind === 'removed'), scenario.name).toEqual([]);
    }
    const dns = await page(dnsPageId);
    expect(dns.state).toBe('blocked');
    expect((await store.listChecks(dns.id)).at(-1)).toMatchObject({ outcome: 'blocked', failureKind: 'dns', status: null });
  });

  it('keeps an article that quotes a notice string alive', async () => {
    const quoting = await page(quotingId);
    expect(QUOTING).toContain('此内容因违规无法查看');
    expect(quoting.state).toBe('alive');
    expect((await store.listChecks(quoting.id)).every((c) => c.outcome === 'unchanged')).toBe(true);
  });

  it('keeps both versions of an edited article in an edited event', async () => {
    const edited = (await events(editedId)).filter((e) => e.kind === 'edited');
    expect(edited).toHaveLength(1);
    const versions = await store.listArticles((await page(editedId)).id);
    expect(versions).toHaveLength(2);
    expect(edited[0]).toMatchObject({ fromArticleId: versions[0]!.id, toArticleId: versions[1]!.id });
    expect(versions[1]!.text).toContain('编者按');
  });

  it('restores every page when its content comes back', async () => {
    for (const scenario of [...REMOVALS, ...NOT_REMOVALS]) site.set(articlePath(scenario.id), { page: ARTICLE });
    dnsFails = false;
    await recheckAllAt(T0 + 5 * 60 * MINUTE);
    for (const scenario of [...REMOVALS, ...NOT_REMOVALS]) expect((await page(scenario.id)).state, scenario.name).toBe('alive');
    expect((await page(dnsPageId)).state).toBe('alive');
    for (const scenario of REMOVALS) {
      const restored = (await events(scenario.id)).filter((e) => e.kind === 'restored');
      expect(restored, scenario.name).toHaveLength(1);
      expect(restored[0]).toMatchObject({ fromState: 'removed', toState: 'alive' });
    }
  });

  it('analysed pages in the worker thread', () => {
    expect(extractor.offloaded).toBeGreaterThan(0);
  });

  it('never rewrites or deletes checks and events', async () => {
    const id = (await page(9001)).id;
    const [first] = await store.listChecks(id);
    expect(first).toBeDefined();
    const total = (await store.counts()).checks;
    expect(total).toBeGreaterThan(17 * 4);
    // The archive offers no way to delete evidence; the database refuses it too (see storage tests).
    expect((await store.listChecks(id))[0]).toEqual(first);
  });
});
