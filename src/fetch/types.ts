/**
 * Types of the capture fetcher: what one fetch records, whatever happened on the wire.
 * The fetcher itself is capture-fetcher.ts; charset decoding is charset.ts; politeness is host-limiter.ts.
 */

/** Why a fetch did not yield a whole, decodable response. */
export type FailureKind =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'timeout'
  | 'truncated'
  | 'too_large'
  | 'redirect_loop'
  | 'decode'
  | 'invalid_url';

/** Failure kinds worth retrying within the same crawl: the next attempt may well succeed. */
export const TRANSIENT_FAILURES: ReadonlySet<FailureKind> = new Set(['dns', 'refused', 'reset', 'timeout', 'truncated']);

/** One redirect answered on the way to the final URL. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

export type HeaderList = [name: string, value: string][];

/** Everything one fetch observed. A fetch never throws: failures are data. */
export interface FetchResult {
  requestedUrl: string;
  /** The URL of the last response (after redirects), or the last URL tried. */
  finalUrl: string;
  /** HTTP status of the final response; null when no response arrived. */
  status: number | null;
  /** Headers of the final response, in the order received, names as sent by the server. */
  headers: HeaderList;
  /** Headers we sent, conditional ones included. */
  requestHeaders: HeaderList;
  redirects: RedirectHop[];
  remoteAddress: string | null;
  /** The body bytes as received (content-encoding not undone), possibly partial when truncated or too large. */
  body: Uint8Array;
  /** The value of Content-Encoding when the body is still encoded (gzip, br, deflate), else null. */
  contentEncoding: string | null;
  contentType: string | null;
  /**
   * The body decoded to text when it is text (HTML, XML, JSON, plain); null for binary, on decode failure, or
   * when the body was the caller's `knownBody` and decoding was skipped (`decodeSkipped`).
   */
  text: string | null;
  /** True when the body, content type and final URL equal the `knownBody` given, so the text was not decoded. */
  decodeSkipped?: boolean;
  /** Canonical name of the charset used to decode `text` (utf-8, gbk, gb18030, big5, ...). */
  charset: string | null;
  charsetSource: 'header' | 'bom' | 'meta' | 'sniff' | 'default' | null;
  failure: { kind: FailureKind; message: string } | null;
  truncated: boolean;
  /** Epoch milliseconds when the request started. */
  startedAt: number;
  durationMs: number;
}

export interface FetchOptions {
  /** Extra request headers (an adapter's fetch hints). */
  headers?: Record<string, string>;
  ifNoneMatch?: string | null;
  ifModifiedSince?: string | null;
  signal?: AbortSignal;
  /**
   * A body already archived for this URL. A response with the same bytes, content type and final URL is not
   * decoded again (decoding a 60 KB Chinese page costs more than fetching it): `text` stays null, `charset` is
   * the known one, and `decodeSkipped` says so.
   */
  knownBody?: KnownBody | null;
}

export interface KnownBody {
  sha256: string;
  size: number;
  contentType: string | null;
  finalUrl: string;
  charset: string | null;
}

export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}
