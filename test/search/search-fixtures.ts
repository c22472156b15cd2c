/**
 * A small archive for the search tests, built through the store's own API (pages, captures, article versions,
 * comment threads, checks with their events), never by SQL. The texts are written for these tests: simplified
 * and traditional Chinese, English, and a mix, with removed, restored and edited pages.
 */
import { createHash } from 'node:crypto';
import type { ArticleInput, CheckOutcome, EventInput, PageRow, PageState, Store } from '../../storage/index.ts';
import { articleInput, captureInput, NOW, pageUpsert } from '../storage/store-fixtures.ts';

export { NOW };

export const DAY = 86_400_000;

export interface FixtureArticle {
  key: string;
  sourceId: string;
  title: string;
  text: string;
  author?: string;
  topics?: string[];
  tags?: string[];
  publishedAt?: string | null;
  capturedAt: number;
}

/** What each fixture page is for; the keys are what tests expect searches to return. */
export const ARTICLES: FixtureArticle[] = [
  {
    key: 'cdt:101',
    sourceId: 'cdt',
    title: '【网络民议】上海健康码故障',
    text: '周一上午，上海多区居民反映健康码无法显示，随申码页面一直转圈。有网友怀疑数据泄露，官方称系统正在维护。\n\n另有居民说，核酸检测点排起长队，口罩供应也很紧张。',
    author: '网友甲',
    topics: ['健康码', '上海'],
    tags: ['防疫'],
    publishedAt: '2022-12-24T09:00:00+08:00',
    capturedAt: NOW - 30 * DAY,
  },
  {
    key: 'cdt:102',
    sourceId: 'cdt',
    title: '香港衛生署資料庫遭入侵',
    text: '衛生署承認，存放市民健康碼紀錄的資料庫遭到入侵，數據洩露規模仍在調查。主持人黃暐瀚表示，議員要求政府公開報告。',
    author: '記者乙',
    topics: ['健康碼'],
    tags: [],
    publishedAt: '2023-03-10T12:00:00+08:00',
    capturedAt: NOW - 20 * DAY,
  },
  {
    key: 'freebuf:201',
    sourceId: 'freebuf',
    title: 'Apache Log4j 漏洞分析',
    text: 'Log4j漏洞（CVE-2021-44228）影响大量Java应用。研究人员称这是一个 remote code execution 漏洞，攻击者只需发送一段字符串。',
    author: 'Security Team',
    topics: ['漏洞'],
    tags: ['Java'],
    publishedAt: '2021-12-10T08:00:00+08:00',
    capturedAt: NOW - 10 * DAY,
  },
  {
    key: 'cdt:103',
    sourceId: 'cdt',
    title: '新冠疫情期间的言论空间',
    text: '疫情期间，许多讨论新冠疫情的帖子被删除。学者认为言论空间正在收窄，健康，码农们也在转发。',
    topics: ['审查'],
    publishedAt: '2022-04-01T10:00:00+08:00',
    capturedAt: NOW - 9 * DAY,
  },
  {
    key: 'cdt:104',
    sourceId: 'cdt',
    title: '微博热搜被撤，团购群被封',
    text: '一条关于防火长城的热搜在两小时后被撤下。',
    topics: ['审查'],
    publishedAt: '2023-05-05T20:00:00+08:00',
    capturedAt: NOW - 8 * DAY,
  },
  {
    key: 'cdt:105',
    sourceId: 'cdt',
    title: '居民自述：封控第三十天',
    text: '封控第三十天，小区团购的蔬菜终于送到。大家都想要健康，康复中心却关了门。',
    topics: ['上海'],
    publishedAt: null,
    capturedAt: NOW - 7 * DAY,
  },
];

/** The second version of cdt:104: the censored phrase replaced. */
export const EDITED_TEXT = '一条关于网络审查的热搜在两小时后被撤下。';

/** Comments of cdt:105, the only place its page mentions 言论自由. */
export const COMMENTS = [
  { author: '丙', text: '言论自由不应该只是一句口号。', parentIndex: null, postedAt: null },
  { author: '丁', text: 'Free speech matters.', parentIndex: 0, postedAt: null },
];

export interface FixtureArchive {
  store: Store;
  pages: Map<string, PageRow>;
}

