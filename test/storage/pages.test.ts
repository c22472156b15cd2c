import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../storage/index.ts';
import { NOW, pageUpsert, pinnedClock } from './store-fixtures.ts';

describe('pages and URL aliases', () => {
  it('keys two URLs of one article to one page', async () => {
    const store = await openSqliteStore({ memory: true }, pinnedClock);
    const first = await store.upsertPage(pageUpsert());
    const second = await store.upsertPage(
      pageUpsert({ url: 'https://chinadigitaltimes.net/chinese/685611', seenAt: NOW + 5 }),
    );

    expect(second).toEqual(first);
    expect(first).toMatchObject({
      canonicalKey: 'cdt:685611',
      url: 'https://chinadigitaltimes.net/chinese/685611.html',
      state: 'alive',
      stateSince: NOW,
      firstSeenAt: NOW,
      nextCheckAt: null,
      checkCount: 0,
    });
    expect(await store.pageUrls(first.id)).toEqual([
      'https://chinadigitaltimes.net/chinese/685611.html',
      'https://chinadigitaltimes.net/chinese/685611',
    ]);
    expect((await store.getPageByUrl('https://chinadigitaltimes.net/chinese/685611'))?.id).toBe(first.id);
    expect((await store.getPageByKey('cdt:685611'))?.id).toBe(first.id);
    expect(await store.getPage(first.id)).toEqual(first);
    expect(await store.counts()).toMatchObject({ pages: 1, pageUrls: 2 });
    await store.close();
  });

  it('adds aliases without duplicates and leaves a URL with its first page', async () => {
    const store = await openSqliteStore({ memory: true }, pinnedClock);
    const a = await store.upsertPage(pageUpsert({ url: 'https://example.org/a' }));
    const b = await store.upsertPage(pageUpsert({ canonicalKey: 'cdt:2', url: 'https://example.org/b' }));
    await store.addPageUrl(a.id, 'https://example.org/a-slug', NOW + 1);
    await store.addPageUrl(a.id, 'https://example.org/a-slug', NOW + 2);
    await store.addPageUrl(b.id, 'https://example.org/a', NOW + 3);

    expect(await store.pageUrls(a.id)).toEqual(['https://example.org/a', 'https://example.org/a-slug']);
    expect((await store.getPageByUrl('https://example.org/a'))?.id).toBe(a.id);
    expect(await store.getPageByUrl('https://example.org/unknown')).toBeNull();
    expect(await store.getPage(999)).toBeNull();
    await store.close();
  });

  it('lists pages by source and kind', async () => {
    const store = await openSqliteStore({ memory: true }, pinnedClock);
    await store.upsertPage(pageUpsert({ url: 'https://example.org/a' }));
    await store.upsertPage(pageUpsert({ canonicalKey: 'cdt:list', kind: 'listing', url: 'https://example.org/l' }));
    await store.upsertPage(pageUpsert({ canonicalKey: 'fb:1', sourceId: 'freebuf', url: 'https://example.com/1' }));
    const keys = async (filter?: Parameters<typeof store.listPages>[0]) =>
      (await store.listPages(filter)).map((p) => p.canonicalKey);

    expect(await keys()).toEqual(['cdt:685611', 'cdt:list', 'fb:1']);
    expect(await keys({ sourceId: 'cdt' })).toEqual(['cdt:685611', 'cdt:list']);
    expect(await keys({ sourceId: 'cdt', kind: 'article' })).toEqual(['cdt:685611']);
    expect(await keys({ kind: 'article' })).toEqual(['cdt:685611', 'fb:1']);
    await store.close();
  });
});
