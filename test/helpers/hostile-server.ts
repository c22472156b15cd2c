/**
 * A local HTTP server that misbehaves on purpose, for tests of the fetcher and of everything built on it.
 * Binds 127.0.0.1 on a random port. The routes are a stable interface; add new ones rather than change these.
 *
 *   /                      200 small utf-8 home page (the target of /redirect-home)
 *   /ok                    200 utf-8 HTML (EXPECTED_HTML['/ok']); headers in a fixed order and case:
 *                          Content-Type, X-Memhole-First, Set-Cookie (a=1), Set-Cookie (b=2), Content-Length,
 *                          X-Memhole-Last (see OK_HEADER_NAMES)
 *   /echo-headers          200 application/json {"rawHeaders": [...]}: the request headers as received
 *   /gbk                   GBK bytes, "Content-Type: text/html; charset=GBK", no <meta>
 *   /gbk-meta              GBK bytes, "Content-Type: text/html", charset only in
 *                          <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
 *   /big5                  Big5 bytes (traditional characters), "charset=big5" in the header
 *   /gb18030               GB18030 bytes including a four-byte character (𠮷), "charset=GB18030" in the header
 *   /no-charset-gbk        GBK bytes, "Content-Type: text/html", no label anywhere: must be sniffed
 *   /xml-gbk               RSS in GBK, "application/rss+xml", charset only in the XML declaration
 *   /stray-bytes-gbk       GBK page, charset in header, with two invalid bytes (EXPECTED_HTML shows them as U+FFFD)
 *   /mislabeled-gbk        GBK bytes labelled "charset=utf-8": undecodable as declared
 *   /bad-charset           "Content-Type: text/html; charset=x-nonsense", utf-8 body
 *   /no-content-type       utf-8 HTML without any Content-Type
 *   /binary                image/png bytes (not text)
 *   /gzip, /deflate, /br   the /ok page compressed, with Content-Encoding and the compressed Content-Length
 *   /truncated             Content-Length of the whole page, only its first TRUNCATED_BYTES bytes, then FIN
 *   /truncated-gzip        Content-Encoding: gzip, whole Content-Length, only the first half of the gzip stream
 *   /reset                 TCP reset before any response
 *   /reset-mid-body        headers and the first TRUNCATED_BYTES bytes of the page, then a TCP reset
 *   /slow                  accepts the request and never answers
 *   /slow-body             headers and the first TRUNCATED_BYTES bytes, then silence
 *   /huge                  streams "a" characters (64 KB chunks, up to 1 GB) until the client disconnects
 *   /loop-a, /loop-b       302 /loop-a -> /loop-b, 301 /loop-b -> /loop-a
 *   /redirect-chain        301 to the absolute URL of /redirect-chain/2, 302 to "/redirect-chain/3",
 *                          307 to "final" (relative), then /redirect-chain/final answers 200 (EXPECTED_HTML)
 *   /redirect-endless/<n>  302 to /redirect-endless/<n+1>, forever
 *   /redirect-bad          302 to a Location that is not a valid URL
 *   /redirect-home         302 to /
 *   /status/<code>         that status (200-599) with a short utf-8 HTML body (404/410/451/403/500 etc.)
 *   /etag                  200 with ETag ETAG_VALUE and Last-Modified LAST_MODIFIED; 304 (no body) when
 *                          If-None-Match matches or If-Modified-Since equals LAST_MODIFIED
 * Anything else is a 404. Every request is logged in `requests` (path and raw headers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/** A running hostile server. */
export interface HostileServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Requests received so far, oldest first. */
  requests: { path: string; rawHeaders: string[] }[];
  close(): Promise<void>;
}

/** Paragraphs of the simplified-Chinese test article. */
export const SIMPLIFIED_PARAGRAPHS = [
  '这篇报道记录了一次网络审查事件。原文发布后不到三小时即被删除，读者留言也随之消失。',
  '据多名读者反映，该文章在社交媒体上被广泛转发，随后相关链接全部失效。编辑部表示将继续关注此事，并在获得更多信息后更新报道。',
  '本站所有存档均按抓取时间排列，每个版本都附有抓取时的服务器地址和状态码，方便研究者比对不同时间点的内容变化。',
];
/** The same article in traditional characters (served as Big5). */
export const TRADITIONAL_PARAGRAPHS = [
  '這篇報道記錄了一次網絡審查事件。原文發佈後不到三小時即被刪除，讀者留言也隨之消失。',
  '據多名讀者反映，該文章在社交媒體上被廣泛轉發，隨後相關鏈接全部失效。編輯部表示將繼續關注此事。',
];
/** A sentence with a character outside GBK, which only GB18030's four-byte form can carry. */
export const GB18030_PARAGRAPH = '“𠮷”字不在GBK字符集中，只能用GB18030的四字节编码表示。';

