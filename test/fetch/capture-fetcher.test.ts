/**
 * The capture fetcher against the hostile test server: what it records for good pages, legacy charsets,
 * compression, redirects, broken connections and limits. Every outcome is a result, never an exception.
 */
import { createServer, type AddressInfo, type LookupFunction } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureFetcher } from '../../src/fetch/capture-fetcher.ts';
import { sha256Hex } from '../../storage/index.ts';
import type { Fetcher, FetchResult } from '../../src/fetch/types.ts';
import {
  ETAG_VALUE,
  EXPECTED_HTML,
  LAST_MODIFIED,
  OK_BYTES,
  OK_HEADER_NAMES,
  TRUNCATED_BYTES,
  startHostileServer,
  type HostileServer,
} from '../helpers/hostile-server.ts';

const USER_AGENT = 'Mozilla/5.0 (memhole test)';
let server: HostileServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startHostileServer();
  fetcher = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 300, maxBodyBytes: 256 * 1024 });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

const get = (path: string, options?: Parameters<Fetcher['fetch']>[1]): Promise<FetchResult> =>
  fetcher.fetch(server.url + path, options);
const header = (result: FetchResult, name: string): string | undefined =>
  result.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Text of a cut-off body: the start of the page, perhaps ending in half a character. */
function expectPrefixOf(text: string | null, page: string): void {
  expect(text).not.toBeNull();
  const clean = text!.replace(/\uFFFD$/, '');
  expect(clean.length).toBeGreaterThan(40);
  expect(page.startsWith(clean)).toBe(true);
}

describe('a good page', () => {
  it('records status, body, text, headers in order and the remote address', async () => {
    const r = await get('/ok');
    expect(r.status).toBe(200);
    expect(r.failure).toBeNull();
    expect(r.truncated).toBe(false);
    expect(r.requestedUrl).toBe(`${server.url}/ok`);
    expect(r.finalUrl).toBe(`${server.url}/ok`);
    expect(r.redirects).toEqual([]);
    expect(bytesEqual(r.body, OK_BYTES)).toBe(true);
    expect(r.text).toBe(EXPECTED_HTML['/ok']);
    expect(r.charset).toBe('utf-8');
    expect(r.charsetSource).toBe('header');
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.contentEncoding).toBeNull();
    expect(r.remoteAddress).toBe('127.0.0.1');
    expect(r.headers.slice(0, OK_HEADER_NAMES.length).map(([n]) => n)).toEqual(OK_HEADER_NAMES);
    expect(r.headers.filter(([n]) => n === 'Set-Cookie').map(([, v]) => v)).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('takes its times from the clock it is given', async () => {
    const ticks = [1_000_000, 1_000_250];
    const pinned = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 300, clock: () => ticks.shift() ?? 0 });
    const r = await pinned.fetch(`${server.url}/ok`);
    await pinned.close();
    expect(r.startedAt).toBe(1_000_000);
    expect(r.durationMs).toBe(250);
  });

  it('sends browser-like headers, the adapter hints, and records what it sent', async () => {
    const r = await get('/echo-headers', { headers: { Referer: 'https://example.org/', accept: 'text/html' } });
    const received: string[] = JSON.parse(r.text!).rawHeaders;
    const sent = Object.fromEntries(r.requestHeaders.map(([n, v]) => [n.toLowerCase(), v]));
    expect(sent['user-agent']).toBe(USER_AGENT);
    expect(sent['accept-language']).toMatch(/^zh-CN/);
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent['accept']).toBe('text/html');
    expect(sent['referer']).toBe('https://example.org/');
    // The record is what went on the wire, pair for pair.
    const pairs: [string, string][] = [];
    for (let i = 0; i < received.length; i += 2) pairs.push([received[i]!, received[i + 1]!]);
    expect(r.requestHeaders).toEqual(pairs);
  });

  it('keeps each request its own record when fetches overlap', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        get(i % 2 ? '/echo-headers' : '/gbk', { headers: { 'X-Probe': String(i) } }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.remoteAddress).toBe('127.0.0.1');
      expect(r.requestHeaders).toContainEqual(['X-Probe', String(i)]);
      if (i % 2) expect(JSON.parse(r.text!).rawHeaders).toContain(String(i));
    });
  });

  it('treats an unlabelled text body as text and a binary one as bytes', async () => {
    const unlabelled = await get('/no-content-type');
    expect(unlabelled.contentType).toBeNull();
    expect(unlabelled.text).toBe(EXPECTED_HTML['/no-content-type']);
    expect(unlabelled.charsetSource).toBe('meta');

    const png = await get('/binary');
    expect(png.status).toBe(200);
    expect(png.failure).toBeNull();
    expect(png.contentType).toBe('image/png');
    expect(png.body.length).toBe(16);
    expect(png.text).toBeNull();
  });
});

