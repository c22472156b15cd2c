/**
 * The Store on embedded SQLite (better-sqlite3 + drizzle). Each method runs as one synchronous transaction
 * behind a Promise, so a PostgreSQL store can keep the same async contract. Opening and migrations are in
 * connection.ts, the queries in the *-repo.ts files, the contract in types.ts.
 */
import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { recordArticle, findArticle, findLatestArticle, findLatestVersion, selectArticles } from './article-repo.ts';
import { compressBlob, sha256Hex } from './blob-store.ts';
import { blobExists, findCapture, insertCapture, readBlob, selectCaptures, type PreparedBlob, findAssetByUrl } from './capture-repo.ts';
import { openConnection, type Connection, type Db } from './connection.ts';
import { fillMissingFingerprints, selectSimilarTexts } from './fingerprint-repo.ts';
import { StorageError, toStorageError } from './errors.ts';
import {
  findPage,
  findPageByKey,
  findPageByUrl,
  insertPageUrl,
  selectPageUrls,
  selectPages,
  upsertPage,
} from './page-repo.ts';
import {
  articles,
  blobs,
  captures,
  checks,
  comments,
  events,
  commentThreads,
  pages,
  pageUrls,
  type BlobCompression,
} from './schema.ts';
import { checkDatabaseFile, selectDanglingReferences, selectReferrers, selectStoredBlobs } from './integrity-repo.ts';
import { findLatestThread, recordThread, selectComments, selectThreads } from './thread-repo.ts';
import { rebuildSearchIndex, searchIndexStats, searchPages } from './search-repo.ts';
import {
  findLastCapture,
  findRecheckBasis,
  insertCheck,
  insertPageLink,
  selectChecks,
  selectChecksByIds,
  selectChecksSince,
  selectDuePages,
  selectEvents,
  selectLinkedPages,
  selectUnscheduledPages,
  updateNextCheck,
} from './check-repo.ts';
import type {
  ArchiveTable,
  DanglingReference,
  Referrer,
  StoredBlob,
  ArticleInput,
  ArticleVersionRef,
  CaptureHow,
  CheckOutcome,
  CheckInput,
  CheckRow,
  CheckWrite,
  EventKind,
  EventRow,
  PageLinkRow,
  ArticleRow,
  ArticleWrite,
  CaptureInput,
  CaptureRow,
  CommentRow,
  PageKind,
  PageRow,
  PageUpsert,
  RecheckBasis,
  SimilarText,
  ReindexSummary,
  SearchHits,
  SearchIndexStats,
  SearchRequest,
  Store,
  StoreCounts,
  ThreadInput,
  ThreadRow,
  ThreadWrite,
} from './types.ts';

/**
 * Where the archive lives: `<dataDir>/memhole.db` (the folder is created), or a private in-memory database.
 * `compression` is how new blobs are stored (brotli by default); blobs record it, so either reads back.
 * `readOnly` opens an existing archive for reading only: nothing is migrated or written, and writes fail.
 */
export type OpenSqliteStoreOptions = ({ dataDir: string; readOnly?: boolean } | { memory: true }) & { compression?: BlobCompression };

/**
 * Open the archive, creating and migrating the database as needed. `clock` stamps rows the caller does not
 * date itself (an article version's created_at). Throws StorageError when the data directory is not writable
 * or the file is not an SQLite database.
 */
export async function openSqliteStore(options: OpenSqliteStoreOptions, clock: () => number = Date.now): Promise<Store> {
  const location = 'dataDir' in options ? { dataDir: options.dataDir, readOnly: options.readOnly ?? false } : { memory: true as const };
  return new SqliteStore(openConnection(location), clock, options.compression ?? 'br');
}

/** better-sqlite3's transaction function, kept once per store; the driver's type stays in storage/. */
type Transaction = ReturnType<Connection['sqlite']['transaction']>;

/** A capture body's key and size, and the compressed blob when it is not stored yet. */
interface PreparedBody {
  body: { hash: string | null; size: number | null };
  blob: PreparedBlob | null;
}

