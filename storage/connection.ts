/**
 * Opens the SQLite database behind the store: creates the data directory, sets the pragmas, applies the
 * checked-in migrations in storage/migrations and translates every failure into a StorageError.
 * sqlite-store.ts builds the Store on the connection; the *-repo.ts files run queries through `db`, their hot
 * ones as statements prepared once per connection (`preparedPerConnection`).
 */
import { accessSync, existsSync, constants as fsConstants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { errorMessage, StorageError, toStorageError } from './errors.ts';
import * as schema from './schema.ts';
import { foldTag } from './search-text.ts';

/** The database file inside a data directory. */
export const DATABASE_FILE = 'memhole.db';

/** How long a statement waits for another process's write lock before failing with `busy`. */
const BUSY_TIMEOUT_MS = 5_000;

// Resolved from this module, not the working directory, so the CLI works from anywhere.
const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The drizzle database the repos query; `$client` is the driver, for the few statements drizzle cannot build. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** An open database: drizzle for queries, the driver for transactions and pragmas. */
export interface Connection {
  db: Db;
  sqlite: Database.Database;
  /** The database file, or null in memory. */
  path: string | null;
}

/**
 * A repo's hot statements, built on a connection's first use and kept while it lives. Building a drizzle query
 * and preparing its SQL cost more than SQLite's own work on these small queries, so they are done once; the
 * statements go with the connection (a WeakMap entry), never outliving it.
 */
export function preparedPerConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (statements === undefined) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}

/**
 * Where the database lives. `readOnly` opens an existing archive without changing anything: no migration, no
 * journal-mode switch, and SQLite refuses every write (for `memhole verify`).
 */
export type DatabaseLocation = { dataDir: string; readOnly?: boolean } | { memory: true };

/** Open (and create or migrate) the database; throws StorageError only. */
export function openConnection(location: DatabaseLocation): Connection {
  if ('dataDir' in location && location.readOnly) return openReadOnly(join(location.dataDir, DATABASE_FILE));
  const path = 'dataDir' in location ? join(location.dataDir, DATABASE_FILE) : null;
  if ('dataDir' in location) prepareDataDir(location.dataDir);

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path ?? ':memory:');
  } catch (error) {
    throw toStorageError(error, path);
  }
  try {
    // The first statement is where a file that is not a database shows itself (SQLITE_NOTADB).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // In WAL mode NORMAL is safe against corruption and only risks the last commits on power loss.
    sqlite.pragma('synchronous = NORMAL');
    // The search's tag filter compares topics and tags folded as the index folds text.
    sqlite.function('search_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? foldTag(text) : null,
    );
    const db = drizzle({ client: sqlite, schema });
    applyMigrations(db, path);
    // Foreign keys go on after migrating: a table rebuild in a later migration drops and recreates tables,
    // which enforcement would block (and the pragma is a no-op inside the migrator's transaction anyway).
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new StorageError(
        'migration_failed',
        `${path ?? 'The in-memory database'} has ${violations.length} rows that break foreign keys after ` +
          'migrating; restore it from a backup.',
        { path },
      );
    }
    sqlite.pragma('foreign_keys = ON');
    return { db, sqlite, path };
  } catch (error) {
    sqlite.close();
    throw toStorageError(error, path);
  }
}

function openReadOnly(path: string): Connection {
  if (!existsSync(path)) {
    throw new StorageError('missing', `There is no archive at ${path}. Point --data at an archive's data folder.`, { path });
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw toStorageError(error, path);
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('query_only = ON');
    requireCurrentSchema(sqlite, path);
    return { db: drizzle({ client: sqlite, schema }), sqlite, path };
  } catch (error) {
    sqlite.close();
    throw toStorageError(error, path);
  }
}

/** A read-only connection cannot migrate: an archive behind the checked-in migrations is refused with the fix. */
function requireCurrentSchema(sqlite: Database.Database, path: string): void {
  const newest = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).at(-1);
  const bookkeeping = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const applied = bookkeeping
    ? (sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at
    : null;
  if (newest !== undefined && (applied === null || applied < newest.folderMillis)) {
    throw new StorageError(
      'migration_failed',
      `${path} was written by an older memhole (or is not a memhole archive). Run any other memhole command on it ` +
        'once (such as `memhole status`) to bring it up to date, then run this one again.',
      { path },
    );
  }
}

function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, fsConstants.W_OK);
  } catch (error) {
    throw new StorageError(
      'not_writable',
      `Cannot use the data directory ${dataDir} (${errorMessage(error)}). Create it writable, or choose another one.`,
      { path: dataDir, cause: error },
    );
  }
}

function applyMigrations(db: Db, path: string | null): void {
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    const translated = toStorageError(error, path);
    if (translated.code !== 'failed') throw translated;
    throw new StorageError(
      'migration_failed',
      `Cannot bring ${path ?? 'the in-memory database'} up to date (${errorMessage(translated.cause)}). ` +
        'If the file belongs to another program, choose another data directory.',
      { path, cause: translated.cause },
    );
  }
}