/** Title of the simplified-Chinese article (also its <h1>). */
export const SIMPLIFIED_TITLE = '网络审查事件记录';
/** Title of the traditional-Chinese article served as Big5. */
export const TRADITIONAL_TITLE = '網絡審查事件記錄';
/** The ETag of /etag; sent back in If-None-Match it earns a 304. */
export const ETAG_VALUE = '"v1-memhole"';
/** The Last-Modified of /etag; sent back in If-Modified-Since it earns a 304. */
export const LAST_MODIFIED = 'Tue, 04 Jun 2024 08:00:00 GMT';
/** How many bytes of the /ok page /truncated, /reset-mid-body and /slow-body send before failing. */
export const TRUNCATED_BYTES = 300;
/** Response header names of /ok, in the order and case they are sent. */
export const OK_HEADER_NAMES = [
  'Content-Type',
  'X-Memhole-First',
  'Set-Cookie',
  'Set-Cookie',
  'Content-Length',
  'X-Memhole-Last',
];

function articleHtml(options: { lang: string; title: string; paragraphs: string[]; head?: string }): string {
  const head = options.head === undefined ? '' : `${options.head}\n`;
  const body = options.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return (
    `<!DOCTYPE html>\n<html lang="${options.lang}">\n<head>\n${head}<title>${options.title}</title>\n</head>\n` +
    `<body>\n<article>\n<h1>${options.title}</h1>\n${body}\n</article>\n</body>\n</html>\n`
  );
}

const simplified = (head?: string): string =>
  articleHtml({ lang: 'zh-CN', title: SIMPLIFIED_TITLE, paragraphs: SIMPLIFIED_PARAGRAPHS, ...(head ? { head } : {}) });

const OK_HTML = simplified('<meta charset="utf-8">');
const GBK_HTML = simplified();
const GBK_META_HTML = simplified('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
const BIG5_HTML = articleHtml({ lang: 'zh-TW', title: TRADITIONAL_TITLE, paragraphs: TRADITIONAL_PARAGRAPHS });
const GB18030_HTML = articleHtml({
  lang: 'zh-CN',
  title: SIMPLIFIED_TITLE,
  paragraphs: [GB18030_PARAGRAPH, ...SIMPLIFIED_PARAGRAPHS],
});
const XML_GBK =
  `<?xml version="1.0" encoding="GBK"?>\n<rss version="2.0"><channel><title>${SIMPLIFIED_TITLE}</title>\n` +
  `<item><title>${SIMPLIFIED_TITLE}</title><description>${SIMPLIFIED_PARAGRAPHS[0]}</description></item>\n` +
  `</channel></rss>\n`;
const STRAY_MARK = '<!--stray-->';
const STRAY_HTML = simplified().replace('</p>\n<p>', `</p>${STRAY_MARK}\n<p>`).replace('</h1>', `</h1>${STRAY_MARK}`);
const FINAL_HTML = articleHtml({ lang: 'zh-CN', title: '重定向终点', paragraphs: [SIMPLIFIED_PARAGRAPHS[0]!] });
const HOME_HTML = articleHtml({ lang: 'zh-CN', title: '首页', paragraphs: ['这里是首页。'] });

/** The exact text each text route's body decodes to. */
export const EXPECTED_HTML: Record<string, string> = {
  '/': HOME_HTML,
  '/ok': OK_HTML,
  '/gbk': GBK_HTML,
  '/gbk-meta': GBK_META_HTML,
  '/big5': BIG5_HTML,
  '/gb18030': GB18030_HTML,
  '/no-charset-gbk': GBK_HTML,
  '/xml-gbk': XML_GBK,
  '/stray-bytes-gbk': STRAY_HTML.replaceAll(STRAY_MARK, '\uFFFD'),
  '/no-content-type': OK_HTML,
  '/gzip': OK_HTML,
  '/deflate': OK_HTML,
  '/br': OK_HTML,
  '/redirect-chain/final': FINAL_HTML,
};

/** The /ok page as UTF-8 bytes; /truncated and friends send a prefix of it. */
export const OK_BYTES = new Uint8Array(Buffer.from(OK_HTML, 'utf8'));

type LegacyCharset = 'gbk' | 'gb18030' | 'big5';
const encodeTables = new Map<'gbk' | 'big5', Map<string, Uint8Array>>();

/**
 * Encodes text as GBK, GB18030 or Big5. TextEncoder only writes UTF-8, so the table is built by running every
 * two-byte sequence through the platform's decoder and reversing it; test/fetch checks a few known byte
 * values so the table is not merely trusted. GB18030's four-byte form is computed for characters beyond the
 * BMP (the form for BMP characters outside GBK is not needed here). Throws on a character it cannot encode.
 */
export function encodeLegacy(text: string, charset: LegacyCharset): Uint8Array {
  const table = encodeTable(charset === 'big5' ? 'big5' : 'gbk');
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(char);
    if (bytes !== undefined) {
      out.push(...bytes);
    } else if (charset === 'gb18030' && code >= 0x10000) {
      let index = code - 0x10000;
      const b4 = 0x30 + (index % 10);
      index = Math.floor(index / 10);
      const b3 = 0x81 + (index % 126);
      index = Math.floor(index / 126);
      const b2 = 0x30 + (index % 10);
      const b1 = 0x90 + Math.floor(index / 10);
      out.push(b1, b2, b3, b4);
    } else {
      throw new Error(`cannot encode ${JSON.stringify(char)} as ${charset}`);
    }
  }
  return new Uint8Array(out);
}

