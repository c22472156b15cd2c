/**
 * Queries on captures and the content-addressed blobs holding their bodies. A blob row is written once per
 * sha-256 (INSERT OR IGNORE); compression and hashing are in blob-store.ts. Transactions are opened by
 * sqlite-store.ts, which also prepares the blob outside the write lock.
 */
import { asc, eq } from 'drizzle-orm';
import { decompressBlob } from './blob-store.ts';
import type { Db } from './connection.ts';
import { blobs, captures, type BlobCompression } from './schema.ts';
import type { CaptureInput, CaptureRow } from './types.ts';

/** A body ready to store: its key, original size and compressed bytes. */
export interface PreparedBlob {
  hash: string;
  size: number;
  compression: BlobCompression;
  data: Uint8Array;
}

export function blobExists(db: Db, hash: string): boolean {
  return db.select({ hash: blobs.hash }).from(blobs).where(eq(blobs.hash, hash)).get() !== undefined;
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
  if (blob !== null) {
    db.insert(blobs)
      .values({
        hash: blob.hash,
        size: blob.size,
        storedSize: blob.data.byteLength,
        compression: blob.compression,
        data: Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength),
      })
      .onConflictDoNothing()
      .run();
  }
  return db
    .insert(captures)
    .values({
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
    })
    .returning()
    .get();
}

export function findCapture(db: Db, id: number): CaptureRow | null {
  return db.select().from(captures).where(eq(captures.id, id)).get() ?? null;
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