/**
 * The archive: every fixture article; cdt:101 removed (404 twice), cdt:103 removed and then restored, cdt:104
 * edited (a second version without 防火长城), cdt:105 with a comment thread.
 */
export async function buildArchive(store: Store): Promise<FixtureArchive> {
  const pages = new Map<string, PageRow>();
  for (const fixture of ARTICLES) {
    const page = await store.upsertPage(
      pageUpsert({ canonicalKey: fixture.key, sourceId: fixture.sourceId, url: `https://${fixture.sourceId}.example/${fixture.key.split(':')[1]}`, seenAt: fixture.capturedAt }),
    );
    pages.set(fixture.key, page);
    const capture = await store.recordCapture(captureInput(page.id, { capturedAt: fixture.capturedAt }));
    await store.recordArticle(articleOf(fixture, page.id, capture.id));
  }
  const page = (key: string): PageRow => pages.get(key)!;

  await check(store, page('cdt:101'), NOW - 3 * DAY, 'not_found', 'suspect', [{ kind: 'suspect', fromState: 'alive', toState: 'suspect', priorCheckIds: [], removalKind: 'not_found' }]);
  const suspect = (await store.listChecks(page('cdt:101').id)).at(-1)!;
  await check(store, page('cdt:101'), NOW - 2 * DAY, 'not_found', 'removed', [
    { kind: 'removed', fromState: 'suspect', toState: 'removed', priorCheckIds: [suspect.id], removalKind: 'not_found' },
  ]);

  await check(store, page('cdt:103'), NOW - 6 * DAY, 'gone', 'removed', [{ kind: 'removed', fromState: 'alive', toState: 'removed', priorCheckIds: [], removalKind: 'gone' }]);
  await check(store, page('cdt:103'), NOW - 4 * DAY, 'unchanged', 'alive', [{ kind: 'restored', fromState: 'removed', toState: 'alive', priorCheckIds: [] }]);

  const edited = ARTICLES.find((a) => a.key === 'cdt:104')!;
  const before = await store.latestVersion(page('cdt:104').id);
  const { pageId: _pageId, captureId: _captureId, ...second } = articleOf({ ...edited, text: EDITED_TEXT }, 0, 0);
  await check(store, page('cdt:104'), NOW - 1 * DAY, 'changed', 'alive', [
    { kind: 'edited', fromState: null, toState: null, priorCheckIds: [], fromArticleId: before!.id, toThisArticle: true },
  ], second);

  const capture = await store.recordCapture(captureInput(page('cdt:105').id, { capturedAt: NOW - 5 * DAY }));
  await store.recordThread({ pageId: page('cdt:105').id, captureId: capture.id, intro: '网友评论：', hash: 'f'.repeat(64), comments: COMMENTS }, NOW - 5 * DAY);
  return { store, pages };
}

function articleOf(fixture: FixtureArticle, pageId: number, captureId: number): ArticleInput {
  return articleInput(pageId, captureId, {
    extractorVersion: `${fixture.sourceId}@1`,
    title: fixture.title,
    headline: fixture.title.replace(/^【[^】]+】/, ''),
    column: null,
    author: fixture.author ?? null,
    publishedText: fixture.publishedAt ?? null,
    publishedAt: fixture.publishedAt ?? null,
    originUrl: null,
    originName: null,
    topics: (fixture.topics ?? []).map((name) => ({ name, url: `https://${fixture.sourceId}.example/tag/${name}` })),
    tags: fixture.tags ?? [],
    categories: [],
    markdown: fixture.text,
    text: fixture.text,
    textHash: createHash('sha256').update(`${fixture.title}\n${fixture.text}`).digest('hex'),
  });
}

async function check(
  store: Store,
  page: PageRow,
  at: number,
  outcome: CheckOutcome,
  stateAfter: PageState,
  events: EventInput[],
  article: Omit<ArticleInput, 'pageId' | 'captureId'> | null = null,
): Promise<void> {
  const { pageId: _pageId, ...capture } = captureInput(page.id, { capturedAt: at, status: outcome === 'not_found' ? 404 : outcome === 'gone' ? 410 : 200 });
  await store.recordCheck({ pageId: page.id, capture, article, checkedAt: at, outcome, detail: {}, stateAfter, nextCheckAt: null, events });
}