/** A write waiting for its group commit. */
interface PendingWrite {
  work: (db: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Texts this similar are near-identical copies: a mirror's added header or a few edited lines stay above it. */
const DEFAULT_MIN_SIMILARITY = 0.6;

/** How many blob hashes the store remembers as stored; a re-check run needs about its concurrency's worth. */
const KNOWN_BLOBS = 1_024;

class SqliteStore implements Store {
  readonly #connection: Connection;
  readonly #clock: () => number;
  readonly #compression: BlobCompression;
  /** One transaction function for all work: better-sqlite3 builds four wrappers each time one is made. */
  readonly #transaction: Transaction;
  /**
   * Hashes seen stored, oldest first. Blobs are never deleted, so once seen a blob stays stored and a body with
   * that hash needs no existence query; were it wrong, the capture's foreign key would refuse the write.
   */
  readonly #knownBlobs = new Set<string>();
  /** Writes waiting for the group commit at the end of this turn of the event loop. */
  #pendingWrites: PendingWrite[] = [];
  #closed = false;

  constructor(connection: Connection, clock: () => number, compression: BlobCompression) {
    this.#connection = connection;
    this.#clock = clock;
    this.#compression = compression;
    this.#transaction = connection.sqlite.transaction((work: (db: Db) => unknown) => work(connection.db));
  }

  upsertPage(page: PageUpsert): Promise<PageRow> {
    return this.#write((db) => upsertPage(db, page));
  }

  addPageUrl(pageId: number, url: string, seenAt: number): Promise<void> {
    return this.#write((db) => insertPageUrl(db, pageId, url, seenAt));
  }

  getPage(id: number): Promise<PageRow | null> {
    return this.#read((db) => findPage(db, id));
  }

  getPageByKey(canonicalKey: string): Promise<PageRow | null> {
    return this.#read((db) => findPageByKey(db, canonicalKey));
  }

  getPageByUrl(url: string): Promise<PageRow | null> {
    return this.#read((db) => findPageByUrl(db, url));
  }

  listPages(filter?: { sourceId?: string; kind?: PageKind }): Promise<PageRow[]> {
    return this.#read((db) => selectPages(db, filter));
  }

  pageUrls(pageId: number): Promise<string[]> {
    return this.#read((db) => selectPageUrls(db, pageId));
  }

  async recordCapture(capture: CaptureInput): Promise<CaptureRow> {
    const prepared = await this.#prepareBody(capture.body ?? null);
    return this.#writeBody(prepared, (db) => insertCapture(db, capture, prepared.body, prepared.blob));
  }

  getCapture(id: number): Promise<CaptureRow | null> {
    return this.#read((db) => findCapture(db, id));
  }

  listCaptures(pageId: number): Promise<CaptureRow[]> {
    return this.#read((db) => selectCaptures(db, pageId));
  }

  readBlob(hash: string): Promise<Uint8Array | null> {
    return this.#read((db) => readBlob(db, hash));
  }

  hasBlob(hash: string): Promise<boolean> {
    return this.#read((db) => blobExists(db, hash));
  }

  recordArticle(article: ArticleInput): Promise<ArticleWrite> {
    return this.#write((db) => recordArticle(db, article, this.#clock()));
  }

  latestArticle(pageId: number): Promise<ArticleRow | null> {
    return this.#read((db) => findLatestArticle(db, pageId));
  }

  listArticles(pageId?: number): Promise<ArticleRow[]> {
    return this.#read((db) => selectArticles(db, pageId));
  }

  getArticle(id: number): Promise<ArticleRow | null> {
    return this.#read((db) => findArticle(db, id));
  }

  recordThread(thread: ThreadInput, seenAt: number): Promise<ThreadWrite> {
    return this.#write((db) => recordThread(db, thread, seenAt));
  }

  latestThread(pageId: number): Promise<ThreadRow | null> {
    return this.#read((db) => findLatestThread(db, pageId));
  }

  listThreads(pageId: number): Promise<ThreadRow[]> {
    return this.#read((db) => selectThreads(db, pageId));
  }

  listComments(threadId: number): Promise<CommentRow[]> {
    return this.#read((db) => selectComments(db, threadId));
  }

  async recordCheck(input: CheckInput): Promise<CheckWrite> {
    const prepared = await this.#prepareBody(input.capture.body ?? null);
    return this.#writeBody(prepared, (db) => insertCheck(db, input, prepared.body, prepared.blob, this.#clock()));
  }

  duePages(now: number, options?: { limit?: number; sourceId?: string }): Promise<PageRow[]> {
    return this.#read((db) => selectDuePages(db, now, options));
  }

  unscheduledPages(): Promise<PageRow[]> {
    return this.#read((db) => selectUnscheduledPages(db));
  }

  setNextCheck(pageId: number, at: number | null): Promise<void> {
    return this.#write((db) => updateNextCheck(db, pageId, at));
  }

  findAsset(url: string): Promise<CaptureRow | null> {
    return this.#read((db) => findAssetByUrl(db, url));
  }

  lastCapture(pageId: number, how?: CaptureHow[]): Promise<CaptureRow | null> {
    return this.#read((db) => findLastCapture(db, pageId, how));
  }

  listChecks(pageId: number): Promise<CheckRow[]> {
    return this.#read((db) => selectChecks(db, pageId));
  }

  latestVersion(pageId: number): Promise<ArticleVersionRef | null> {
    return this.#read((db) => findLatestVersion(db, pageId));
  }

  recheckBasis(pageId: number, checkOutcomes: CheckOutcome[]): Promise<RecheckBasis> {
    return this.#read((db) => {
      const basis = findRecheckBasis(db, pageId, checkOutcomes);
      // The body a re-check most often gets is this capture's again: its blob is known to be stored.
      if (basis.capture?.bodyHash) this.#rememberBlob(basis.capture.bodyHash);
      return basis;
    });
  }

