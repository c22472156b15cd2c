/**
 * The recall check: for Chinese queries of two to four characters over the fixture archive, the index returns
 * exactly the pages a plain substring scan finds in the same extracted text (every version's indexed fields and
 * every comment thread), folded to simplified characters the same way. Queries are every CJK substring of
 * the fixture texts, as written and folded, characters either side of punctuation, and absent words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RANK_WEIGHTS } from '../../src/search/search.ts';
import { articleSearchFields, foldForSearch, openSqliteStore, threadSearchText, type Store } from '../../storage/index.ts';
import { pinnedClock } from '../storage/store-fixtures.ts';
import { ARTICLES, buildArchive } from './search-fixtures.ts';

const CJK_RUN = /\p{Script=Han}+/gu;

let store: Store;
/** Per page key, the folded text of each of its documents' fields. */
let scanned: Map<string, string[]>;

beforeAll(async () => {
  store = await openSqliteStore({ memory: true }, pinnedClock);
  const { pages } = await buildArchive(store);
  scanned = new Map();
  for (const [key, page] of pages) {
    const fields: string[] = [];
    for (const version of await store.listArticles(page.id)) fields.push(...Object.values(articleSearchFields(version)));
    for (const thread of await store.listThreads(page.id)) fields.push(threadSearchText(thread.intro, await store.listComments(thread.id)));
    scanned.set(key, fields.map(foldForSearch));
  }
  return () => store.close();
});

function substringScan(query: string): string[] {
  const folded = foldForSearch(query);
  return [...scanned].filter(([, fields]) => fields.some((field) => field.includes(folded))).map(([key]) => key).sort();
}

async function indexSearch(query: string): Promise<string[]> {
  const found = await store.search({ terms: [query], filters: {}, weights: RANK_WEIGHTS, limit: 1_000, offset: 0 });
  return found.hits.map((hit) => hit.page.canonicalKey).sort();
}

function queries(): string[] {
  const texts = ARTICLES.flatMap((a) => [a.title, a.text, ...(a.topics ?? [])]);
  const set = new Set<string>();
  for (const text of [...texts, ...texts.map(foldForSearch)]) {
    const runs = text.match(CJK_RUN) ?? [];
    for (const run of runs) {
      const chars = Array.from(run);
      for (let length = 2; length <= 4; length++) {
        for (let i = 0; i + length <= chars.length; i++) set.add(chars.slice(i, i + length).join(''));
      }
    }
    // Across punctuation, which a match must not bridge: the last character of a run and the first of the
    // next; and where the next run starts with the character this one ends with (健康，康复), the run's last two
    // characters and the next run's second, whose bigrams (健康 康复) stand in the text side by side.
    for (let i = 0; i + 1 < runs.length; i++) {
      const [before, after] = [Array.from(runs[i]!), Array.from(runs[i + 1]!)];
      set.add(`${before.at(-1)}${after[0]}`);
      if (before.length > 1 && after.length > 1) set.add(`${before.slice(-2).join('')}${after[1]}`);
    }
  }
  for (const absent of ['审查制度', '防火墙', '數據庫', '言论自由化']) set.add(absent);
  return [...set];
}

describe('recall against a substring scan', () => {
  it('returns exactly the pages whose folded text contains the query', async () => {
    const all = queries();
    expect(all.length).toBeGreaterThan(300);
    const mismatches: { query: string; index: string[]; scan: string[] }[] = [];
    let found = 0;
    for (const query of all) {
      const [index, scan] = [await indexSearch(query), substringScan(query)];
      if (scan.length) found++;
      if (JSON.stringify(index) !== JSON.stringify(scan)) mismatches.push({ query, index, scan });
    }
    expect(mismatches).toEqual([]);
    // Both outcomes are exercised: most queries are found, some (the punctuation pairs, the absent words) not.
    expect(found).toBeGreaterThan(all.length / 2);
    expect(found).toBeLessThan(all.length);
  });
});
