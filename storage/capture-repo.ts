/**
 * Queries on captures and the content-addressed blobs holding their bodies. A blob row is written once per
 * sha-256 (INSERT OR IGNORE); compression and hashing are in blob-store.ts. Transactions are opened by
 * sqlite-store.ts, which also prepares the blob outside the write lock. The queries every re-check runs are
 * prepared once per connection.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { decompressBlob } from './blob-store.ts';
import { preparedPerConnection, type Db } from './connection.ts';
import { blobs, captures, type BlobCompression } from './schema.ts';
import type { CaptureInput, CaptureRow } from './types.ts';

/** A body ready to store: its key, original size and compressed bytes. */
export interface PreparedBlob {
  hash: string;
  size: number;
  compression: BlobCompression;
  data: Uint8Array;
}

// Placeholders in values() and set() go through the column's encoder (JSON columns are serialised, booleans
// become 0/1), as literal values do; a null placeholder would be encoded too (JSON "null"), which is why no
// nullable JSON column is written through a prepared statement.
const statements = preparedPerConnection((db) => ({
  blobExists: db
    .select({ hash: blobs.hash })
    .from(blobs)
    .where(eq(blobs.hash, sql.placeholder('hash')))
    .prepare(),
  insertBlob: db
    .insert(blobs)
    .values({
      hash: sql.placeholder('hash'),
      size: sql.placeholder('size'),
      storedSize: sql.placeholder('storedSize'),
      compression: sql.placeholder('compression'),
      data: sql.placeholder('data'),
    })
    .onConflictDoNothing()
    .prepare(),
  insertCapture: db
    .insert(captures)
    .values({
      pageId: sql.placeholder('pageId'),
      parentCaptureId: sql.placeholder('parentCaptureId'),
      how: sql.placeholder('how'),
      requestedUrl: sql.placeholder('requestedUrl'),
      finalUrl: sql.placeholder('finalUrl'),
      status: sql.placeholder('status'),
      redirects: sql.placeholder('redirects'),
      headers: sql.placeholder('headers'),
      requestHeaders: sql.placeholder('requestHeaders'),
      remoteAddress: sql.placeholder('remoteAddress'),
      failureKind: sql.placeholder('failureKind'),
      failureMessage: sql.placeholder('failureMessage'),
      truncated: sql.placeholder('truncated'),
      bodyHash: sql.placeholder('bodyHash'),
      bodySize: sql.placeholder('bodySize'),
      contentType: sql.placeholder('contentType'),
      contentEncoding: sql.placeholder('contentEncoding'),
      charset: sql.placeholder('charset'),
      capturedAt: sql.placeholder('capturedAt'),
      durationMs: sql.placeholder('durationMs'),
    })
    .returning()
    .prepare(),
  findCapture: db
    .select()
    .from(captures)
    .where(eq(captures.id, sql.placeholder('id')))
    .prepare(),
}));

export function blobExists(db: Db, hash: string): boolean {
  return statements(db).blobExists.get({ hash }) !== undefined;
}

export function readBlob(db: Db, hash: string): Uint8Array | null {
  const row = db
    .select({ data: blobs.data, compression: blobs.compression })
    .from(blobs)
    .where(eq(blobs.hash, hash))
    .get();
  return row === undefined ? null : decompressBlob(row.data, row.compression);
}

/**
 * Insert the capture row, and its blob unless that hash is already stored. `blob` is null when the blob was
 * found present while preparing, or when there is no body.
 */
export function insertCapture(
  db: Db,
  capture: CaptureInput,
  body: { hash: string | null; size: number | null },
  blob: PreparedBlob | null,
): CaptureRow {
  const prepared = statements(db);
  if (blob !== null) {
    prepared.insertBlob.run({
      hash: blob.hash,
      size: blob.size,
      storedSize: blob.data.byteLength,
      compression: blob.compression,
      data: Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength),
    });
  }
  const row = prepared.insertCapture.get({
    pageId: capture.pageId,
    parentCaptureId: capture.parentCaptureId ?? null,
    how: capture.how,
    requestedUrl: capture.requestedUrl,
    finalUrl: capture.finalUrl,
    status: capture.status,
    redirects: capture.redirects,
    headers: capture.headers,
    requestHeaders: capture.requestHeaders,
    remoteAddress: capture.remoteAddress,
    failureKind: capture.failureKind,
    failureMessage: capture.failureMessage,
    truncated: capture.truncated,
    bodyHash: body.hash,
    bodySize: body.size,
    contentType: capture.contentType,
    contentEncoding: capture.contentEncoding,
    charset: capture.charset,
    capturedAt: capture.capturedAt,
    durationMs: capture.durationMs,
  });
  // RETURNING always yields the inserted row; the type cannot know that.
  return row!;
}

export function findCapture(db: Db, id: number): CaptureRow | null {
  return statements(db).findCapture.get({ id }) ?? null;
}

/** The newest asset capture of a URL that has a body. */
export function findAssetByUrl(db: Db, url: string): CaptureRow | null {
  return (
    db
      .select()
      .from(captures)
      .where(and(eq(captures.requestedUrl, url), eq(captures.how, 'asset'), isNotNull(captures.bodyHash)))
      .orderBy(desc(captures.id))
      .limit(1)
      .get() ?? null
  );
}

/** A page's captures, oldest first. */
export function selectCaptures(db: Db, pageId: number): CaptureRow[] {
  return db
    .select()
    .from(captures)
    .where(eq(captures.pageId, pageId))
    .orderBy(asc(captures.capturedAt), asc(captures.id))
    .all();
}