describe('a body already archived', () => {
  it('is not decoded again when bytes, type and final URL match, and is decoded when any differs', async () => {
    const first = await get('/ok');
    const known = {
      sha256: sha256Hex(first.body),
      size: first.body.byteLength,
      contentType: first.contentType,
      finalUrl: first.finalUrl,
      charset: first.charset,
    };
    const same = await get('/ok', { knownBody: known });
    expect(same.decodeSkipped).toBe(true);
    expect(same.text).toBeNull();
    expect(same.charset).toBe('utf-8');
    expect(bytesEqual(same.body, OK_BYTES)).toBe(true);

    for (const differs of [{ sha256: '0'.repeat(64) }, { contentType: 'text/plain' }, { finalUrl: `${server.url}/elsewhere` }]) {
      const fresh = await get('/ok', { knownBody: { ...known, ...differs } });
      expect(fresh.decodeSkipped).toBeUndefined();
      expect(fresh.text).toBe(EXPECTED_HTML['/ok']);
    }
  });
});

describe('charsets', () => {
  const cases: [path: string, charset: string, source: string][] = [
    ['/gbk', 'gbk', 'header'],
    ['/gbk-meta', 'gbk', 'meta'],
    ['/big5', 'big5', 'header'],
    ['/gb18030', 'gb18030', 'header'],
    ['/no-charset-gbk', 'gb18030', 'sniff'],
    ['/xml-gbk', 'gbk', 'meta'],
    ['/stray-bytes-gbk', 'gbk', 'header'],
  ];
  for (const [path, charset, source] of cases) {
    it(`decodes ${path}`, async () => {
      const r = await get(path);
      expect(r.failure).toBeNull();
      expect(r.text).toBe(EXPECTED_HTML[path]);
      expect(r.charset).toBe(charset);
      expect(r.charsetSource).toBe(source);
    });
  }

  it('fails to decode an unknown charset label but keeps the bytes', async () => {
    const r = await get('/bad-charset');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('decode');
    expect(r.failure?.message).toContain('x-nonsense');
    expect(r.text).toBeNull();
    expect(bytesEqual(r.body, OK_BYTES)).toBe(true);
  });

  it('fails to decode GBK bytes labelled UTF-8', async () => {
    const r = await get('/mislabeled-gbk');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('decode');
    expect(r.text).toBeNull();
    expect(r.body.length).toBeGreaterThan(0);
  });
});

describe('content encodings', () => {
  it('keeps gzip bytes as received and decodes the text', async () => {
    const r = await get('/gzip');
    expect(r.contentEncoding).toBe('gzip');
    expect([r.body[0], r.body[1]]).toEqual([0x1f, 0x8b]);
    expect(r.body.length).toBe(Number(header(r, 'content-length')));
    expect(bytesEqual(gunzipSync(r.body), OK_BYTES)).toBe(true);
    expect(r.text).toBe(EXPECTED_HTML['/gzip']);
  });

  it('keeps brotli bytes as received and decodes the text', async () => {
    const r = await get('/br');
    expect(r.contentEncoding).toBe('br');
    expect(bytesEqual(brotliDecompressSync(r.body), OK_BYTES)).toBe(true);
    expect(r.text).toBe(EXPECTED_HTML['/br']);
  });

  it('decodes deflate', async () => {
    const r = await get('/deflate');
    expect(r.contentEncoding).toBe('deflate');
    expect(bytesEqual(r.body, OK_BYTES)).toBe(false);
    expect(r.text).toBe(EXPECTED_HTML['/deflate']);
  });
});

