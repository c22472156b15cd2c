/**
 * `memhole serve` driven by Playwright in Debian's Chromium over a real archive: the demo site crawled, two of
 * its pages deleted and censored and re-checked until removed, plus a hostile page archived. The views are
 * checked by their DOM (screenshots kept under test-output/serve/), and the hostile page, viewed in the app
 * and opened directly, runs nothing and navigates nowhere: a collector server on another port counts every
 * request the page might make, and the frames' DOM shows whether any script ran.
 */
import Database from 'better-sqlite3';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';
import { DEFAULT_CHROMIUM } from '../../src/fetch/browser-renderer.ts';
import { startArchiveServer, type ArchiveServer } from '../../src/server/server.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { fastLoopbackConfig, runCli } from '../helpers/run-cli.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'serve');

/** Everything the hostile page could use to run script, leave, or call home; each would reach the collector. */
const hostilePage = (collector: string): string => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>一篇带有恶意代码的存档页面</title>
<meta http-equiv="refresh" content="0;url=${collector}/meta-refresh">
<script>document.title = 'SCRIPT RAN'; document.documentElement.setAttribute('data-pwned', 'script'); fetch('${collector}/script-fetch'); try { top.location = '${collector}/top-navigation'; } catch (e) {}</script>
</head><body>
<article class="post-content"><h1>一篇带有恶意代码的存档页面</h1>
<p>这段正文由测试写成：页面里藏着脚本、事件处理器、javascript 链接、自动跳转、向外提交的表单和带脚本的 SVG，存档浏览时它们都不能运行。</p>
<p>第二段文字，让通用提取器把它当作一篇文章来读。档案管理员需要看到原样的页面，而不是被它带走。</p>
<img src="x" onerror="document.documentElement.setAttribute('data-pwned', 'onerror'); new Image().src='${collector}/onerror'">
<a id="js-link" href="javascript:document.documentElement.setAttribute('data-pwned','js-link');location='${collector}/js-link'">点这里</a>
<form id="away" action="${collector}/form-post" method="post"><input name="q" value="1"><button id="submit" type="submit">提交</button></form>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>document.documentElement.setAttribute('data-pwned', 'svg'); fetch('${collector}/svg-script')</script><rect width="10" height="10" onload="document.documentElement.setAttribute('data-pwned','svg-onload')"/></svg>
<iframe src="${collector}/nested-frame"></iframe>
</article></body></html>`;

let site: DemoSite;
let collector: Server;
let collectorUrl: string;
const collected: string[] = [];
let hostile: Server;
let hostileUrl: string;
let dir: string;
let store: Store;
let app: ArchiveServer;
let browser: Browser;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  expect(existsSync(DEFAULT_CHROMIUM), 'Chromium is needed for this test: apt-get install -y chromium').toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  collector = createServer((req, res) => {
    collected.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('collected');
  });
  collectorUrl = await listen(collector);
  hostile = createServer((req, res) => {
    if (req.url === '/news/hostile.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage(collectorUrl));
    else res.writeHead(404).end();
  });
  hostileUrl = `${await listen(hostile)}/news/hostile.html`;

  site = await startDemoSite();
  dir = mkdtempSync(join(tmpdir(), 'memhole-serve-'));
  writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig('recheck:\n  schedule: { confirmationGap: 0 }\n'));
  const crawl = await runCli(['crawl', `${site.url}/chinese/feed`, `${site.url}/chinese/`, '--adapter', 'cdt'], { cwd: dir });
  expect(crawl.code, crawl.stderr).toBe(0);
  const add = await runCli(['add', hostileUrl, '--adapter', 'generic'], { cwd: dir });
  expect(add.code, add.stderr).toBe(0);
  site.setOverride(site.articles[0]!.path, { status: 404 });
  site.setOverride(site.articles[1]!.path, {
    status: 200,
    body: '<html><head><title>微信公众平台</title></head><body><div class="global_error_msg">该内容已被发布者删除</div></body></html>',
  });
  for (let round = 0; round < 2; round++) {
    const recheck = await runCli(['recheck', '--all'], { cwd: dir });
    expect(recheck.code, recheck.stderr).toBe(0);
  }
  // Read-only, as memhole serve opens it: the views must need no write.
  store = await openSqliteStore({ dataDir: join(dir, 'memhole-data'), readOnly: true });
  app = await startArchiveServer({ store, host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  await site?.close();
  for (const server of [collector, hostile]) await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function newPage(width = 1200): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

describe('memhole serve in a browser', () => {
  it('lists the removals on the home page and opens a removed page\'s timeline with its evidence', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/`);
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
    const removedKeys = await page.locator('table.recent tr[data-event="removed"] a').allInnerTexts();
    // The two articles, and any original their archive cards cite that the demo site no longer serves.
    expect(removedKeys).toEqual(expect.arrayContaining([`cdt:${site.articles[0]!.id}`, `cdt:${site.articles[1]!.id}`]));
    const removedInStore = (await store.listEvents({ kinds: ['removed'] })).length;
    expect(removedKeys).toHaveLength(removedInStore);

    const deletedKey = `cdt:${site.articles[0]!.id}`;
    await page.locator(`table.recent a:text-is("${deletedKey}")`).first().click();
    await page.waitForURL(/\/pages\/\d+$/);
    expect(await page.locator('h1').innerText()).toBe(site.articles[0]!.title);
    expect(await page.locator('main > p [data-state]').first().getAttribute('data-state')).toBe('removed');
    const outcomes = await page.locator('tr.check').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['not_found', 'not_found']);
    // Both state changes are marked: alive → suspect at the first sighting, suspect → removed at the second.
    expect(await page.locator('tr.event.transition').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')))).toEqual(['suspect', 'removed']);
    expect(await page.locator('tr.check').first().innerText()).toContain('HTTP 404');
    await page.screenshot({ path: join(SHOTS, 'timeline-removed.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the notice as evidence for a censored page', async () => {
    const page = await newPage();
    const censored = (await store.getPageByKey(`cdt:${site.articles[1]!.id}`))!;
    await page.goto(`${app.url}/pages/${censored.id}`);
    const evidence = await page.locator('tr.event[data-event="removed"]').innerText();
    expect(evidence).toContain('该内容已被发布者删除');
    expect(evidence).toContain('removed by author');
    await page.context().close();
  });

  it('renders a snapshot: the card, the Chinese text, archived images and the archived page in a sandboxed frame', async () => {
    const page = await newPage();
    const article = site.articles[2]!;
    const row = (await store.getPageByKey(`cdt:${article.id}`))!;
    await page.goto(`${app.url}/pages/${row.id}`);
    await page.locator('ol.versions a').first().click();
    await page.waitForURL(/\/versions\/1$/);
    expect(await page.locator('h1').innerText()).toBe(article.title);
    const text = await page.locator('article.snapshot').innerText();
    expect(text.length).toBeGreaterThan(50);
    expect(text).toMatch(/[\u4e00-\u9fff]{10}/);
    // The demo site's images were archived with the crawl: each is shown from the archive, none from the site.
    const images = await page.locator('article.snapshot img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).getAttribute('src')));
    expect(images.length).toBe(article.images.length);
    for (const src of images) expect(src).toMatch(/^\/archived\/\d+$/);
    const frame = page.locator('iframe.archived');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('src')).toMatch(/^\/archived\/\d+$/);
    await page.screenshot({ path: join(SHOTS, 'snapshot.png'), fullPage: true });
    await page.context().close();
  });

  it('runs nothing of a hostile archived page and navigates nowhere, in the app or opened directly', async () => {
    const row = (await store.getPageByUrl(hostileUrl))!;
    const capture = (await store.listCaptures(row.id)).find((c) => c.how === 'http' && c.bodyHash !== null)!;
    collected.length = 0;

    const direct = await newPage();
    const response = await direct.goto(`${app.url}/archived/${capture.id}`);
    expect(response!.headers()['content-security-policy']).toMatch(/^sandbox;/);
    await direct.locator('#submit').click({ noWaitAfter: true });
    await direct.locator('#js-link').click({ noWaitAfter: true });
    await direct.waitForTimeout(1500);
    expect(direct.url()).toBe(`${app.url}/archived/${capture.id}`);
    expect(await direct.title()).toBe('一篇带有恶意代码的存档页面');
    expect(await direct.evaluate(() => document.documentElement.getAttribute('data-pwned'))).toBeNull();
    await direct.screenshot({ path: join(SHOTS, 'hostile-direct.png'), fullPage: true });
    await direct.context().close();

    const framed = await newPage();
    const versions = await store.listArticles(row.id);
    expect(versions.length, 'the generic adapter reads the hostile page as an article').toBe(1);
    await framed.goto(`${app.url}/pages/${row.id}/versions/1`);
    const archivedFrame = framed.frames().find((f) => f.url().endsWith(`/archived/${capture.id}`));
    expect(archivedFrame).toBeDefined();
    await archivedFrame!.waitForLoadState();
    await archivedFrame!.locator('#submit').click({ noWaitAfter: true });
    await framed.waitForTimeout(1500);
    expect(framed.url()).toBe(`${app.url}/pages/${row.id}/versions/1`);
    expect(await archivedFrame!.evaluate(() => document.documentElement.getAttribute('data-pwned'))).toBeNull();
    expect(await framed.title()).not.toContain('SCRIPT RAN');
    // The rendered snapshot carries none of the page's active content either.
    expect(await framed.locator('article.snapshot script, article.snapshot form, article.snapshot [onerror]').count()).toBe(0);
    await framed.screenshot({ path: join(SHOTS, 'hostile-framed.png'), fullPage: true });
    await framed.context().close();

    expect(collected).toEqual([]);
  });

  it('finds a removed article by its headline, marks it removed and leads to its timeline', async () => {
    const page = await newPage();
    const deleted = site.articles[0]!;
    await page.goto(`${app.url}/`);
    await page.fill('header.app input[type=search]', `"${deleted.headline}"`);
    await page.locator('header.app button').click();
    await page.waitForURL(/\/search\?q=/);
    const first = page.locator('li.result').first();
    expect(await first.getAttribute('data-key')).toBe(`cdt:${deleted.id}`);
    expect(await first.getAttribute('data-state')).toBe('removed');
    const marked = await first.locator('p.snippet mark').allInnerTexts();
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.join('')).toContain(/\p{Script=Han}{2}/u.exec(deleted.headline)![0]);
    await page.screenshot({ path: join(SHOTS, 'search.png'), fullPage: true });
    await first.locator('a').first().click();
    await page.waitForURL(/\/pages\/\d+$/);
    expect(await page.locator('h1').innerText()).toBe(deleted.title);
    await page.context().close();
  });

  it('filters by state and pages through the results', async () => {
    const page = await newPage();
    // A character pair every demo article's card or byline holds would do; the site's name is on every page.
    const all = await (await fetch(`${app.url}/search?q=${encodeURIComponent('中国')}&limit=100`)).text();
    const total = Number(/(\d+) pages? match/.exec(all)?.[1]);
    expect(total).toBeGreaterThan(3);
    await page.goto(`${app.url}/search?q=${encodeURIComponent('中国')}&limit=3`);
    expect(await page.locator('li.result').count()).toBe(3);
    const firstPage = await page.locator('li.result').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    await page.locator('nav.pager a[rel=next]').click();
    await page.waitForURL(/page=2/);
    const secondPage = await page.locator('li.result').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((key) => firstPage.includes(key))).toEqual([]);

    await page.goto(`${app.url}/search?q=${encodeURIComponent('中国')}&state=removed&limit=100`);
    const states = await page.locator('li.result').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['removed']));
    await page.context().close();

    const malformed = await fetch(`${app.url}/search?q=${encodeURIComponent('"健康码')}`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('unbalanced quote');
  });

  it('fits a phone-width window', async () => {
    const page = await newPage(375);
    const removed = (await store.getPageByKey(`cdt:${site.articles[0]!.id}`))!;
    for (const path of ['/', `/pages/${removed.id}`, `/pages/${removed.id}/versions/1`, `/search?q=${encodeURIComponent('中国')}`, '/report']) {
      await page.goto(`${app.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(SHOTS, 'phone-snapshot.png'), fullPage: true });
    await page.context().close();
  });
});

/** A request with its path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('memhole serve refuses what is not the archive', () => {
  it('refuses paths that climb out, however they are encoded', async () => {
    for (const path of ['/../etc/passwd', '/archived/../../etc/passwd', '/%2e%2e/etc/passwd', '/pages/%2E%2E%2Fetc', '/%252e%252e/%252e%252e/etc', '/static/..%5c..%5capp.css', '/static/%5c..', '/pages/%00']) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toContain('Refused');
      expect(answer.body).not.toContain('root:');
    }
  });

  it('answers only its own Host, only GET and HEAD, and 404s for unknown ids', async () => {
    expect((await rawGet('/', { host: `evil.example:${new URL(app.url).port}` })).status).toBe(421);
    expect((await rawGet('/', {}, 'POST')).status).toBe(405);
    expect((await rawGet('/pages/999999')).status).toBe(404);
    expect((await rawGet('/archived/999999')).status).toBe(404);
    const home = await fetch(`${app.url}/`);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(home.headers.get('content-security-policy')).not.toContain('script-src');
  });
});

describe('memhole serve on an archive indexed in part', () => {
  it('says how much of the archive search covers and how to index the rest', async () => {
    // As an archive written before the search index looks (kept for last: it empties the shared archive's index).
    const db = new Database(join(dir, 'memhole-data', 'memhole.db'));
    try {
      db.exec("INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_docs;");
    } finally {
      db.close();
    }
    const page = await (await fetch(`${app.url}/search?q=${encodeURIComponent('中国')}`)).text();
    expect(page).toMatch(/The search index holds 0 of \d+ documents: run <code>memhole reindex<\/code>/);
    expect(page).toContain('No archived page matches.');
  });
});
