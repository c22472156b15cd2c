/**
 * Writes made together share one commit, yet each stands alone: one that fails takes nothing of the others
 * with it, and a write's promise settles only once it is on disk.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, StorageError } from '../../storage/index.ts';
import { captureInput, NOW, pageUpsert, tempDir } from './store-fixtures.ts';

describe('group commit', () => {
  it('keeps every good write of a batch when one of them fails', async () => {
    const temp = tempDir();
    const store = await openSqliteStore({ dataDir: temp.path });
    try {
      const page = await store.upsertPage(pageUpsert());
      const checkOf = (pageId: number, at: number) => {
        const { pageId: _ignored, ...capture } = captureInput(pageId, { status: 200, body: new TextEncoder().encode(`body ${at}`) });
        return { pageId, capture, checkedAt: at, outcome: 'changed' as const, detail: {}, stateAfter: 'alive' as const, nextCheckAt: at + 1, events: [] };
      };
      // Made together, so they go to one transaction.
      const writes = [store.recordCheck(checkOf(page.id, NOW + 1)), store.recordCheck(checkOf(page.id + 999, NOW + 2)), store.recordCheck(checkOf(page.id, NOW + 3))];
      const settled = await Promise.allSettled(writes);
      expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const refused = (settled[1] as PromiseRejectedResult).reason;
      expect(refused).toBeInstanceOf(StorageError);
      expect(String(refused.message)).toContain(`no page ${page.id + 999}`);
      // Bodies are compressed on the thread pool, so writes made together commit in the order they are ready.
      expect((await store.listChecks(page.id)).map((check) => check.checkedAt).sort()).toEqual([NOW + 1, NOW + 3]);
      // The failed write left no capture or blob behind.
      expect((await store.counts()).captures).toBe(2);
      expect((await store.counts()).blobs).toBe(2);
    } finally {
      await store.close();
    }

    // A fulfilled write is committed: another connection sees it.
    const db = new Database(join(temp.path, 'memhole.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM checks').get()).toEqual({ n: 2 });
    } finally {
      db.close();
      temp.remove();
    }
  });

  it('takes back every row of a write that fails halfway, and keeps the rest of its batch', async () => {
    const temp = tempDir();
    const store = await openSqliteStore({ dataDir: temp.path });
    try {
      const page = await store.upsertPage(pageUpsert());
      // One body, stored once already: with nothing to compress, the three writes below join one group.
      const body = new TextEncoder().encode('the same body');
      await store.recordCapture(captureInput(page.id, { status: 200, body }));
      const checkOf = (at: number, fromArticleId: number | null) => {
        const { pageId: _ignored, ...capture } = captureInput(page.id, { status: 200, body });
        const events = fromArticleId === null ? [] : [{ kind: 'edited' as const, fromState: 'alive' as const, toState: 'alive' as const, priorCheckIds: [], fromArticleId }];
        return { pageId: page.id, capture, checkedAt: at, outcome: 'changed' as const, detail: {}, stateAfter: 'alive' as const, nextCheckAt: at + 1, events };
      };
      // The middle write stores its capture and its check, then its event names an article that does not exist.
      const writes = [store.recordCheck(checkOf(NOW + 1, null)), store.recordCheck(checkOf(NOW + 2, 999_999)), store.recordCheck(checkOf(NOW + 3, null))];
      const settled = await Promise.allSettled(writes);
      expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(StorageError);
      expect((await store.listChecks(page.id)).map((check) => check.checkedAt).sort()).toEqual([NOW + 1, NOW + 3]);
      const counts = await store.counts();
      expect({ captures: counts.captures, checks: counts.checks, events: counts.events }).toEqual({ captures: 3, checks: 2, events: 0 });
      // The writes that succeeded are whole: each capture they made has its check.
      const captureIds = (await store.listCaptures(page.id)).slice(1).map((capture) => capture.id).sort();
      expect((await store.listChecks(page.id)).map((check) => check.captureId).sort()).toEqual(captureIds);
    } finally {
      await store.close();
      temp.remove();
    }
  });

  it('commits writes still waiting when the store closes', async () => {
    const temp = tempDir();
    const store = await openSqliteStore({ dataDir: temp.path });
    const written = store.upsertPage(pageUpsert());
    await store.close();
    expect((await written).canonicalKey).toBe(pageUpsert().canonicalKey);
    const reopened = await openSqliteStore({ dataDir: temp.path });
    try {
      expect((await reopened.counts()).pages).toBe(1);
    } finally {
      await reopened.close();
      temp.remove();
    }
  });
});
