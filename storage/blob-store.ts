/**
 * Content addressing and compression of raw bodies. A blob is keyed by the sha-256 of the bytes as received
 * and stored compressed, recording how, so a blob written with either method reads back the same.
 * The blobs table is in schema.ts; capture-repo.ts writes and reads it.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, gunzipSync, gzip } from 'node:zlib';
import type { BlobCompression } from './schema.ts';

/**
 * Brotli's default quality (11) costs about 17 ms per 60 KB page, enough to cap a crawl near 60 pages/s;
 * quality 5 costs about 0.4 ms for most of the gain.
 */
const BROTLI_QUALITY = 5;

/** Hashes of byte arrays already hashed: a re-check compares a body's hash and then stores it, once. */
const hashed = new WeakMap<Uint8Array, string>();

/** The sha-256 of the bytes as lowercase hex: a blob's key, and what a re-check compares. */
export function sha256Hex(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return createHash('sha256').update(bytes).digest('hex');
  let hash = hashed.get(bytes);
  if (hash === undefined) {
    hash = createHash('sha256').update(bytes).digest('hex');
    hashed.set(bytes, hash);
  }
  return hash;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Compress bytes for storage, on libuv's thread pool: brotli costs a crawl's main thread more than parsing a page
 * (about 1.8 ms per 55 KB Chinese page at quality 5).
 */
export function compressBlob(bytes: Uint8Array, compression: BlobCompression): Promise<Buffer> {
  if (compression === 'gzip') return gzipAsync(bytes);
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
}

/** The original bytes of a stored blob. */
export function decompressBlob(data: Uint8Array, compression: BlobCompression): Uint8Array {
  const raw = compression === 'gzip' ? gunzipSync(data) : brotliDecompressSync(data);
  // A plain Uint8Array view, so callers comparing bytes are not surprised by Buffer's extra methods.
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
