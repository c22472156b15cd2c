/**
 * The one error type storage/ throws. Driver errors (better-sqlite3, file system) are translated here, so
 * callers see a message naming the database path and what to do, and a flag saying whether to retry.
 */

/** What went wrong, coarsely enough for a caller to choose an exit code or a retry. */
export type StorageErrorCode =
  /** The data directory or database file cannot be created or written. */
  | 'not_writable'
  /** A read-only open found no database file. */
  | 'missing'
  /** The file exists but is not an SQLite database (or is damaged). */
  | 'not_sqlite'
  /** The checked-in migrations could not be applied. */
  | 'migration_failed'
  /** Another connection held the database longer than the busy timeout. */
  | 'busy'
  /** A write broke a constraint, such as a capture for a page that does not exist. */
  | 'constraint'
  /** The store was used after close(). */
  | 'closed'
  | 'failed';

/** An error raised by the archive's storage; `retryable` is true only when the same call may succeed later. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;
  /** The database file (or data directory) concerned, or null for an in-memory database. */
  readonly path: string | null;
  readonly retryable: boolean;

  constructor(code: StorageErrorCode, message: string, options: { path: string | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.retryable = code === 'busy';
  }
}

/** The driver's or the file system's error code, when the thrown value carries one. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return null;
}

/** The thrown value's message, for wrapping. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turn whatever the driver or the file system threw into a StorageError. `where` names the database for the
 * message: a file path, or null for an in-memory database.
 */
export function toStorageError(thrown: unknown, where: string | null): StorageError {
  if (thrown instanceof StorageError) return thrown;
  const error = driverError(thrown);
  const code = errorCode(error) ?? '';
  const detail = errorMessage(error);
  const name = where ?? 'the in-memory database';
  const options = { path: where, cause: error };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(
      'busy',
      `${name} is locked by another connection (${detail}). Try again when the other memhole process has finished.`,
      options,
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StorageError('constraint', `A write to ${name} broke a constraint: ${detail}.`, options);
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(
      'not_sqlite',
      `${name} is not an SQLite database or is damaged (${detail}). ` +
        'Move the file aside, or choose another data directory.',
      options,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM') ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR_')
  ) {
    return new StorageError(
      'not_writable',
      `Cannot write ${name} (${detail}). ` +
        'Check that the data directory exists, is writable and has free space, or choose another one.',
      options,
    );
  }
  if (error instanceof TypeError && /connection is not open/.test(detail)) {
    return new StorageError('closed', `${name} was used after the store was closed.`, options);
  }
  return new StorageError('failed', `Storage failed on ${name}: ${detail}`, options);
}

/**
 * The driver's own error inside drizzle's query wrapper: it carries the SQLite code, and its message does not
 * repeat the query's parameters (which can be a whole page body).
 */
function driverError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (errorCode(current) !== null || !(current instanceof Error) || current.cause === undefined) break;
    current = current.cause;
  }
  return current;
}
