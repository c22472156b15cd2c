/**
 * Full-text search on a real in-memory store: Chinese words of two to four characters, simplified against
 * traditional both ways, English and mixed words, phrases, every filter, removed pages found and marked,
 * snippets highlighting the original text, and a rebuilt index answering as the one written with the rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { searchArchive, type SearchResults } from '../../src/search/search.ts';
import { openSqliteStore, type SearchFilters, type Store } from '../../storage/index.ts';
import { pinnedClock } from '../storage/store-fixtures.ts';
import { buildArchive, DAY, NOW } from './search-fixtures.ts';

let store: Store;

beforeAll(async () => {
  store = await openSqliteStore({ memory: true }, pinnedClock);
  await buildArchive(store);
  return () => store.close();
});

async function search(query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchResults> {
  return searchArchive(store, { query, filters, limit });
}

/** The keys of the pages found, sorted (ranking is tested on its own). */
async function keys(query: string, filters: SearchFilters = {}): Promise<string[]> {
  return (await search(query, filters)).results.map((result) => result.key).sort();
}

/** The hits of the first result's snippet, as text. */
function highlighted(results: SearchResults, index = 0): string[] {
  const snippet = results.results[index]!.snippet!;
  return snippet.highlights.map(([start, end]) => snippet.text.slice(start, end));
}

describe('Chinese words', () => {
  it('finds two-, three- and four-character words wherever they stand', async () => {
    expect(await keys('口罩')).toEqual(['cdt:101']);
    expect(await keys('疫情')).toEqual(['cdt:103']);
    expect(await keys('随申码')).toEqual(['cdt:101']);
    expect(await keys('健康码')).toEqual(['cdt:101', 'cdt:102']);
    expect(await keys('数据泄露')).toEqual(['cdt:101', 'cdt:102']);
    expect(await keys('封控第三十天')).toEqual(['cdt:105']);
  });

  it('finds a word inside a longer one, and not across punctuation', async () => {
    // 健康码 is inside 上海健康码故障 (the title) and 码农 stands after a comma in cdt:103.
    expect(await keys('康码')).toEqual(['cdt:101', 'cdt:102']);
    expect(await keys('码农')).toEqual(['cdt:103']);
    // cdt:103 writes 健康，码农: the characters are there, but not next to each other.
    expect(await keys('健康码农')).toEqual([]);
  });

  it('finds a single character', async () => {
    expect(await keys('撤')).toEqual(['cdt:104']);
  });

  it('needs every word (AND)', async () => {
    expect(await keys('健康码 香港')).toEqual(['cdt:102']);
    expect(await keys('健康码 口罩')).toEqual(['cdt:101']);
    expect(await keys('健康码 Java')).toEqual([]);
  });
});

describe('simplified and traditional', () => {
  it('finds traditional text with a simplified query', async () => {
    expect(await keys('卫生署')).toEqual(['cdt:102']);
    expect(await keys('资料库')).toEqual(['cdt:102']);
  });

  it('finds simplified text with a traditional query', async () => {
    expect(await keys('隨申碼')).toEqual(['cdt:101']);
    expect(await keys('數據洩露')).toEqual(['cdt:101', 'cdt:102']);
  });

  it('highlights the original characters, not the folded ones', async () => {
    const found = await search('数据泄露 香港');
    expect(found.results.map((r) => r.key)).toEqual(['cdt:102']);
    expect(highlighted(found)).toContain('數據洩露');
    // 暐 folds to a character outside the BMP (𬀩): the folded text is longer than the original.
    const astral = await search('黄暐瀚');
    expect(astral.results.map((r) => r.key)).toEqual(['cdt:102']);
    expect(highlighted(astral)).toEqual(['黃暐瀚']);
  });
});

describe('English and mixed queries', () => {
  it('matches English words whole and case-insensitively', async () => {
    expect(await keys('apache')).toEqual(['freebuf:201']);
    expect(await keys('LOG4J')).toEqual(['freebuf:201']);
    expect(await keys('apach')).toEqual([]);
  });

  it('matches a word mixing Chinese and English as consecutive text', async () => {
    expect(await keys('Java应用')).toEqual(['freebuf:201']);
    expect(await keys('Log4j漏洞')).toEqual(['freebuf:201']);
    expect(await keys('Java漏洞')).toEqual([]);
    expect(await keys('CVE-2021-44228')).toEqual(['freebuf:201']);
  });

  it('matches a quoted phrase in order only', async () => {
    expect(await keys('"remote code execution"')).toEqual(['freebuf:201']);
    expect(await keys('"execution code remote"')).toEqual([]);
    expect(await keys('execution code remote')).toEqual(['freebuf:201']);
    expect(await keys('“新冠疫情期间”')).toEqual(['cdt:103']);
  });
});

