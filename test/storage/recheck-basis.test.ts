/**
 * What a re-check reads before fetching, in one snapshot: the latest version, the latest check that saw the
 * content, and the newer of their captures, the last one that showed the content.
 */
import { describe, expect, it } from 'vitest';
import { openSqliteStore, type CheckOutcome } from '../../storage/index.ts';
import { articleInput, captureInput, NOW, pageUpsert } from './store-fixtures.ts';

const CONTENT: CheckOutcome[] = ['unchanged', 'changed'];

describe('recheckBasis', () => {
  it('follows the last capture that showed the content, never a later failed one', async () => {
    const store = await openSqliteStore({ memory: true }, () => NOW);
    const page = await store.upsertPage(pageUpsert());
    expect(await store.recheckBasis(page.id, CONTENT)).toEqual({ version: null, check: null, capture: null });

    const crawled = await store.recordCapture(captureInput(page.id, { body: new TextEncoder().encode('<p>正文</p>') }));
    const version = (await store.recordArticle(articleInput(page.id, crawled.id))).article;
    let basis = await store.recheckBasis(page.id, CONTENT);
    expect(basis.version).toEqual({ id: version.id, captureId: crawled.id, textHash: version.textHash, publishedAt: version.publishedAt });
    expect(basis.capture?.id).toBe(crawled.id);
    expect(basis.check).toBeNull();

    const check = async (outcome: CheckOutcome, status: number, at: number) => {
      const { pageId: _page, ...capture } = captureInput(page.id, { status, capturedAt: at, headers: [['ETag', `"${at}"`], ['Content-Type', 'text/html']] });
      return store.recordCheck({ pageId: page.id, capture, checkedAt: at, outcome, detail: { at }, stateAfter: 'alive', nextCheckAt: at + 1, events: [] });
    };
    const seen = await check('unchanged', 200, NOW + 1000);
    await check('not_found', 404, NOW + 2000);
    basis = await store.recheckBasis(page.id, CONTENT);
    expect(basis.check?.id).toBe(seen.check.id);
    expect(basis.capture?.id).toBe(seen.capture.id);
    // The prepared writes keep JSON columns and header order intact.
    expect(basis.capture?.headers).toEqual([['ETag', `"${NOW + 1000}"`], ['Content-Type', 'text/html']]);
    expect(basis.check?.detail).toEqual({ at: NOW + 1000 });
    expect((await store.getPage(page.id))!.checkCount).toBe(2);
    await store.close();
  });
});