describe('statuses', () => {
  for (const code of [404, 410, 451, 403, 500]) {
    it(`records ${code} as a normal result`, async () => {
      const r = await get(`/status/${code}`);
      expect(r.status).toBe(code);
      expect(r.failure).toBeNull();
      expect(r.text).toContain(`状态码 ${code}`);
    });
  }

  it('sends If-None-Match and records the 304', async () => {
    const fresh = await get('/etag');
    expect(fresh.status).toBe(200);
    expect(header(fresh, 'etag')).toBe(ETAG_VALUE);

    const r = await get('/etag', { ifNoneMatch: ETAG_VALUE });
    expect(r.status).toBe(304);
    expect(r.failure).toBeNull();
    expect(r.truncated).toBe(false);
    expect(r.body.length).toBe(0);
    expect(r.requestHeaders).toContainEqual(['If-None-Match', ETAG_VALUE]);
  });

  it('sends If-Modified-Since and records the 304', async () => {
    const r = await get('/etag', { ifModifiedSince: LAST_MODIFIED });
    expect(r.status).toBe(304);
    expect(r.requestHeaders).toContainEqual(['If-Modified-Since', LAST_MODIFIED]);
  });
});

describe('redirects', () => {
  it('follows a chain and records every hop', async () => {
    const r = await get('/redirect-chain');
    expect(r.failure).toBeNull();
    expect(r.status).toBe(200);
    expect(r.finalUrl).toBe(`${server.url}/redirect-chain/final`);
    expect(r.redirects).toEqual([
      { url: `${server.url}/redirect-chain`, status: 301, location: `${server.url}/redirect-chain/2` },
      { url: `${server.url}/redirect-chain/2`, status: 302, location: '/redirect-chain/3' },
      { url: `${server.url}/redirect-chain/3`, status: 307, location: 'final' },
    ]);
    expect(r.text).toBe(EXPECTED_HTML['/redirect-chain/final']);
  });

  it('stops at a URL seen twice', async () => {
    const r = await get('/loop-a');
    expect(r.failure?.kind).toBe('redirect_loop');
    expect(r.redirects).toEqual([
      { url: `${server.url}/loop-a`, status: 302, location: '/loop-b' },
      { url: `${server.url}/loop-b`, status: 301, location: '/loop-a' },
    ]);
    expect(r.finalUrl).toBe(`${server.url}/loop-b`);
    expect(r.status).toBe(301);
  });

  it('stops after maxRedirects hops, and allows exactly that many', async () => {
    const strict = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 300, maxRedirects: 3 });
    const endless = await strict.fetch(`${server.url}/redirect-endless/0`);
    const chain = await strict.fetch(`${server.url}/redirect-chain`);
    await strict.close();
    expect(endless.failure?.kind).toBe('redirect_loop');
    expect(endless.redirects.map((h) => h.url)).toEqual([0, 1, 2, 3].map((n) => `${server.url}/redirect-endless/${n}`));
    expect(chain.failure).toBeNull();
    expect(chain.redirects).toHaveLength(3);
  });

  it('reports a Location that is not a URL as invalid_url', async () => {
    const r = await get('/redirect-bad');
    expect(r.failure?.kind).toBe('invalid_url');
    expect(r.redirects).toEqual([{ url: `${server.url}/redirect-bad`, status: 302, location: 'http://bad host/' }]);
  });
});

