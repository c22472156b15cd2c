import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore, StorageError } from '../../storage/index.ts';
import { captureInput, pageUpsert, pinnedClock, tempDir } from './store-fixtures.ts';

const journal = JSON.parse(
  readFileSync(new URL('../../storage/migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: unknown[] };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/** Inspect the file directly, outside the store. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The drizzle migrator's bookkeeping: one row per applied migration. */
function appliedMigrations(db: Database.Database): unknown[] {
  return db.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id').all();
}

async function expectStorageError(promise: Promise<unknown>, code: string, path: string): Promise<StorageError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  const storageError = error as StorageError;
  expect(storageError.code).toBe(code);
  expect(storageError.message).toContain(path);
  return storageError;
}

describe('opening a data directory', () => {
  it('creates the folder and the database in WAL mode with foreign keys on', async () => {
    const dir = join(dataDir(), 'nested', 'archive');
    const store = await openSqliteStore({ dataDir: dir }, pinnedClock);
    const file = join(dir, DATABASE_FILE);
    await store.upsertPage(pageUpsert());

    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(inspect(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    // Foreign keys are per connection: prove them through the store.
    await expect(store.recordCapture(captureInput(999))).rejects.toMatchObject({ code: 'constraint' });
    await store.close();
  });

  it('keeps rows across reopening and applies each migration once', async () => {
    const dir = dataDir();
    const file = join(dir, DATABASE_FILE);
    const first = await openSqliteStore({ dataDir: dir }, pinnedClock);
    const page = await first.upsertPage(pageUpsert());
    const capture = await first.recordCapture(captureInput(page.id));
    await first.close();
    const applied = inspect(file, appliedMigrations);
    expect(applied).toHaveLength(journal.entries.length);

    const second = await openSqliteStore({ dataDir: dir }, pinnedClock);
    expect(await second.getPageByUrl(page.url)).toEqual(page);
    expect(await second.getCapture(capture.id)).toEqual(capture);
    expect(await second.readBlob(capture.bodyHash!)).toEqual(captureInput(page.id).body);
    await second.close();
    expect(inspect(file, appliedMigrations)).toEqual(applied);
  });

  it('finds its migrations whatever the working directory', async () => {
    const before = process.cwd();
    process.chdir(dataDir());
    try {
      const store = await openSqliteStore({ memory: true });
      expect(await store.counts()).toEqual({
        pages: 0,
        pageUrls: 0,
        captures: 0,
        blobs: 0,
        articles: 0,
        commentThreads: 0,
        comments: 0,
        checks: 0,
        events: 0,
      });
      await store.close();
    } finally {
      process.chdir(before);
    }
  });
});

describe('storage errors', () => {
  it('names a database file that is not SQLite', async () => {
    const dir = dataDir();
    const file = join(dir, DATABASE_FILE);
    writeFileSync(file, 'this is a text file, not an SQLite database. '.repeat(50));
    const error = await expectStorageError(openSqliteStore({ dataDir: dir }), 'not_sqlite', file);
    expect(error.message).toMatch(/not an SQLite database/);
    expect(error.path).toBe(file);
    // The file is left as it was.
    expect(readFileSync(file, 'utf8')).toMatch(/^this is a text file/);
  });

  it('names a data directory that cannot be created', async () => {
    const blocker = join(dataDir(), 'a-file');
    writeFileSync(blocker, '');
    const target = join(blocker, 'archive');
    await expectStorageError(openSqliteStore({ dataDir: target }), 'not_writable', target);
  });

  it('names a database path that cannot be opened', async () => {
    const dir = dataDir();
    const file = join(dir, DATABASE_FILE);
    mkdirSync(file);
    await expectStorageError(openSqliteStore({ dataDir: dir }), 'not_writable', file);
  });

  it('names an SQLite file that belongs to something else', async () => {
    const dir = dataDir();
    const file = join(dir, DATABASE_FILE);
    const other = new Database(file);
    other.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, title TEXT)');
    other.close();
    await expectStorageError(openSqliteStore({ dataDir: dir }), 'migration_failed', file);
  });

  it('refuses use after close', async () => {
    const store = await openSqliteStore({ memory: true });
    await store.close();
    await store.close();
    await expect(store.counts()).rejects.toMatchObject({ name: 'StorageError', code: 'closed' });
  });
});
