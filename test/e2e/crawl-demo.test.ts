/**
 * End to end: the demo site served on loopback, `memhole crawl` over its feed and listings, then the archive
 * checked row by row: every article once, a second crawl adds no blob and no version, the dead link is a 404
 * capture, two URL forms of one article are one page, and the markdown export writes one file per version.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { fastLoopbackConfig, runCli } from '../helpers/run-cli.ts';

let site: DemoSite;
let dir: string;
let dataDir: string;
let configPath: string;

beforeAll(async () => {
  site = await startDemoSite();
  dir = mkdtempSync(join(tmpdir(), 'memhole-e2e-'));
  dataDir = join(dir, 'data');
  configPath = join(dir, 'memhole.config.yaml');
  writeFileSync(configPath, fastLoopbackConfig());
});

afterAll(async () => {
  await site?.close();
});

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const crawlArgs = (): string[] => ['crawl', `${site.url}/chinese/feed`, `${site.url}/chinese/`, '--adapter', 'cdt', '--config', configPath, '--data', dataDir, '--json'];

describe('crawling the demo site', () => {
  it('archives every live article once, with its card and comments', async () => {
    const run = await runCli(crawlArgs(), { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { articlesNew: number; errors: unknown[]; assets: { stored: number; failed: number } };
    expect(summary.errors).toEqual([]);
    expect(summary.articlesNew).toBe(site.articles.length);
    // Every distinct image of the articles is archived once (the demo site answers each with a PNG).
    const images = new Set(site.articles.flatMap((a) => a.images));
    expect(summary.assets).toMatchObject({ stored: images.size, failed: 0 });

    await withStore(async (store) => {
      for (const article of site.articles) {
        const page = await store.getPageByKey(`cdt:${article.id}`);
        expect(page, `page cdt:${article.id}`).not.toBeNull();
        const versions = await store.listArticles(page!.id);
        expect(versions, `versions of ${article.id}`).toHaveLength(1);
        expect(versions[0]!.title).toBe(article.title);
        const thread = await store.latestThread(page!.id);
        if (article.hasComments) {
          const comments = await store.listComments(thread!.id);
          expect(comments.filter((c) => c.parentId === null)).toHaveLength(article.commentCount);
          expect(comments.filter((c) => c.parentId !== null)).toHaveLength(article.replyCount);
        } else {
          expect(thread).toBeNull();
        }
      }
    });
  });

  it('records the dead link as a 404 capture, not an article', async () => {
    await withStore(async (store) => {
      const dead = await store.getPageByKey('cdt:799999');
      expect(dead).not.toBeNull();
      const captures = await store.listCaptures(dead!.id);
      expect(captures.map((c) => c.status)).toEqual([404]);
      expect(captures[0]!.failureKind).toBeNull();
      expect(await store.listArticles(dead!.id)).toEqual([]);
    });
  });

  it('keeps the slug URL and the id URL of one article as one page', async () => {
    const old = site.articles.find((article) => article.paths.some((path) => /\/\d{4}\/\d{2}\//.test(path)));
    expect(old).toBeDefined();
    await withStore(async (store) => {
      const page = await store.getPageByKey(`cdt:${old!.id}`);
      const urls = await store.pageUrls(page!.id);
      expect(urls).toContain(`${site.url}${old!.path}`);
      expect(urls).toContain(`${site.url}/chinese/${old!.id}.html`);
    });
  });

  it('adds captures but no blob, no article version and no thread on a second crawl', async () => {
    const before = await withStore((store) => store.counts());
    const run = await runCli(crawlArgs(), { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ articlesNew: 0, assets: { stored: 0 } });
    const after = await withStore((store) => store.counts());
    expect(after.captures).toBeGreaterThan(before.captures);
    expect(after).toMatchObject({ blobs: before.blobs, articles: before.articles, commentThreads: before.commentThreads, comments: before.comments, pages: before.pages });
  });

  it('makes /chinese/<id> and /chinese/<id>.html one page', async () => {
    const article = site.articles.find((a) => a.hasComments)!;
    const run = await runCli(['crawl', `${site.url}/chinese/${article.id}`, `${site.url}/chinese/${article.id}.html`, '--adapter', 'cdt', '--config', configPath, '--data', dataDir], { cwd: dir });
    expect(run.code).toBe(0);
    await withStore(async (store) => {
      const page = await store.getPageByKey(`cdt:${article.id}`);
      expect(await store.pageUrls(page!.id)).toEqual(expect.arrayContaining([`${site.url}/chinese/${article.id}`, `${site.url}/chinese/${article.id}.html`]));
      expect(await store.getPageByUrl(`${site.url}/chinese/${article.id}`)).toEqual(page);
      expect(await store.listArticles(page!.id)).toHaveLength(1);
    });
  });

  it('exports one markdown file per article version under <source>/<yyyy>/<mm>/', async () => {
    const out = join(dir, 'markdown');
    const run = await runCli(['export', 'markdown', out, '--config', configPath, '--data', dataDir, '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const files = (JSON.parse(run.stdout) as { files: string[] }).files;
    expect(files).toHaveLength(site.articles.length);
    const article = site.articles.find((a) => a.hasComments && a.publishedAt.startsWith('2022-'))!;
    const [year, month] = article.publishedAt.slice(0, 7).split('-');
    const file = join(out, 'cdt', year!, month!, `cdt-${article.id}.v1.md`);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^---\nurl: /);
    expect(markdown).toContain(`canonical_key: cdt:${article.id}`);
    expect(markdown).toContain(`# ${article.title}`);
    expect(markdown).toContain('## 评论摘录');
  });

  it('exports the archived images beside the markdown when asked', async () => {
    const out = join(dir, 'markdown-images');
    const run = await runCli(['export', 'markdown', out, '--with-images', '--config', configPath, '--data', dataDir, '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { files: string[]; assets: number };
    expect(result.assets).toBeGreaterThan(0);
    const withImage = site.articles.find((a) => a.images.length)!;
    const file = result.files.find((f) => f.endsWith(`cdt-${withImage.id}.v1.md`))!;
    const markdown = readFileSync(file, 'utf8');
    const local = /!\[[^\]]*\]\((\.\.\/\.\.\/\.\.\/assets\/[0-9a-f]{64}\.png)\)/.exec(markdown);
    expect(local, markdown).not.toBeNull();
    expect(readFileSync(join(dirname(file), local![1]!)).subarray(1, 4).toString()).toBe('PNG');
    expect(markdown).not.toContain(withImage.images[0]);
  });

  it('shows a page by URL and by key, and says when nothing matches', async () => {
    const article = site.articles.find((a) => a.hasComments)!;
    const byUrl = await runCli(['show', `${site.url}/chinese/${article.id}.html`, '--data', dataDir, '--json'], { cwd: dir });
    expect(byUrl.code).toBe(0);
    const shown = JSON.parse(byUrl.stdout) as { page: { canonicalKey: string }; article: { title: string }; thread: { comments: unknown[] } };
    expect(shown.page.canonicalKey).toBe(`cdt:${article.id}`);
    expect(shown.article.title).toBe(article.title);
    expect(shown.thread.comments).toHaveLength(article.commentCount);
    const byKey = await runCli(['show', `cdt:${article.id}`, '--data', dataDir], { cwd: dir });
    expect(byKey.stdout).toContain(article.title);
    const missing = await runCli(['show', 'cdt:1', '--data', dataDir], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('nothing archived for "cdt:1"');
  });
});

describe('feed copies and configured sources', () => {
  it('keeps the feed text of an article deleted before its page was fetched, and the page metadata otherwise', async () => {
    const gone = site.articles.find((a) => a.hasCard && !a.hasComments)!;
    const alive = site.articles.find((a) => a.hasComments)!;
    const data = join(mkdtempSync(join(tmpdir(), 'memhole-feed-')), 'data');
    site.setOverride(gone.path, { status: 404 });
    try {
      const run = await runCli(['crawl', `${site.url}/chinese/feed`, '--adapter', 'cdt', '--config', configPath, '--data', data]);
      expect(run.code).toBe(0);
    } finally {
      site.setOverride(gone.path, null);
    }
    const store = await openSqliteStore({ dataDir: data });
    try {
      const page = (await store.getPageByKey(`cdt:${gone.id}`))!;
      const captures = await store.listCaptures(page.id);
      expect(captures.map((c) => [c.how, c.status]).sort()).toEqual([['feed', 200], ['http', 404]]);
      const versions = await store.listArticles(page.id);
      expect(versions).toHaveLength(1);
      expect(versions[0]!.captureId).toBe(captures.find((c) => c.how === 'feed')!.id);
      expect(versions[0]!.title).toBe(gone.title);

      const alivePage = (await store.getPageByKey(`cdt:${alive.id}`))!;
      const aliveVersions = await store.listArticles(alivePage.id);
      expect(aliveVersions).toHaveLength(1);
      const aliveCapture = await store.getCapture(aliveVersions[0]!.captureId);
      expect(aliveCapture!.how).toBe('http');
      expect(aliveVersions[0]!.publishedText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(aliveVersions[0]!.tags).toEqual(alive.tags);
    } finally {
      await store.close();
    }
  });

  it('crawls a configured source within its limits', async () => {
    const sourceDir = mkdtempSync(join(tmpdir(), 'memhole-source-'));
    writeFileSync(
      join(sourceDir, 'memhole.config.yaml'),
      fastLoopbackConfig(`sources:\n  - id: cdt-local\n    adapter: cdt\n    startUrls: ["${site.url}/chinese/"]\n    limits: { maxArticles: 3, maxListingPages: 1 }\n`),
    );
    const run = await runCli(['crawl', '--source', 'cdt-local', '--json'], { cwd: sourceDir });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { articlePages: number; listingPages: number; skippedByLimit: number };
    expect(summary.articlePages).toBe(3);
    expect(summary.listingPages).toBe(2);
    expect(summary.skippedByLimit).toBeGreaterThan(0);
    const store = await openSqliteStore({ dataDir: join(sourceDir, 'memhole-data') });
    try {
      const pages = await store.listPages({ kind: 'article' });
      expect(pages).toHaveLength(3);
      expect(new Set(pages.map((p) => p.sourceId))).toEqual(new Set(['cdt-local']));
    } finally {
      await store.close();
    }
    const sources = await runCli(['sources', '--json'], { cwd: sourceDir });
    expect(sources.code).toBe(0);
    const [health] = (JSON.parse(sources.stdout) as { sources: { id: string; articles: number; lastCrawl: number | null; byState: { alive: number } }[] }).sources;
    expect(health).toMatchObject({ id: 'cdt-local', articles: 3 });
    expect(health!.lastCrawl).not.toBeNull();
    expect((await runCli(['sources'], { cwd: sourceDir })).stdout).toMatch(/^cdt-local +cdt +0 feeds, 1 start URLs; last crawled .*; 3 articles/);
  });

  it('tracks a single URL with memhole add, without following anything', async () => {
    const addDir = mkdtempSync(join(tmpdir(), 'memhole-add-'));
    writeFileSync(join(addDir, 'memhole.config.yaml'), fastLoopbackConfig());
    const article = site.articles.find((a) => a.hasComments)!;
    const run = await runCli(['add', `${site.url}/chinese/${article.id}`, '--adapter', 'cdt', '--json'], { cwd: addDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ captures: 1, articlePages: 1, articlesNew: 1, listingPages: 0 });
    // Its images are archived too, as assets of the page, not as captures of the crawl's pages.
    const store = await openSqliteStore({ dataDir: join(addDir, 'memhole-data') });
    try {
      expect((await store.listPages({ kind: 'article' })).map((p) => p.canonicalKey)).toEqual([`cdt:${article.id}`]);
    } finally {
      await store.close();
    }
  });
});
