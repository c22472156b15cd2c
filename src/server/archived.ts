/**
 * Archived bytes as the browser receives them from memhole serve: a capture's body (a page, its rendered DOM, a
 * screenshot, an image) under /archived/<capture id>, always with a sandboxing Content-Security-Policy. The
 * sandbox gives the document an opaque origin and no script, forms, popups, top navigation or meta refresh,
 * and default-src 'none' keeps it from loading anything from the live web, so opening an archived page, even
 * directly by its URL, runs nothing and tells the censor's servers nothing.
 */
import { charsetFromContentType, decodeContentEncoding } from '../fetch/charset.ts';
import type { CaptureRow, Store } from '../../storage/types.ts';

export const ARCHIVED_CSP = [
  'sandbox',
  "default-src 'none'",
  "img-src 'self' data:",
  "style-src 'unsafe-inline'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Served bytes and their headers, or why there are none. */
export type ArchivedBody =
  | { ok: true; capture: CaptureRow; contentType: string; body: Uint8Array }
  | { ok: false; status: 404; message: string };

/** Bodies larger than this after undoing Content-Encoding are refused rather than inflated in memory. */
const MAX_SERVED_BYTES = 64 * 1024 * 1024;

export async function archivedBody(store: Store, captureId: number): Promise<ArchivedBody> {
  const capture = await store.getCapture(captureId);
  if (!capture) return { ok: false, status: 404, message: `No capture #${captureId} in this archive.` };
  if (capture.bodyHash === null) {
    const why = capture.failureKind ? ` (the fetch failed: ${capture.failureKind})` : '';
    return { ok: false, status: 404, message: `Capture #${captureId} has no body${why}.` };
  }
  const stored = await store.readBlob(capture.bodyHash);
  if (!stored) return { ok: false, status: 404, message: `The body of capture #${captureId} is missing from the archive; run memhole verify.` };
  let body = stored;
  if (capture.contentEncoding) {
    const decoded = decodeContentEncoding(stored, capture.contentEncoding, { partial: capture.truncated, maxOutputBytes: MAX_SERVED_BYTES });
    // Undecodable bytes are served as stored, labelled as opaque, rather than not at all.
    if ('error' in decoded) return { ok: true, capture, contentType: 'application/octet-stream', body: stored };
    body = decoded.bytes;
  }
  return { ok: true, capture, contentType: servedContentType(capture), body };
}

/** The stored type, with the charset the page was decoded in when its header did not say. */
function servedContentType(capture: CaptureRow): string {
  const type = capture.contentType?.trim() || (capture.how === 'screenshot' ? 'image/png' : 'application/octet-stream');
  const textual = /^(text\/|application\/(xhtml\+)?xml)/i.test(type);
  if (textual && capture.charset && charsetFromContentType(type) === null) return `${type}; charset=${capture.charset}`;
  return type;
}