describe('results', () => {
  it('ranks a title hit above a body hit', async () => {
    // 团购 is in cdt:104's title only and in cdt:105's body only; 上海 in cdt:101's title and body, cdt:105's topics.
    const byTitle = await search('团购');
    expect(byTitle.results.map((r) => r.key)).toEqual(['cdt:104', 'cdt:105']);
    expect(byTitle.results[0]!.score).toBeLessThan(byTitle.results[1]!.score);
    expect((await search('上海')).results.map((r) => r.key)).toEqual(['cdt:101', 'cdt:105']);
  });

  it('finds a removed article and marks it removed, with when', async () => {
    const [result] = (await search('随申码')).results;
    expect(result).toMatchObject({ key: 'cdt:101', state: 'removed', removedAt: NOW - 2 * DAY, restoredAt: null });
  });

  it('marks a restored page', async () => {
    const [result] = (await search('言论空间')).results;
    expect(result).toMatchObject({ key: 'cdt:103', state: 'alive', removedAt: NOW - 6 * DAY, restoredAt: NOW - 4 * DAY });
  });

  it('shows the latest version that matched', async () => {
    const before = (await search('防火长城')).results;
    const after = (await search('网络审查')).results;
    expect(before.map((r) => r.key)).toEqual(['cdt:104']);
    expect(after.map((r) => r.key)).toEqual(['cdt:104']);
    expect(before[0]!.articleId).toBeLessThan(after[0]!.articleId!);
    expect(highlighted(await search('网络审查'))).toEqual(['网络审查']);
  });

  it('finds a page by its comments, shown with its article', async () => {
    const found = await search('言论自由');
    expect(found.results).toHaveLength(1);
    expect(found.results[0]).toMatchObject({ key: 'cdt:105', matchedIn: ['comments'], title: '居民自述：封控第三十天' });
    expect(found.results[0]!.snippet).toMatchObject({ field: 'comments' });
    expect(highlighted(found)).toEqual(['言论自由']);
    expect(await keys('"free speech"')).toEqual(['cdt:105']);
  });

  it('pages through the results with limit and offset, counting them all', async () => {
    const first = await searchArchive(store, { query: '健康码', limit: 1, offset: 0 });
    const second = await searchArchive(store, { query: '健康码', limit: 1, offset: 1 });
    const beyond = await searchArchive(store, { query: '健康码', limit: 1, offset: 5 });
    expect([first.total, second.total, beyond.total]).toEqual([2, 2, 2]);
    expect([...first.results, ...second.results].map((r) => r.key).sort()).toEqual(['cdt:101', 'cdt:102']);
    expect(beyond.results).toEqual([]);
  });
});

describe('filters', () => {
  it('by source', async () => {
    expect(await keys('漏洞', { sourceIds: ['freebuf'] })).toEqual(['freebuf:201']);
    expect(await keys('漏洞', { sourceIds: ['cdt'] })).toEqual([]);
  });

  it('by page state, restored included', async () => {
    expect(await keys('健康码', { states: ['removed'] })).toEqual(['cdt:101']);
    expect(await keys('健康码', { states: ['alive'] })).toEqual(['cdt:102']);
    expect(await keys('疫情', { states: ['restored'] })).toEqual(['cdt:103']);
    expect(await keys('健康码', { states: ['restored'] })).toEqual([]);
  });

  it('by event kind', async () => {
    expect(await keys('热搜', { eventKinds: ['edited'] })).toEqual(['cdt:104']);
    expect(await keys('健康码', { eventKinds: ['removed'] })).toEqual(['cdt:101']);
    expect(await keys('疫情', { eventKinds: ['restored'] })).toEqual(['cdt:103']);
    expect(await keys('疫情', { eventKinds: ['edited'] })).toEqual([]);
  });

  it('by topic or tag, simplified or traditional', async () => {
    expect(await keys('健康码', { tags: ['上海'] })).toEqual(['cdt:101']);
    expect(await keys('健康码', { tags: ['健康碼'] })).toEqual(['cdt:101', 'cdt:102']);
    expect(await keys('漏洞', { tags: ['java'] })).toEqual(['freebuf:201']);
    expect(await keys('健康码', { tags: ['审查'] })).toEqual([]);
  });

  it('by publication date', async () => {
    const in2022 = { since: Date.parse('2022-01-01T00:00:00+08:00'), until: Date.parse('2022-12-31T23:59:59+08:00') };
    expect(await keys('健康码', { published: in2022 })).toEqual(['cdt:101']);
    expect(await keys('健康码', { published: { since: Date.parse('2023-01-01T00:00:00+08:00') } })).toEqual(['cdt:102']);
    // cdt:105 has no publication date: a date filter leaves it out, and its comments are dated by its article.
    expect(await keys('封控', { published: { until: NOW } })).toEqual([]);
    expect(await keys('言论自由', { published: { until: NOW } })).toEqual([]);
  });

  it('by capture date', async () => {
    expect(await keys('健康码', { captured: { since: NOW - 25 * DAY } })).toEqual(['cdt:102']);
    expect(await keys('健康码', { captured: { until: NOW - 25 * DAY } })).toEqual(['cdt:101']);
    // The second version of cdt:104 was captured a day ago, the first eight days ago.
    expect(await keys('网络审查', { captured: { until: NOW - 2 * DAY } })).toEqual([]);
    expect(await keys('防火长城', { captured: { until: NOW - 2 * DAY } })).toEqual(['cdt:104']);
  });

  it('by removal date', async () => {
    expect(await keys('健康码', { removed: { since: NOW - 3 * DAY } })).toEqual(['cdt:101']);
    expect(await keys('疫情', { removed: { since: NOW - 3 * DAY } })).toEqual([]);
    expect(await keys('疫情', { removed: { until: NOW - 5 * DAY } })).toEqual(['cdt:103']);
  });
});

describe('reindex', () => {
  it('rebuilds an index that answers exactly as before', async () => {
    const queries = ['健康码', '数据泄露', '撤', 'Java应用', '"remote code execution"', '言论自由', '上海', '康码'];
    const answer = async (): Promise<unknown[]> =>
      Promise.all(queries.map(async (q) => (await search(q)).results.map((r) => [r.key, r.articleId, r.matchedIn, r.score.toFixed(6), r.snippet])));
    const before = await answer();
    const statsBefore = await store.searchIndexStats();
    const written = await store.reindexSearch();
    expect(written).toMatchObject({ articles: 7, threads: 1 });
    expect(await answer()).toEqual(before);
    expect(await store.searchIndexStats()).toMatchObject({ indexedDocuments: statsBefore.indexedDocuments, expectedDocuments: 8 });
  });
});
