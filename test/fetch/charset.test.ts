/**
 * Charset and content-encoding decoding (src/fetch/charset.ts) on bytes made here, without a server.
 * The test server's legacy encoder is checked against known byte values first, since the rest relies on it.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody, decodeContentEncoding, isTextContentType, looksLikeText } from '../../src/fetch/charset.ts';
import {
  EXPECTED_HTML,
  SIMPLIFIED_PARAGRAPHS,
  TRADITIONAL_PARAGRAPHS,
  encodeLegacy,
} from '../helpers/hostile-server.ts';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const GBK_PAGE = EXPECTED_HTML['/gbk']!;

describe('encodeLegacy (test helper)', () => {
  it('produces the standard byte values', () => {
    expect(hex(encodeLegacy('中文', 'gbk'))).toBe('d6d0cec4');
    expect(hex(encodeLegacy('中文', 'big5'))).toBe('a4a4a4e5');
    expect(hex(encodeLegacy('\u{20000}', 'gb18030'))).toBe('95328236');
    expect(() => encodeLegacy('\u{20000}', 'gbk')).toThrow();
  });
});

describe('decodeBody', () => {
  it('decodes GBK named in the Content-Type', () => {
    const result = decodeBody(encodeLegacy(GBK_PAGE, 'gbk'), 'text/html; charset=GBK');
    expect(result).toEqual({ text: GBK_PAGE, charset: 'gbk', source: 'header' });
  });

  it('reads gb2312 as gbk and accepts a quoted label', () => {
    const result = decodeBody(encodeLegacy(GBK_PAGE, 'gbk'), 'text/html; charset="gb2312"');
    expect(result).toEqual({ text: GBK_PAGE, charset: 'gbk', source: 'header' });
  });

  it('decodes GB18030 four-byte characters even under a gbk label', () => {
    const text = `𠮷${SIMPLIFIED_PARAGRAPHS[0]}`;
    const bytes = encodeLegacy(text, 'gb18030');
    expect(decodeBody(bytes, 'text/html; charset=gb18030')).toEqual({ text, charset: 'gb18030', source: 'header' });
    expect(decodeBody(bytes, 'text/html; charset=gbk')).toEqual({ text, charset: 'gbk', source: 'header' });
  });

  it('decodes Big5', () => {
    const text = TRADITIONAL_PARAGRAPHS.join('\n');
    expect(decodeBody(encodeLegacy(text, 'big5'), 'text/plain; charset=big5')).toEqual({
      text,
      charset: 'big5',
      source: 'header',
    });
  });

  it('fails on a charset label no decoder knows', () => {
    const result = decodeBody(utf8('<p>hi</p>'), 'text/html; charset=x-nonsense');
    expect(result).toEqual({ error: expect.stringContaining('x-nonsense') });
  });

  it('fails when the bytes are not in the declared charset', () => {
    const result = decodeBody(encodeLegacy(GBK_PAGE, 'gbk'), 'text/html; charset=utf-8');
    expect('error' in result && result.error).toMatch(/invalid in utf-8/);
  });

  it('tolerates a few stray bytes and marks them with U+FFFD', () => {
    const good = [...encodeLegacy(GBK_PAGE, 'gbk')];
    // Before a '<', which is never the second byte of a GBK pair, so no character is split.
    const tags = good.flatMap((byte, i) => (byte === 0x3c ? [i] : []));
    const bytes = new Uint8Array(good.flatMap((byte, i) => (i === tags[8] || i === tags[12] ? [0xff, byte] : [byte])));
    const result = decodeBody(bytes, 'text/html; charset=gbk');
    if ('error' in result) throw new Error(result.error);
    expect(result.text.replaceAll('\uFFFD', '')).toBe(GBK_PAGE);
    expect([...result.text.matchAll(/\uFFFD/g)]).toHaveLength(2);
  });

  it('lets a BOM win over the header', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('中文')]);
    expect(decodeBody(bytes, 'text/html; charset=big5')).toEqual({ text: '中文', charset: 'utf-8', source: 'bom' });
    const utf16 = new Uint8Array(Buffer.from('\uFEFF审查', 'utf16le'));
    expect(decodeBody(utf16, null)).toEqual({ text: '审查', charset: 'utf-16le', source: 'bom' });
  });

  it('finds <meta charset> and <meta http-equiv> when the header has none', () => {
    const meta = `<html><head><meta charset="big5"></head><body>${TRADITIONAL_PARAGRAPHS[0]}</body></html>`;
    expect(decodeBody(encodeLegacy(meta, 'big5'), 'text/html')).toEqual({
      text: meta,
      charset: 'big5',
      source: 'meta',
    });

    const page = EXPECTED_HTML['/gbk-meta']!;
    expect(decodeBody(encodeLegacy(page, 'gbk'), 'text/html')).toEqual({ text: page, charset: 'gbk', source: 'meta' });
  });

  it('skips unknown or commented-out <meta> labels', () => {
    const page =
      `<html><head><!-- <meta charset="utf-8"> --><meta charset="\${charset}">` +
      `<meta content="text/html; charset=gbk" http-equiv="content-type"></head>` +
      `<body>${SIMPLIFIED_PARAGRAPHS[1]}</body></html>`;
    expect(decodeBody(encodeLegacy(page, 'gbk'), null)).toEqual({ text: page, charset: 'gbk', source: 'meta' });
  });

  it('reads the XML declaration', () => {
    const feed = EXPECTED_HTML['/xml-gbk']!;
    expect(decodeBody(encodeLegacy(feed, 'gbk'), 'application/rss+xml')).toEqual({
      text: feed,
      charset: 'gbk',
      source: 'meta',
    });
  });

  it('lets the header win over <meta>', () => {
    const page = `<meta charset="gbk"><p>${TRADITIONAL_PARAGRAPHS[0]}</p>`;
    expect(decodeBody(encodeLegacy(page, 'big5'), 'text/html; charset=big5')).toMatchObject({
      text: page,
      charset: 'big5',
      source: 'header',
    });
  });

  it('sniffs unlabelled UTF-8, GBK and Big5', () => {
    expect(decodeBody(utf8(GBK_PAGE), 'text/html')).toEqual({ text: GBK_PAGE, charset: 'utf-8', source: 'sniff' });

    const gbk = decodeBody(encodeLegacy(GBK_PAGE, 'gbk'), 'text/html');
    expect(gbk).toEqual({ text: GBK_PAGE, charset: 'gb18030', source: 'sniff' });

    const traditional = `<html><body>${TRADITIONAL_PARAGRAPHS.join('')}</body></html>`;
    expect(decodeBody(encodeLegacy(traditional, 'big5'), 'text/html')).toEqual({
      text: traditional,
      charset: 'big5',
      source: 'sniff',
    });
  });

  it('sniffs from where the non-ASCII text starts, past a long ASCII head', () => {
    const script = 'var x = 1;\n'.repeat(7000);
    const page = `<html><head><script>${script}</script></head><body>${SIMPLIFIED_PARAGRAPHS.join('')}</body></html>`;
    expect(decodeBody(encodeLegacy(page, 'gbk'), null)).toMatchObject({ text: page, source: 'sniff' });
  });

  it('ignores a <meta> beyond the first 4 KB', () => {
    const padding = ' '.repeat(5000);
    const page = `<html><head>${padding}<meta charset="big5"></head><body>${SIMPLIFIED_PARAGRAPHS[0]}</body></html>`;
    expect(decodeBody(utf8(page), 'text/html')).toEqual({ text: page, charset: 'utf-8', source: 'sniff' });
  });

  it('defaults to UTF-8 for pure ASCII and empty bodies', () => {
    expect(decodeBody(utf8('{"ok":true}'), 'application/json')).toEqual({
      text: '{"ok":true}',
      charset: 'utf-8',
      source: 'default',
    });
    expect(decodeBody(new Uint8Array(0), null)).toEqual({ text: '', charset: 'utf-8', source: 'default' });
  });
});

describe('isTextContentType and looksLikeText', () => {
  it('recognises text media types', () => {
    for (const type of [
      'text/html; charset=utf-8',
      'TEXT/PLAIN',
      'application/xhtml+xml',
      'application/rss+xml',
      'application/atom+xml',
      'application/xml',
      'application/json',
      'application/ld+json',
      'application/javascript',
    ]) {
      expect(isTextContentType(type), type).toBe(true);
    }
    for (const type of ['image/png', 'application/pdf', 'application/octet-stream', 'video/mp4']) {
      expect(isTextContentType(type), type).toBe(false);
    }
    expect(isTextContentType(null)).toBe(false);
  });

  it('tells unlabelled text from binary', () => {
    expect(looksLikeText(utf8('<html>中文</html>'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBe(false);
  });
});

describe('decodeContentEncoding', () => {
  const plain = utf8(GBK_PAGE);

  it('undoes gzip, x-gzip, deflate (zlib and raw), br and identity', () => {
    const cases: [string, Uint8Array][] = [
      ['gzip', gzipSync(plain)],
      ['x-gzip', gzipSync(plain)],
      ['deflate', deflateSync(plain)],
      ['deflate', deflateRawSync(plain)],
      ['br', brotliCompressSync(plain)],
      ['identity', plain],
      ['GZIP', gzipSync(plain)],
    ];
    for (const [encoding, bytes] of cases) {
      const result = decodeContentEncoding(bytes, encoding);
      expect('bytes' in result && Buffer.from(result.bytes).equals(Buffer.from(plain)), encoding).toBe(true);
    }
  });

  it('undoes stacked codings last first', () => {
    const result = decodeContentEncoding(brotliCompressSync(gzipSync(plain)), 'gzip, br');
    expect('bytes' in result && Buffer.from(result.bytes).equals(Buffer.from(plain))).toBe(true);
  });

  it('rejects unknown codings and corrupt streams', () => {
    expect(decodeContentEncoding(plain, 'zstd')).toEqual({ error: expect.stringContaining('zstd') });
    expect(decodeContentEncoding(plain, 'gzip')).toEqual({ error: expect.stringContaining('gzip') });
  });

  it('returns the decodable start of a cut stream only when asked', () => {
    const long = utf8(SIMPLIFIED_PARAGRAPHS.join('\n').repeat(40));
    const gz = gzipSync(long);
    const cut = gz.subarray(0, gz.length >> 1);
    expect('error' in decodeContentEncoding(cut, 'gzip')).toBe(true);
    const partial = decodeContentEncoding(cut, 'gzip', { partial: true });
    if ('error' in partial) throw new Error(partial.error);
    expect(partial.bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(long).subarray(0, partial.bytes.length).equals(Buffer.from(partial.bytes))).toBe(true);
  });

  it('refuses to expand past maxOutputBytes', () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024));
    expect('error' in decodeContentEncoding(bomb, 'gzip', { maxOutputBytes: 64 * 1024 })).toBe(true);
  });
});
