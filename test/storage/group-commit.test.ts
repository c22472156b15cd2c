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
