/**
 * The read-only store `memhole verify` opens: it reads an archive, refuses every write, never migrates, and
 * refuses an archive older than the checked-in migrations with the fix; references to nothing are found.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore, StorageError, type Store } from '../../storage/index.ts';
import { captureInput, pageUpsert, pinnedClock, tempDir } from '../storage/store-fixtures.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function archiveWithOneCapture(): Promise<{ dataDir: string; hash: string; captureId: number }> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const store = await openSqliteStore({ dataDir: dir.path }, pinnedClock);
  const page = await store.upsertPage(pageUpsert());
  const capture = await store.recordCapture(captureInput(page.id));
  await store.close();
  return { dataDir: dir.path, hash: capture.bodyHash!, captureId: capture.id };
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('a read-only store', () => {
  it('reads the archive and refuses writes', async () => {
    const { dataDir, hash } = await archiveWithOneCapture();
    const store: Store = await openSqliteStore({ dataDir, readOnly: true }, pinnedClock);
    try {
      expect((await store.scanBlobs(null, 10)).map((blob) => blob.hash)).toEqual([hash]);
      expect(await store.scanBlobs(hash, 10)).toEqual([]);
      expect(await store.danglingReferences()).toEqual([]);
      expect(await store.checkDatabaseFile()).toEqual([]);
      const error = await rejection(store.upsertPage(pageUpsert({ canonicalKey: 'cdt:1' })));
      expect(error.code).toBe('not_writable');
    } finally {
      await store.close();
    }
  });

  it('finds references to rows that are gone, and the rows that refer to a row', async () => {
    const { dataDir, hash, captureId } = await archiveWithOneCapture();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM blobs WHERE hash = ?').run(hash);
    db.close();
    const store = await openSqliteStore({ dataDir, readOnly: true }, pinnedClock);
    try {
      const page = (await store.getPageByKey(pageUpsert().canonicalKey))!;
      expect(await store.danglingReferences()).toEqual([
        { row: { table: 'captures', key: String(captureId), pageId: page.id }, column: 'body_hash', target: 'blobs', value: hash },
      ]);
      expect(await store.referrers('blobs', hash)).toEqual([{ row: { table: 'captures', key: String(captureId), pageId: page.id }, column: 'body_hash' }]);
      expect((await store.referrers('pages', String(page.id))).map((r) => `${r.row.table}.${r.column}`).sort()).toEqual([
        'captures.page_id',
        'page_urls.page_id',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses an archive behind the migrations, saying how to bring it up to date', async () => {
    const { dataDir } = await archiveWithOneCapture();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    db.close();
    const error = await rejection(openSqliteStore({ dataDir, readOnly: true }, pinnedClock));
    expect(error.code).toBe('migration_failed');
    expect(error.message).toContain('written by an older memhole');
  });
});
