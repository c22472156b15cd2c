/**
 * Query parsing: words, quoted phrases (ASCII, full-width and Chinese quotation marks), and every malformed
 * query refused with a message that says what to fix. Text that is FTS5 syntax elsewhere is searched as text:
 * no query reaches SQLite as anything but quoted phrases, so none ends in an SQLite error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, QueryError } from '../../src/search/query.ts';
import { searchArchive } from '../../src/search/search.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { pinnedClock } from '../storage/store-fixtures.ts';
import { buildArchive } from './search-fixtures.ts';

describe('parseQuery', () => {
  it('splits words at spaces (ASCII or ideographic) and keeps quoted phrases whole', () => {
    expect(parseQuery('健康码  数据泄露').terms).toEqual(['健康码', '数据泄露']);
    expect(parseQuery('健康码\u3000上海').terms).toEqual(['健康码', '上海']);
    expect(parseQuery('"remote code execution" Log4j漏洞').terms).toEqual(['remote code execution', 'Log4j漏洞']);
    expect(parseQuery('“新冠 疫情” ＂data leak＂').terms).toEqual(['新冠 疫情', 'data leak']);
    expect(parseQuery('健康码 AND 上海').terms).toEqual(['健康码', '上海']);
  });

  it('drops words that are only punctuation', () => {
    expect(parseQuery('健康码 ！！ -- 。').terms).toEqual(['健康码']);
  });

  it.each([
    ['', /the query is empty/],
    ['   ', /the query is empty/],
    ['！？。', /has no letters, digits or Chinese characters/],
    ['"--"', /has no letters, digits or Chinese characters/],
    ['"健康码', /unbalanced quote: the " before 健康码 is never closed; add a closing " or remove it/],
    ['上海 “数据泄露', /unbalanced quote: the “ before 数据泄露 is never closed; add a closing ”/],
    ['健康码 "', /unbalanced quote: the " at the end is never closed/],
    ['健康码 OR 随申码', /OR and NOT are not supported/],
    ['NOT 健康码', /OR and NOT are not supported/],
    [Array.from({ length: 17 }, (_, i) => `词${i}`).join(' '), /at most 16/],
    ['码'.repeat(1_001), /keep it under 1000/],
  ])('refuses %j with a message that says what is wrong', (query, message) => {
    expect(() => parseQuery(query)).toThrow(QueryError);
    expect(() => parseQuery(query)).toThrow(message);
  });
});

describe('FTS5 syntax in a query is text', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openSqliteStore({ memory: true }, pinnedClock);
    await buildArchive(store);
  });
  afterAll(() => store.close());

  it.each([
    ['健康码*', ['cdt:101', 'cdt:102']],
    ['title:健康码', []],
    ['NEAR(健康码 上海)', []],
    ['^上海', ['cdt:101', 'cdt:105']],
    ['健康码 -上海', ['cdt:101']],
    ['(健康码)', ['cdt:101', 'cdt:102']],
    ['"a""b"', []],
    ['{body}', []],
    ["健康码'); DROP TABLE articles; --", []],
  ])('%j runs as a plain search', async (query, expected) => {
    const found = await searchArchive(store, { query, limit: 50 });
    expect(found.results.map((r) => r.key).sort()).toEqual(expected);
    expect((await store.counts()).articles).toBe(7);
  });
});
