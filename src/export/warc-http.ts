/**
 * The HTTP side of a capture as WARC writes it: the status line, the response headers as received made
 * consistent with the stored body (which undici de-chunked but did not decompress), and the request line and
 * headers as sent. Pure functions; warc-export.ts turns them into warcio records.
 */
import { STATUS_CODES } from 'node:http';
import type { CaptureRow } from '../../storage/index.ts';

export type HeaderList = [name: string, value: string][];

/** The response headers to write, with what was changed from those received and why. */
export interface WarcResponseHead {
  statusLine: string;
  headers: HeaderList;
  /** Human-readable changes, such as "removed Transfer-Encoding: chunked (the body is stored de-chunked)". */
  changes: string[];
}

/** `HTTP/1.1 404 Not Found`: the reason phrase is the standard one, since the received one is not stored. */
export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
}

/**
 * The received headers, in their order with their original names and repeats, except: `chunked` leaves
 * Transfer-Encoding (the body is stored de-chunked), and Content-Length states the stored body's size (added
 * where chunked framing or connection close delimited the body, corrected where the body was cut short).
 * Content-Encoding stays: the body is stored still encoded, as received.
 */
export function responseHead(capture: Pick<CaptureRow, 'status' | 'headers'>, bodySize: number): WarcResponseHead {
  const headers: HeaderList = [];
  const changes: string[] = [];
  /** Where a chunked Transfer-Encoding stood: the Content-Length that replaces it goes there. */
  let framingAt: number | null = null;
  let hasLength = false;
  for (const [name, value] of capture.headers) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding' && /\bchunked\b/i.test(value)) {
      const others = value.split(',').map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'chunked');
      changes.push(`removed chunked from ${name}: ${value} (the body is stored de-chunked)`);
      framingAt ??= headers.length;
      if (others.length) headers.push([name, others.join(', ')]);
    } else if (lower === 'content-length') {
      if (hasLength) {
        changes.push(`removed a repeated ${name}: ${value}`);
        continue;
      }
      hasLength = true;
      if (value.trim() !== String(bodySize)) changes.push(`${name}: ${value} became ${bodySize} (the size of the stored body)`);
      headers.push([name, String(bodySize)]);
    } else {
      headers.push([name, value]);
    }
  }
  if (!hasLength && (framingAt !== null || bodySize > 0)) {
    headers.splice(framingAt ?? headers.length, 0, ['Content-Length', String(bodySize)]);
    changes.push(`added Content-Length: ${bodySize}`);
  }
  return { statusLine: statusLine(capture.status ?? 0), headers, changes };
}

/** `GET /path?query HTTP/1.1` for the final request of a capture. */
export function requestLine(url: string): string {
  const parsed = new URL(url);
  return `GET ${parsed.pathname}${parsed.search} HTTP/1.1`;
}

/**
 * Header values are kept as Latin-1 strings (one character per byte received). warcio writes them as UTF-8, so a
 * value whose bytes are UTF-8 (a raw UTF-8 Location, common on Chinese sites) is handed over decoded, which
 * writes back the very bytes received; any other non-ASCII value cannot be byte-exact and is written as is.
 */
export function headerForWriting([name, value]: [string, string]): [string, string] {
  if (!/[^\x00-\x7f]/.test(value)) return [name, value];
  try {
    return [name, new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'))];
  } catch {
    return [name, value];
  }
}

/** WARC-Truncated's reason for a capture cut short, from the kind of failure that cut it. */
export function truncationReason(failureKind: string | null): 'length' | 'time' | 'disconnect' | 'unspecified' {
  if (failureKind === 'too_large') return 'length';
  if (failureKind === 'timeout') return 'time';
  if (failureKind === 'truncated' || failureKind === 'reset') return 'disconnect';
  return 'unspecified';
}