describe('broken connections and limits', () => {
  it('keeps the partial body when the connection closes early', async () => {
    const r = await get('/truncated');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('truncated');
    expect(r.truncated).toBe(true);
    expect(bytesEqual(r.body, OK_BYTES.subarray(0, TRUNCATED_BYTES))).toBe(true);
    expectPrefixOf(r.text, EXPECTED_HTML['/ok']!);
  });

  it('decodes what it can of a cut gzip stream', async () => {
    const r = await get('/truncated-gzip');
    expect(r.failure?.kind).toBe('truncated');
    expect(r.truncated).toBe(true);
    expect(r.contentEncoding).toBe('gzip');
    expect(r.body.length).toBe(Number(header(r, 'content-length')) >> 1);
    expectPrefixOf(r.text, EXPECTED_HTML['/ok']!);
  });

  it('reports a reset before any response', async () => {
    const r = await get('/reset');
    expect(r.status).toBeNull();
    expect(r.failure?.kind).toBe('reset');
    expect(r.body.length).toBe(0);
    expect(r.text).toBeNull();
  });

  it('reports a reset mid-body as truncated, with the bytes received', async () => {
    const r = await get('/reset-mid-body');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('truncated');
    expect(r.truncated).toBe(true);
    expect(bytesEqual(r.body, OK_BYTES.subarray(0, TRUNCATED_BYTES))).toBe(true);
  });

  it('times out waiting for headers', async () => {
    const r = await get('/slow');
    expect(r.status).toBeNull();
    expect(r.failure?.kind).toBe('timeout');
    expect(r.truncated).toBe(false);
    expect(r.remoteAddress).toBe('127.0.0.1');
  });

  it('times out on a stalled body and keeps what arrived', async () => {
    const r = await get('/slow-body');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('timeout');
    expect(r.truncated).toBe(true);
    expect(bytesEqual(r.body, OK_BYTES.subarray(0, TRUNCATED_BYTES))).toBe(true);
  });

  it('gives up on the whole fetch at totalTimeoutMs', async () => {
    const capped = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 5_000, totalTimeoutMs: 150 });
    const r = await capped.fetch(`${server.url}/slow`);
    await capped.close();
    expect(r.failure?.kind).toBe('timeout');
    expect(r.failure?.message).toContain('150 ms');
  });

  it('stops when the caller aborts', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const r = await get('/slow', { signal: abort.signal });
    expect(r.failure).toEqual({ kind: 'timeout', message: 'aborted by the caller' });
  });

  it('stops reading at maxBodyBytes and keeps exactly that many bytes', async () => {
    const r = await get('/huge');
    expect(r.status).toBe(200);
    expect(r.failure?.kind).toBe('too_large');
    expect(r.truncated).toBe(true);
    expect(r.body.length).toBe(256 * 1024);
    expect(r.body.every((b) => b === 0x61)).toBe(true);
    // The connection was dropped, not drained: the server is free again.
    expect((await get('/ok')).status).toBe(200);
  });
});

describe('failures before any response', () => {
  it('rejects URLs it cannot fetch without throwing', async () => {
    for (const url of ['not a url', 'ftp://example.org/file', '']) {
      const r = await fetcher.fetch(url);
      expect(r.failure?.kind, url).toBe('invalid_url');
      expect(r.status).toBeNull();
      expect(r.requestedUrl).toBe(url);
    }
  });

  it('reports an unsendable header as a failure, not an exception', async () => {
    const r = await get('/ok', { headers: { 'X-Bad': 'a\r\nInjected: 1' } });
    expect(r.status).toBeNull();
    expect(r.failure?.kind).toBe('invalid_url');
  });

  it('reports a refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await fetcher.fetch(`http://127.0.0.1:${port}/`);
    expect(r.failure?.kind).toBe('refused');
    expect(r.status).toBeNull();
  });

  it('reports a TLS failure', async () => {
    // The hostile server speaks plain HTTP, so the TLS handshake cannot succeed.
    const r = await fetcher.fetch(server.url.replace('http:', 'https:') + '/ok');
    expect(r.failure?.kind).toBe('tls');
    expect(r.status).toBeNull();
  });

  it('reports DNS failures', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const lookup = ((hostname: string, _options: unknown, callback: (err: Error) => void) => {
        callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }));
      }) as unknown as LookupFunction;
      const f = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 300, lookup });
      const r = await f.fetch('http://blocked.example/article/1');
      await f.close();
      expect(r.failure?.kind, code).toBe('dns');
      expect(r.status).toBeNull();
    }
  });

  it('uses a given resolver and keeps the Host header', async () => {
    const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as unknown as LookupFunction;
    const f = createCaptureFetcher({ userAgent: USER_AGENT, timeoutMs: 300, lookup });
    const port = new URL(server.url).port;
    const r = await f.fetch(`http://news.example:${port}/echo-headers`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.remoteAddress).toBe('127.0.0.1');
    expect(JSON.parse(r.text!).rawHeaders).toContain(`news.example:${port}`);
  });
});
