/**
 * The archive the report tests read, built the way users build one, on a pinned clock: the demo site and a
 * second site crawled through the CLI, pages deleted, censored, edited and restored under the crawler, and
 * `memhole recheck --all` run at fixed times, so every event, check and version is what the real re-check
 * path writes.
 *
 * 2026-03-02 (day 0): A answers 404 and an original cited by D's archive card shows WeChat's "deleted by the
 *   author" notice; both (and the site's dead link 799999) are removed at the second check an hour later.
 * 2026-03-04 (day 2): B shows WeChat's "removed for violations" notice, C answers 410, the generic page G
 *   answers 404 (all removed an hour later), and E is edited (one word changed).
 * 2026-03-05 (day 3): A is back.
 * The generic site also holds M, a mirror's near-identical copy of B's text, which stays alive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startDemoSite, type DemoArticleInfo, type DemoSite } from '../../scripts/demo-site/server.ts';
import { openSqliteStore, type PageRow, type Store } from '../../storage/index.ts';
import { startMutableSite, type MutableSite } from '../helpers/mutable-site.ts';
import { fastLoopbackConfig, runCli, type CliRun } from '../helpers/run-cli.ts';
import { UNRELATED_TEXT } from '../helpers/written-texts.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2026-03-02T10:00:00+08:00. */
export const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);

/** The title of G, hostile on purpose: every format must show it as text. */
export const HOSTILE_TITLE = '<script>alert(1)</script> 城西菜市场 & "摊位费" \'涨价\'';
/** The word E's edit replaces, and what replaces it. */
export const EDIT_REPLACEMENT = '改写';

export interface ReportScenario {
  dir: string;
  demo: DemoSite;
  other: MutableSite;
  /** The CLI on the scenario's archive at the clock's current time. */
  cli(args: string[]): Promise<CliRun>;
  setNow(at: number): void;
  now(): number;
  /** The pages by role. */
  keys: { a: string; b: string; c: string; e: string; origin: string; originCitedBy: string; g: string; m: string; dead: string };
  urls: { g: string; m: string };
  /** The word E's edit replaced. */
  editedWord: string;
  /** When each round of re-checks ran. */
  times: { sighting0: number; confirm0: number; sighting2: number; confirm2: number; restore3: number; end: number };
  close(): Promise<void>;
}