  listChecksSince(since: number): Promise<CheckRow[]> {
    return this.#read((db) => selectChecksSince(db, since));
  }

  getChecks(ids: number[]): Promise<CheckRow[]> {
    return this.#read((db) => selectChecksByIds(db, ids));
  }

  listEvents(filter?: { pageId?: number; since?: number; until?: number; kinds?: EventKind[] }): Promise<EventRow[]> {
    return this.#read((db) => selectEvents(db, filter));
  }

  linkPages(fromPageId: number, toPageId: number, kind: 'origin', at: number): Promise<void> {
    return this.#write((db) => insertPageLink(db, fromPageId, toPageId, kind, at));
  }

  linkedPages(pageId: number, direction: 'from' | 'to'): Promise<PageLinkRow[]> {
    return this.#read((db) => selectLinkedPages(db, pageId, direction));
  }

  similarTexts(articleId: number, options?: { minSimilarity?: number }): Promise<SimilarText[]> {
    return this.#read((db) => selectSimilarTexts(db, articleId, options?.minSimilarity ?? DEFAULT_MIN_SIMILARITY));
  }

  fillMissingFingerprints(): Promise<number> {
    return this.#write((db) => fillMissingFingerprints(db));
  }

  search(request: SearchRequest): Promise<SearchHits> {
    return this.#read((db) => searchPages(db, request));
  }

  reindexSearch(): Promise<ReindexSummary> {
    return this.#write((db) => rebuildSearchIndex(db));
  }

  searchIndexStats(options: { size?: boolean } = {}): Promise<SearchIndexStats> {
    return this.#read((db) => searchIndexStats(db, options.size ?? false));
  }

