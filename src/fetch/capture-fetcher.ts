/**
 * The capture fetcher: one GET followed through its redirects and recorded as evidence (body bytes as received,
 * every hop, headers in order with original names, remote address, kind of failure). It never throws.
 * Built on undici's dispatch API; text decoding lives in charset.ts, politeness in host-limiter.ts.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';
import { decodeBody, decodeContentEncoding, isTextContentType, looksLikeText } from './charset.ts';
import { sha256Hex } from '../../storage/index.ts';
import type { FailureKind, Fetcher, FetchOptions, FetchResult, HeaderList, KnownBody, RedirectHop } from './types.ts';

/** Settings of a capture fetcher. */
export interface CaptureFetcherOptions {
  userAgent: string;
  /** Bytes kept of one body; more is a `too_large` failure with the first bytes kept. Default 10 MB. */
  maxBodyBytes?: number;
  /** Connect, response-headers and between-body-chunks timeout of each request, in milliseconds. */
  timeoutMs: number;
  /**
   * Ceiling on a whole fetch, redirects included, so a server dripping a byte at a time cannot hold a worker
   * forever. Default: ten times `timeoutMs`.
   */
  totalTimeoutMs?: number;
  /** Redirects followed before giving up with `redirect_loop`. Default 10. */
  maxRedirects?: number;
  /** Epoch milliseconds; `startedAt` and `durationMs` come from it. Default `Date.now`. */
  clock?: () => number;
  /** Replaces the system resolver (a resolver that sidesteps a poisoned local one, or a test's). */
  lookup?: LookupFunction;
  /** Send every request through this proxy: `http://host:port`, `https://...` or `socks5://host:port`. */
  proxy?: string | null;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A redirect's own body is read and dropped up to this size (so the connection can be reused), then cut. */
const MAX_REDIRECT_BODY_BYTES = 64 * 1024;
/** Decompressed text is allowed to be this many times the size cap before it counts as a bomb. */
const MAX_EXPANSION = 8;

const DEFAULT_HEADERS: HeaderList = [
  ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
  ['Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8'],
  ['Accept-Encoding', 'gzip, deflate, br'],
];

/** Creates a fetcher with its own connection pool; `close()` releases the pool. */
export function createCaptureFetcher(options: CaptureFetcherOptions): Fetcher {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const totalTimeoutMs = options.totalTimeoutMs ?? options.timeoutMs * 10;
  const clock = options.clock ?? Date.now;
  const poolOptions = {
    connect: { timeout: options.timeoutMs, ...(options.lookup ? { lookup: options.lookup } : {}) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  const pool: Dispatcher = options.proxy ? proxyDispatcher(options.proxy, poolOptions) : new Agent(poolOptions);
  watchSentHeaders();

  async function fetchOne(url: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> {
    const startedAt = clock();
    const requestHeaders = buildRequestHeaders(options.userAgent, fetchOptions);
    const base: FetchResult = {
      requestedUrl: url,
      finalUrl: url,
      status: null,
      headers: [],
      requestHeaders,
      redirects: [],
      remoteAddress: null,
      body: new Uint8Array(0),
      contentEncoding: null,
      contentType: null,
      text: null,
      charset: null,
      charsetSource: null,
      failure: null,
      truncated: false,
      startedAt,
      durationMs: 0,
    };
    const finish = (result: FetchResult): FetchResult => ({ ...result, durationMs: Math.max(0, clock() - startedAt) });

    const target = parseHttpUrl(url);
    if (typeof target === 'string') return finish({ ...base, failure: { kind: 'invalid_url', message: target } });

    // One signal for the whole fetch: the caller's, or the overall deadline, whichever comes first.
    const abort = new AbortController();
    const deadline = setTimeout(
      () => abort.abort(new FetchAbort(`no complete response within ${totalTimeoutMs} ms`)),
      totalTimeoutMs,
    );
    const onCallerAbort = (): void => abort.abort(new FetchAbort('aborted by the caller'));
    if (fetchOptions.signal?.aborted) onCallerAbort();
    else fetchOptions.signal?.addEventListener('abort', onCallerAbort, { once: true });

    try {
      let current = target;
      const visited = new Set([current.href]);
      const redirects: RedirectHop[] = [];
      for (;;) {
        const ex = await exchange(pool, current, requestHeaders, {
          maxBodyBytes,
          timeoutMs: options.timeoutMs,
          signal: abort.signal,
        });
        const observed: FetchResult = {
          ...base,
          finalUrl: current.href,
          status: ex.status,
          headers: ex.headers,
          requestHeaders: ex.sentHeaders ?? requestHeaders,
          redirects,
          remoteAddress: ex.remoteAddress,
          failure: ex.failure,
          truncated: ex.truncated,
        };
        if (ex.redirectTo === null) return finish(completeBody(observed, ex.chunks, maxBodyBytes, fetchOptions.knownBody ?? null));

        redirects.push({ url: current.href, status: ex.status ?? 0, location: ex.redirectTo });
        const next = parseHttpUrl(ex.redirectTo, current);
        if (typeof next === 'string') {
          return finish({ ...observed, failure: { kind: 'invalid_url', message: `redirect to ${next}` } });
        }
        if (visited.has(next.href)) {
          return finish({ ...observed, failure: { kind: 'redirect_loop', message: `${next.href} seen twice` } });
        }
        if (redirects.length > maxRedirects) {
          return finish({
            ...observed,
            failure: { kind: 'redirect_loop', message: `more than ${maxRedirects} redirects` },
          });
        }
        visited.add(next.href);
        current = next;
      }
    } catch (err) {
      // Unreachable by design; kept so a bug here is recorded as a failed capture rather than thrown.
      return finish({ ...base, failure: { kind: 'reset', message: `internal error: ${String(err)}` } });
    } finally {
      clearTimeout(deadline);
      fetchOptions.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    fetch: fetchOne,
    close: () => pool.close(),
  };
}

/** Our own abort reasons, told apart from undici's errors when classifying. */
class FetchAbort extends Error {}

/** What one request/response exchange observed. */
interface Exchange {
  status: number | null;
  headers: HeaderList;
  /** The Location to follow when this response is a redirect, else null. */
  redirectTo: string | null;
  chunks: Buffer[];
  remoteAddress: string | null;
  /** The header block as written to the socket, when it was written. */
  sentHeaders: HeaderList | null;
  failure: { kind: FailureKind; message: string } | null;
  truncated: boolean;
}

/** A dispatcher that tunnels through an HTTP(S) proxy or a SOCKS5 proxy; anything else is a configuration error. */
function proxyDispatcher(proxy: string, poolOptions: Agent.Options): Dispatcher {
  const url = new URL(proxy);
  const { connect: _connect, ...timeouts } = poolOptions;
  if (url.protocol === 'socks5:' || url.protocol === 'socks:') return new Socks5ProxyAgent(url, timeouts);
  if (url.protocol === 'http:' || url.protocol === 'https:') return new ProxyAgent({ ...poolOptions, uri: url.href });
  throw new Error(`proxy ${proxy}: use an http://, https:// or socks5:// URL`);
}

/** Sends one GET and collects its response; resolves (never rejects) once the outcome is known. */
function exchange(
  pool: Dispatcher,
  url: URL,
  headers: HeaderList,
  limits: { maxBodyBytes: number; timeoutMs: number; signal: AbortSignal },
): Promise<Exchange> {
  const { maxBodyBytes, timeoutMs, signal } = limits;
  return new Promise<Exchange>((resolve) => {
    const path = url.pathname + url.search;
    const state: Exchange = {
      status: null,
      headers: [],
      redirectTo: null,
      chunks: [],
      remoteAddress: null,
      sentHeaders: null,
      failure: null,
      truncated: false,
    };
    let received = 0;
    let declaredLength: number | null = null;
    let settled = false;
    let controller: Dispatcher.DispatchController | null = null;

    // undici's own headers and body timeouts run on coarse timers (about half a second of slack); these are
    // exact. The first covers connecting and waiting for headers, then it measures silence between chunks.
    let phase: 'headers' | 'body' = 'headers';
    const stall = setTimeout(() => {
      const message =
        phase === 'headers' ? `no response headers within ${timeoutMs} ms` : `body stalled for ${timeoutMs} ms`;
      fail('timeout', message);
      controller?.abort(new FetchAbort(message));
    }, timeoutMs);

    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(stall);
      signal.removeEventListener('abort', onAbort);
      resolve(state);
    };
    const fail = (kind: FailureKind, message: string): void => {
      if (settled) return;
      state.failure = { kind, message };
      if (state.status !== null && state.redirectTo === null) state.truncated = true;
      settle();
    };
    function onAbort(): void {
      const reason = signal.reason instanceof Error ? signal.reason : new FetchAbort('aborted');
      fail('timeout', reason.message);
      controller?.abort(reason);
    }

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        if (settled) {
          ctrl.abort(new FetchAbort('fetch already finished'));
          return;
        }
        // A request can be started again on a fresh socket; start the record afresh too.
        state.chunks = [];
        received = 0;
        expectSentHeaders(url.origin, path, (socket, block) => {
          state.remoteAddress = socket?.remoteAddress ?? null;
          state.sentHeaders = parseHeaderBlock(block);
        });
      },
      onResponseStart(ctrl, statusCode) {
        if (settled) return;
        phase = 'body';
        stall.refresh();
        state.status = statusCode;
        state.headers = rawHeaderList(ctrl.rawHeaders);
        const location = REDIRECT_STATUSES.has(statusCode) ? headerValue(state.headers, 'location') : null;
        if (location !== null && location.trim() !== '') {
          state.redirectTo = decodeLocation(location.trim());
          // The hop is known: move on while this body drains in the background.
          settle();
          return;
        }
        const length = headerValue(state.headers, 'content-length');
        if (length !== null && /^\d+$/.test(length.trim())) declaredLength = Number(length.trim());
      },
      onResponseData(ctrl, chunk) {
        if (state.redirectTo !== null) {
          received += chunk.length;
          if (received > MAX_REDIRECT_BODY_BYTES) ctrl.abort(new FetchAbort('redirect body too long to drain'));
          return;
        }
        if (settled) return;
        stall.refresh();
        const room = maxBodyBytes - received;
        if (chunk.length > room) {
          if (room > 0) state.chunks.push(chunk.subarray(0, room));
          received = maxBodyBytes;
          fail('too_large', `body exceeds ${maxBodyBytes} bytes`);
          ctrl.abort(new FetchAbort('body over the size cap'));
          return;
        }
        state.chunks.push(chunk);
        received += chunk.length;
      },
      onResponseEnd() {
        if (settled) return;
        if (declaredLength !== null && received < declaredLength && hasBody(state.status)) {
          fail('truncated', `received ${received} of ${declaredLength} bytes`);
          return;
        }
        settle();
      },
      onResponseError(_ctrl, err) {
        if (settled) return;
        const failure = classifyError(err, state.status !== null);
        if (state.remoteAddress === null) state.remoteAddress = addressFromError(err);
        fail(failure.kind, failure.message);
      },
    };

    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      pool.dispatch(
        {
          origin: url.origin,
          path,
          method: 'GET',
          headers: headers.flat(),
        },
        handler,
      );
    } catch (err) {
      const failure = classifyError(err, false);
      fail(failure.kind, failure.message);
    }
  });
}

/** Builds the final result: the body as received, plus text when it is text and decodes. */
function completeBody(result: FetchResult, chunks: Buffer[], maxBodyBytes: number, known: KnownBody | null): FetchResult {
  const joined = Buffer.concat(chunks);
  // A plain Uint8Array view of the joined bytes: `new Uint8Array(buffer)` would copy them once more.
  const body = new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  const contentType = headerValue(result.headers, 'content-type');
  const contentEncoding = contentEncodingOf(result.headers);
  const out: FetchResult = { ...result, body, contentType, contentEncoding };
  if (known !== null && isKnownBody(out, known)) return { ...out, charset: known.charset, decodeSkipped: true };
  if (body.length === 0) {
    return isTextContentType(contentType) ? { ...out, text: '', charset: null, charsetSource: null } : out;
  }

  let plain: Uint8Array = body;
  if (contentEncoding !== null) {
    const decoded = decodeContentEncoding(body, contentEncoding, {
      partial: result.truncated,
      maxOutputBytes: maxBodyBytes * MAX_EXPANSION,
    });
    if ('error' in decoded) return withDecodeFailure(out, decoded.error);
    plain = decoded.bytes;
  }
  if (!(isTextContentType(contentType) || (contentType === null && looksLikeText(plain)))) return out;

  const text = decodeBody(plain, contentType);
  if ('error' in text) return withDecodeFailure(out, text.error);
  return { ...out, text: text.text, charset: text.charset, charsetSource: text.source };
}

/** The same whole response as one already archived: decoding it again would give the same text. */
function isKnownBody(result: FetchResult, known: KnownBody): boolean {
  return (
    result.failure === null &&
    !result.truncated &&
    result.body.byteLength === known.size &&
    result.contentType === known.contentType &&
    result.finalUrl === known.finalUrl &&
    sha256Hex(result.body) === known.sha256
  );
}

/** A decode problem is the failure unless something worse (truncation, timeout) already is. */
function withDecodeFailure(result: FetchResult, message: string): FetchResult {
  return result.failure !== null ? result : { ...result, failure: { kind: 'decode', message } };
}

function buildRequestHeaders(userAgent: string, options: FetchOptions): HeaderList {
  const headers: HeaderList = [['User-Agent', userAgent], ...DEFAULT_HEADERS.map(([n, v]): [string, string] => [n, v])];
  const set = (name: string, value: string): void => {
    const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (at === -1) headers.push([name, value]);
    else headers[at] = [name, value];
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) set(name, value);
  if (options.ifNoneMatch) set('If-None-Match', options.ifNoneMatch);
  if (options.ifModifiedSince) set('If-Modified-Since', options.ifModifiedSince);
  return headers;
}

/** Parses an absolute (or, with `base`, relative) http(s) URL without its fragment; a string is the problem. */
function parseHttpUrl(input: string, base?: URL): URL | string {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return `not a valid URL: ${JSON.stringify(input)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `not an http(s) URL: ${url.href}`;
  url.hash = '';
  return url;
}

/** Header bytes arrive as Latin-1; a Location in raw UTF-8 (common on Chinese sites) is read as UTF-8. */
function decodeLocation(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function rawHeaderList(raw: Dispatcher.DispatchController['rawHeaders']): HeaderList {
  const list: HeaderList = [];
  if (raw == null) return list;
  if (Array.isArray(raw)) {
    // Latin-1 keeps every byte the server sent, whatever charset it meant.
    const text = (v: Buffer | string): string => (typeof v === 'string' ? v : v.toString('latin1'));
    for (let i = 0; i + 1 < raw.length; i += 2) list.push([text(raw[i]!), text(raw[i + 1]!)]);
    return list;
  }
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) list.push([name, String(v)]);
  }
  return list;
}

function headerValue(headers: HeaderList, name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

function contentEncodingOf(headers: HeaderList): string | null {
  const codings = headers
    .filter(([n]) => n.toLowerCase() === 'content-encoding')
    .flatMap(([, v]) => v.split(','))
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.length === 0 ? null : codings.join(', ');
}

function hasBody(status: number | null): boolean {
  return status !== null && status >= 200 && status !== 204 && status !== 304;
}

/** "GET / HTTP/1.1\r\nhost: ...\r\n" as written by undici, back into a header list. */
function parseHeaderBlock(block: string): HeaderList {
  const list: HeaderList = [];
  for (const line of block.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) list.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return list;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/**
 * Names the failure behind an undici or socket error. Once response headers have arrived, a broken
 * connection is a truncated body, not a reset. Unreachable hosts count as refused (the connection was
 * turned away); anything unrecognised as a reset, the closest "the network failed us".
 */
export function classifyError(err: unknown, afterHeaders: boolean): { kind: FailureKind; message: string } {
  const code = errorCode(err);
  const message = describe(err, code);
  if (err instanceof FetchAbort) return { kind: 'timeout', message };
  if (code !== null && TIMEOUT_CODES.has(code)) return { kind: 'timeout', message };
  if (code === 'UND_ERR_INVALID_ARG') return { kind: 'invalid_url', message: `request not sendable: ${message}` };
  if (afterHeaders) return { kind: 'truncated', message };
  if (code !== null && DNS_CODES.has(code)) return { kind: 'dns', message };
  if (code !== null && UNREACHABLE_CODES.has(code)) return { kind: 'refused', message };
  if (code !== null && (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || CERTIFICATE_CODES.has(code))) {
    return { kind: 'tls', message };
  }
  return { kind: 'reset', message };
}

function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

function describe(err: unknown, code: string | null): string {
  const text = err instanceof Error ? err.message : String(err);
  return code !== null && !text.includes(code) ? `${code}: ${text}` : text;
}

/** Socket errors carry the peer (undici's SocketError) or the address tried (a refused connect). */
function addressFromError(err: unknown): string | null {
  const e = err as { socket?: { remoteAddress?: unknown }; address?: unknown } | null;
  if (typeof e?.socket?.remoteAddress === 'string') return e.socket.remoteAddress;
  if (typeof e?.address === 'string') return e.address;
  return null;
}

// undici announces each request's header block with the socket it is written to on
// 'undici:client:sendHeaders'. Neither the message nor the socket names our handler, but undici calls the
// handler's onRequestStart and then publishes, in one synchronous run on the same socket; so onRequestStart
// leaves a one-shot expectation that the next message (for the same origin and path) fulfils, and a
// microtask withdraws it if undici gave up in between.
type SentHeadersListener = (socket: Socket | undefined, block: string) => void;
interface Expectation {
  origin: string;
  path: string;
  listener: SentHeadersListener;
}
let expected: Expectation | null = null;
let watching = false;

function watchSentHeaders(): void {
  if (watching) return;
  watching = true;
  diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
    const current = expected;
    expected = null;
    const m = message as { request?: { origin?: unknown; path?: unknown }; headers?: unknown; socket?: Socket };
    if (current === null || m.request?.origin !== current.origin || m.request?.path !== current.path) return;
    current.listener(m.socket, typeof m.headers === 'string' ? m.headers : '');
  });
}

function expectSentHeaders(origin: string, path: string, listener: SentHeadersListener): void {
  const mine: Expectation = { origin, path, listener };
  expected = mine;
  queueMicrotask(() => {
    if (expected === mine) expected = null;
  });
}