export async function buildReportScenario(): Promise<ReportScenario> {
  let now = T0;
  const dir = mkdtempSync(join(tmpdir(), 'memhole-report-'));
  writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig('archiveImages: false\nrecheck:\n  schedule: { confirmationGap: 30m }\n'));
  const demo = await startDemoSite();
  const other = await startMutableSite();
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { cwd: dir, clock: () => now });
  const ok = async (args: string[]): Promise<CliRun> => {
    const run = await cli(args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };
  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openSqliteStore({ dataDir: join(dir, 'memhole-data') });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };

  await ok(['crawl', `${demo.url}/chinese/feed`, `${demo.url}/chinese/`, '--adapter', 'cdt']);
  const [a, b, c, e] = demo.articles as [DemoArticleInfo, DemoArticleInfo, DemoArticleInfo, DemoArticleInfo];
  const roles = new Set([a, b, c, e].map((article) => `cdt:${article.id}`));
  const { origin, citedBy, bText, eText } = await withStore(async (store) => {
    // An original on WeChat whose archived copy is none of the pages changed below.
    let chosen: { origin: PageRow; citedBy: string } | null = null;
    for (const candidate of (await store.listPages({ kind: 'origin' })).filter((page) => page.url.includes('mp.weixin.qq.com'))) {
      const citers = (await store.linkedPages(candidate.id, 'to')).map((link) => link.page.canonicalKey);
      if (citers.length && citers.every((key) => !roles.has(key))) chosen = { origin: candidate, citedBy: citers[0]! };
    }
    expect(chosen, 'the demo site has an original on WeChat').not.toBeNull();
    const text = async (key: string): Promise<string> => (await store.latestArticle((await store.getPageByKey(key))!.id))!.text;
    return { origin: chosen!.origin, citedBy: chosen!.citedBy, bText: await text(`cdt:${b.id}`), eText: await text(`cdt:${e.id}`) };
  });

  // The second source: a mirror's copy of B (with a header of its own) and an unrelated page.
  const paragraphs = (text: string): string => text.split(/\n+/).filter(Boolean).map((p) => `<p>${p}</p>`).join('\n');
  const mirrorText = ['本文转载自网友存档，原文在发布后不久就被删除了，这里保留全文以备查阅。', bText].join('\n\n');
  other.set('/mirror/copy.html', { page: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>存档：一篇被删除的文章</title></head><body><article><h1>存档：一篇被删除的文章</h1>${paragraphs(mirrorText)}</article></body></html>` });
  other.set('/news/market.html', {
    page: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeText(HOSTILE_TITLE)}</title></head><body><article><h1>${escapeText(HOSTILE_TITLE)}</h1>${paragraphs(UNRELATED_TEXT)}</article></body></html>`,
  });
  const urls = { m: `${other.url}/mirror/copy.html`, g: `${other.url}/news/market.html` };
  for (const url of [urls.m, urls.g]) await ok(['add', url, '--adapter', 'generic']);
  const { g, m } = await withStore(async (store) => ({ g: (await store.getPageByUrl(urls.g))!.canonicalKey, m: (await store.getPageByUrl(urls.m))!.canonicalKey }));

  const times = { sighting0: T0 + HOUR, confirm0: T0 + 2 * HOUR, sighting2: T0 + 2 * DAY, confirm2: T0 + 2 * DAY + HOUR, restore3: T0 + 3 * DAY, end: T0 + 3 * DAY + 2 * HOUR };
  const recheckAt = async (at: number): Promise<void> => {
    now = at;
    await ok(['recheck', '--all']);
  };

  demo.setOverride(a.path, { status: 404 });
  demo.setOverride(new URL(origin.url).pathname, { status: 200, body: wechatNotice('该内容已被发布者删除') });
  await recheckAt(times.sighting0);
  await recheckAt(times.confirm0);

  demo.setOverride(b.path, { status: 200, body: wechatNotice('此内容因违规无法查看') });
  demo.setOverride(c.path, { status: 410 });
  other.set('/news/market.html', { status: 404 });
  const editedWord = wordToEdit(eText);
  const page = await (await fetch(`${demo.url}${e.path}`)).text();
  const body = page.indexOf('post-content');
  expect(page.indexOf(editedWord, body), `"${editedWord}" is in E's body`).toBeGreaterThan(body);
  demo.setOverride(e.path, { status: 200, body: page.slice(0, body) + page.slice(body).replace(editedWord, EDIT_REPLACEMENT) });
  await recheckAt(times.sighting2);
  await recheckAt(times.confirm2);

  demo.setOverride(a.path, null);
  await recheckAt(times.restore3);
  now = times.end;

  return {
    dir,
    demo,
    other,
    cli,
    setNow: (at) => {
      now = at;
    },
    now: () => now,
    keys: { a: `cdt:${a.id}`, b: `cdt:${b.id}`, c: `cdt:${c.id}`, e: `cdt:${e.id}`, origin: origin.canonicalKey, originCitedBy: citedBy, g, m, dead: 'cdt:799999' },
    urls,
    editedWord,
    times,
    close: async () => {
      await demo.close();
      await other.close();
    },
  };
}

function wechatNotice(message: string): string {
  return `<html><head><title>微信公众平台</title></head><body><div class="weui-msg"><div class="global_error_msg warn">${message}</div></div></body></html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A word of two or more Chinese characters from the body's first paragraph, found once in it. */
function wordToEdit(text: string): string {
  const first = text.split(/\n+/)[0]!;
  const words = Array.from(new Intl.Segmenter('zh', { granularity: 'word' }).segment(first), (s) => s.segment);
  const word = words.find((w) => /^\p{Script=Han}{2,}$/u.test(w) && first.split(w).length === 2 && w !== EDIT_REPLACEMENT);
  expect(word, "a word to edit in E's first paragraph").toBeDefined();
  return word!;
}