function encodeTable(kind: 'gbk' | 'big5'): Map<string, Uint8Array> {
  const cached = encodeTables.get(kind);
  if (cached !== undefined) return cached;
  const table = new Map<string, Uint8Array>();
  const decoder = new TextDecoder(kind === 'gbk' ? 'gb18030' : 'big5', { fatal: true });
  // Big5's lead bytes below 0xA1 are HKSCS additions that duplicate common characters; prefer the classic ones.
  const leads = kind === 'gbk' ? range(0x81, 0xfe) : [...range(0xa1, 0xfe), ...range(0x81, 0xa0)];
  const trails =
    kind === 'gbk' ? range(0x40, 0xfe).filter((b) => b !== 0x7f) : [...range(0x40, 0x7e), ...range(0xa1, 0xfe)];
  for (const lead of leads) {
    for (const trail of trails) {
      const pair = new Uint8Array([lead, trail]);
      let char: string;
      try {
        char = decoder.decode(pair);
      } catch {
        continue;
      }
      if ([...char].length === 1 && !table.has(char)) table.set(char, pair);
    }
  }
  encodeTables.set(kind, table);
  return table;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Starts the server on 127.0.0.1 with a random port. */
export async function startHostileServer(): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const requests: HostileServer['requests'] = [];
  let base = '';
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', rawHeaders: [...req.rawHeaders] });
    try {
      handle(req, res, base);
    } catch (err) {
      res.destroy(err as Error);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, headers: string[], body: Uint8Array | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  res.writeHead(status, [...headers, 'Content-Length', String(bytes.length)]);
  res.end(bytes);
}

const html = (charset?: string): string[] => ['Content-Type', charset ? `text/html; charset=${charset}` : 'text/html'];

/** Writes a response straight to the socket, bypassing node:http, so it can lie about its length. */
function rawResponse(res: ServerResponse, headers: string[], body: Uint8Array): Socket {
  const socket = res.socket as Socket;
  const head = `HTTP/1.1 200 OK\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
  socket.write(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]));
  return socket;
}

function handle(req: IncomingMessage, res: ServerResponse, base: string): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const okPrefix = OK_BYTES.subarray(0, TRUNCATED_BYTES);
  const okHeaders = ['Content-Type: text/html; charset=utf-8', `Content-Length: ${OK_BYTES.length}`];

  switch (path) {
    case '/':
      return send(res, 200, html('utf-8'), HOME_HTML);
    case '/ok':
      res.writeHead(200, [
        'Content-Type', 'text/html; charset=utf-8',
        'X-Memhole-First', '1',
        'Set-Cookie', 'a=1; Path=/',
        'Set-Cookie', 'b=2; Path=/',
        'Content-Length', String(OK_BYTES.length),
        'X-Memhole-Last', 'z',
      ]);
      res.end(Buffer.from(OK_BYTES));
      return;
    case '/echo-headers':
      return send(res, 200, ['Content-Type', 'application/json'], JSON.stringify({ rawHeaders: req.rawHeaders }));
    case '/gbk':
      return send(res, 200, html('GBK'), encodeLegacy(GBK_HTML, 'gbk'));
    case '/gbk-meta':
      return send(res, 200, html(), encodeLegacy(GBK_META_HTML, 'gbk'));
    case '/big5':
      return send(res, 200, html('big5'), encodeLegacy(BIG5_HTML, 'big5'));
    case '/gb18030':
      return send(res, 200, html('GB18030'), encodeLegacy(GB18030_HTML, 'gb18030'));
    case '/no-charset-gbk':
      return send(res, 200, html(), encodeLegacy(GBK_HTML, 'gbk'));
    case '/xml-gbk':
      return send(res, 200, ['Content-Type', 'application/rss+xml'], encodeLegacy(XML_GBK, 'gbk'));
    case '/stray-bytes-gbk': {
      // 0xFF starts no GBK sequence: each one is a single undecodable byte.
      const parts = STRAY_HTML.split(STRAY_MARK).map((part) => encodeLegacy(part, 'gbk'));
      const bytes: number[] = [];
      parts.forEach((part, i) => bytes.push(...(i > 0 ? [0xff] : []), ...part));
      return send(res, 200, html('gbk'), new Uint8Array(bytes));
    }
    case '/mislabeled-gbk':
      return send(res, 200, html('utf-8'), encodeLegacy(GBK_HTML, 'gbk'));
    case '/bad-charset':
      return send(res, 200, html('x-nonsense'), OK_HTML);
    case '/no-content-type':
      return send(res, 200, [], OK_HTML);
    case '/binary':
      return send(
        res,
        200,
        ['Content-Type', 'image/png'],
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      );
    case '/gzip':
      return send(
        res,
        200,
        [...html('utf-8'), 'Content-Encoding', 'gzip', 'Vary', 'Accept-Encoding'],
        gzipSync(OK_BYTES),
      );
    case '/deflate':
      return send(res, 200, [...html('utf-8'), 'Content-Encoding', 'deflate'], deflateSync(OK_BYTES));
    case '/br':
      return send(res, 200, [...html('utf-8'), 'Content-Encoding', 'br'], brotliCompressSync(OK_BYTES));
    case '/truncated':
      rawResponse(res, okHeaders, okPrefix).end();
      return;
    case '/truncated-gzip': {
      const gz = gzipSync(OK_BYTES);
      const headers = [
        'Content-Type: text/html; charset=utf-8',
        'Content-Encoding: gzip',
        `Content-Length: ${gz.length}`,
      ];
      rawResponse(res, headers, gz.subarray(0, gz.length >> 1)).end();
      return;
    }
    case '/reset':
      (res.socket as Socket).resetAndDestroy();
      return;
    case '/reset-mid-body': {
      const socket = rawResponse(res, okHeaders, okPrefix);
      // Give the client time to read the partial body: a reset can discard data still unread.
      setTimeout(() => socket.resetAndDestroy(), 50);
      return;
    }
    case '/slow':
      return;
    case '/slow-body':
      rawResponse(res, okHeaders, okPrefix);
      return;
    case '/huge':
      return streamHuge(res);
    case '/loop-a':
      return send(res, 302, ['Location', '/loop-b'], '');
    case '/loop-b':
      return send(res, 301, ['Location', '/loop-a'], '');
    case '/redirect-chain':
      return send(res, 301, ['Location', `${base}/redirect-chain/2`], 'moved');
    case '/redirect-chain/2':
      return send(res, 302, ['Location', '/redirect-chain/3'], 'found');
    case '/redirect-chain/3':
      return send(res, 307, ['Location', 'final'], '');
    case '/redirect-chain/final':
      return send(res, 200, html('utf-8'), FINAL_HTML);
    case '/redirect-bad':
      return send(res, 302, ['Location', 'http://bad host/'], '');
    case '/redirect-home':
      return send(res, 302, ['Location', '/'], '');
    case '/etag': {
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const validators = ['ETag', ETAG_VALUE, 'Last-Modified', LAST_MODIFIED];
      const matches = inm !== undefined && (inm.trim() === '*' || inm.split(',').some((t) => t.trim() === ETAG_VALUE));
      if (matches || (inm === undefined && ims === LAST_MODIFIED)) {
        res.writeHead(304, validators);
        res.end();
        return;
      }
      return send(res, 200, [...html('utf-8'), ...validators], OK_HTML);
    }
  }

  const endless = /^\/redirect-endless\/(\d+)$/.exec(path);
  if (endless) return send(res, 302, ['Location', `/redirect-endless/${Number(endless[1]) + 1}`], '');

  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status && Number(status[1]) >= 200 && Number(status[1]) <= 599) {
    const code = Number(status[1]);
    const page = articleHtml({ lang: 'zh-CN', title: `状态 ${code}`, paragraphs: [`状态码 ${code}`] });
    return send(res, code, html('utf-8'), page);
  }
  const missing = articleHtml({ lang: 'zh-CN', title: '页面不存在', paragraphs: ['页面不存在。'] });
  return send(res, 404, html('utf-8'), missing);
}

function streamHuge(res: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const limit = 1024 * 1024 * 1024;
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.writeHead(200, html('utf-8'));
  const pump = (): void => {
    while (!closed && sent < limit) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
}
