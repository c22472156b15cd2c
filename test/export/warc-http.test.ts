/**
 * The HTTP head a WARC response record gets from a capture: headers as received and in order, chunked framing
 * removed, Content-Length stating the stored body, Content-Encoding kept; and the request line and header bytes.
 */
import { describe, expect, it } from 'vitest';
import { headerForWriting, requestLine, responseHead, statusLine, truncationReason } from '../../src/export/warc-http.ts';

describe('responseHead', () => {
  it('puts Content-Length where chunked Transfer-Encoding stood, keeping every other header in place', () => {
    const head = responseHead(
      { status: 200, headers: [['Server', 'x'], ['Transfer-Encoding', 'chunked'], ['Content-Encoding', 'br'], ['Set-Cookie', 'a=1'], ['Vary', 'Accept'], ['Set-Cookie', 'b=2']] },
      1234,
    );
    expect(head.statusLine).toBe('HTTP/1.1 200 OK');
    expect(head.headers).toEqual([['Server', 'x'], ['Content-Length', '1234'], ['Content-Encoding', 'br'], ['Set-Cookie', 'a=1'], ['Vary', 'Accept'], ['Set-Cookie', 'b=2']]);
    expect(head.changes).toEqual(['removed chunked from Transfer-Encoding: chunked (the body is stored de-chunked)', 'added Content-Length: 1234']);
  });

  it('keeps other transfer codings and a Content-Length that already states the body', () => {
    const head = responseHead({ status: 200, headers: [['transfer-encoding', 'gzip, chunked'], ['content-length', '10']] }, 10);
    expect(head.headers).toEqual([['transfer-encoding', 'gzip'], ['content-length', '10']]);
    expect(head.changes).toEqual(['removed chunked from transfer-encoding: gzip, chunked (the body is stored de-chunked)']);
  });

  it('corrects the Content-Length of a body cut short and drops a repeated one', () => {
    const head = responseHead({ status: 200, headers: [['Content-Length', '5000'], ['Content-Type', 'text/html'], ['Content-Length', '5000']] }, 1200);
    expect(head.headers).toEqual([['Content-Length', '1200'], ['Content-Type', 'text/html']]);
    expect(head.changes).toEqual(['Content-Length: 5000 became 1200 (the size of the stored body)', 'removed a repeated Content-Length: 5000']);
  });

  it('adds a Content-Length to a body delimited by the connection closing, and none to an empty one', () => {
    expect(responseHead({ status: 200, headers: [['Content-Type', 'text/plain']] }, 3).headers).toEqual([['Content-Type', 'text/plain'], ['Content-Length', '3']]);
    expect(responseHead({ status: 304, headers: [['ETag', '"x"']] }, 0)).toEqual({ statusLine: 'HTTP/1.1 304 Not Modified', headers: [['ETag', '"x"']], changes: [] });
  });
});

describe('the rest of the head', () => {
  it('writes status lines, request lines and truncation reasons', () => {
    expect(statusLine(451)).toBe('HTTP/1.1 451 Unavailable For Legal Reasons');
    expect(statusLine(599)).toBe('HTTP/1.1 599');
    expect(requestLine('https://example.org/a/b.html?x=1&y=%E4%B8%AD#frag')).toBe('GET /a/b.html?x=1&y=%E4%B8%AD HTTP/1.1');
    expect(['too_large', 'timeout', 'truncated', null].map(truncationReason)).toEqual(['length', 'time', 'disconnect', 'unspecified']);
  });

  it('hands warcio a UTF-8 header value decoded, so the bytes written are the bytes received', () => {
    const received = Buffer.from('/新闻/一.html', 'utf8').toString('latin1');
    const [, value] = headerForWriting(['Location', received]);
    expect(Buffer.from(value, 'utf8')).toEqual(Buffer.from(received, 'latin1'));
    // Bytes that are not UTF-8 (GBK here) cannot be byte-exact through a UTF-8 writer: they are left as they are.
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]).toString('latin1');
    expect(headerForWriting(['X-Name', gbk])).toEqual(['X-Name', gbk]);
  });
});