  counts(): Promise<StoreCounts> {
    return this.#read((db) => {
      const rows = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()?.n ?? 0;
      return {
        pages: rows(pages),
        pageUrls: rows(pageUrls),
        captures: rows(captures),
        blobs: rows(blobs),
        articles: rows(articles),
        commentThreads: rows(commentThreads),
        comments: rows(comments),
        checks: rows(checks),
        events: rows(events),
      };
    });
  }

  scanBlobs(afterHash: string | null, limit: number): Promise<StoredBlob[]> {
    return this.#read((db) => selectStoredBlobs(db, afterHash, limit));
  }

  danglingReferences(): Promise<DanglingReference[]> {
    return this.#read((db) => selectDanglingReferences(db));
  }

  referrers(table: ArchiveTable, key: string): Promise<Referrer[]> {
    return this.#read((db) => selectReferrers(db, table, key));
  }

  checkDatabaseFile(): Promise<string[]> {
    return this.#read((db) => checkDatabaseFile(db));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#commitPendingWrites();
    this.#closed = true;
    try {
      this.#connection.sqlite.close();
    } catch (error) {
      throw toStorageError(error, this.#connection.path);
    }
  }

  /**
   * Hash the body and, when its blob is not stored yet, compress it: done before the write transaction so
   * the write lock is not held while compressing. An empty body is kept as size 0 with no blob.
   */
  async #prepareBody(body: Uint8Array | null): Promise<PreparedBody> {
    if (body === null) return { body: { hash: null, size: null }, blob: null };
    if (body.byteLength === 0) return { body: { hash: null, size: 0 }, blob: null };
    try {
      const hash = sha256Hex(body);
      const size = body.byteLength;
      const stored = this.#knownBlobs.has(hash) || this.#withDb((db) => blobExists(db, hash));
      if (stored) {
        this.#rememberBlob(hash);
        return { body: { hash, size }, blob: null };
      }
      const data = await compressBlob(body, this.#compression);
      return { body: { hash, size }, blob: { hash, size, compression: this.#compression, data } };
    } catch (error) {
      throw toStorageError(error, this.#connection.path);
    }
  }

  /** A write that stores a prepared body; its blob is remembered once committed. */
  async #writeBody<T>(prepared: PreparedBody, work: (db: Db) => T): Promise<T> {
    const written = await this.#write(work);
    if (prepared.blob) this.#rememberBlob(prepared.blob.hash);
    return written;
  }

  #rememberBlob(hash: string): void {
    // Deleted and added again, so the hashes in use stay at the young end and the oldest are the ones dropped.
    this.#knownBlobs.delete(hash);
    this.#knownBlobs.add(hash);
    if (this.#knownBlobs.size > KNOWN_BLOBS) this.#knownBlobs.delete(this.#knownBlobs.values().next().value!);
  }

  /** A read in a deferred transaction, so multi-statement reads see one snapshot. */
  #read<T>(work: (db: Db) => T): Promise<T> {
    return this.#transact(work, 'deferred');
  }

  /**
   * A write, committed with the others made in the same turn of the event loop (a group commit): each succeeds
   * or fails alone (see #commitPendingWrites), and its promise settles only once the shared transaction is
   * committed. Committing costs more than most writes, and a re-check run or a crawl makes dozens at once.
   * The transaction is immediate: taking the write lock up front means a second process waits on busy_timeout
   * instead of failing on a read-to-write upgrade.
   */
  #write<T>(work: (db: Db) => T): Promise<T> {
    if (this.#closed) return this.#transact(work, 'immediate');
    return new Promise<T>((resolve, reject) => {
      this.#pendingWrites.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.#pendingWrites.length === 1) setImmediate(() => this.#commitPendingWrites());
    });
  }

  #commitPendingWrites(): void {
    const batch = this.#pendingWrites;
    if (batch.length === 0) return;
    this.#pendingWrites = [];
    // First the whole group as one plain transaction: a savepoint per write would make FTS5 flush its pending
    // index data at each one, a small segment per article version, the costliest part of a crawl's writes.
    // Writes rarely fail; when one does, the group is rolled back and run again with a savepoint per write.
    let values: unknown[];
    try {
      values = this.#withDb((db) => this.#transaction.immediate(() => batch.map((write) => write.work(db))) as unknown[]);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(toStorageError(error, this.#connection.path));
      else this.#commitEachAlone(batch);
      return;
    }
    batch.forEach((write, at) => write.resolve(values[at]));
  }

  /** A group with a failing write, again: each write in its own savepoint, so it succeeds or fails alone. */
  #commitEachAlone(batch: PendingWrite[]): void {
    const results: ({ value: unknown } | { error: unknown })[] = [];
    try {
      this.#withDb(() =>
        this.#transaction.immediate(() => {
          for (const write of batch) {
            try {
              // Nested in the group's transaction, better-sqlite3 runs this one in a savepoint.
              results.push({ value: this.#transaction(write.work) });
            } catch (error) {
              results.push({ error });
            }
          }
        }),
      );
    } catch (error) {
      // The group did not commit (the lock stayed busy, the disk is full): none of its writes happened.
      for (const write of batch) write.reject(toStorageError(error, this.#connection.path));
      return;
    }
    batch.forEach((write, at) => {
      const result = results[at]!;
      if ('error' in result) write.reject(toStorageError(result.error, this.#connection.path));
      else write.resolve(result.value);
    });
  }

  #transact<T>(work: (db: Db) => T, mode: 'deferred' | 'immediate'): Promise<T> {
    try {
      return Promise.resolve(this.#withDb(() => this.#transaction[mode](work) as T));
    } catch (error) {
      return Promise.reject(toStorageError(error, this.#connection.path));
    }
  }

  #withDb<T>(work: (db: Db) => T): T {
    if (this.#closed) {
      const name = this.#connection.path ?? 'The in-memory database';
      throw new StorageError('closed', `${name} was used after the store was closed.`, { path: this.#connection.path });
    }
    return work(this.#connection.db);
  }
}
