/**
 * An archive built the way users build one, for the export and verify tests: the demo site crawled through the
 * CLI in-process, one page that redirects to a chunked, gzipped answer with repeated and UTF-8 headers, a fetch
 * refused by a closed port, optionally a rendering in Chromium, two re-checks that see one article deleted (so
 * there are checks and removal events), and an imported mirror file. robots.txt is not consulted, so the
 * refused fetch is recorded rather than skipped.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';
import { fastLoopbackConfig, runCli } from './run-cli.ts';

/** The page served chunked and gzipped, written for these tests. */
export const QUIRKY_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>分块传输的一页 - 测试站</title></head>
<body><main><article><h1>分块传输的一页</h1><p>这一页用分块传输编码发送，并且经过 gzip 压缩，用来检查存档导出时如何处理响应头。</p>
<p>第二段文字让正文足够长，可以被通用提取器识别为一篇文章，而不是一个空页面。</p></article></main></body></html>`;

/** The quirky page's response headers as sent, in order: a repeated name apart, and a UTF-8 value. */
export const QUIRKY_HEADERS: [string, string][] = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Set-Cookie', 'first=1; Path=/'],
  ['Content-Encoding', 'gzip'],
  ['X-Title', Buffer.from('分块传输', 'utf8').toString('latin1')],
  ['Set-Cookie', 'second=2; Path=/'],
  ['Transfer-Encoding', 'chunked'],
];

export interface CrawledArchive {
  dir: string;
  dataDir: string;
  site: DemoSite;
  /** The URL that answers 301 to `quirkyUrl`. */
  movedUrl: string;
  quirkyUrl: string;
  refusedUrl: string;
  /** The demo article deleted before the re-checks. */
  deletedKey: string;
  /** Run the CLI in the archive's folder. */
  run(args: string[]): ReturnType<typeof runCli>;
  close(): Promise<void>;
}

export async function buildCrawledArchive(options: { render?: boolean } = {}): Promise<CrawledArchive> {
  const site = await startDemoSite();
  const quirky = await startQuirkyServer();
  const refusedUrl = await closedPortUrl();
  const dir = mkdtempSync(join(tmpdir(), 'memhole-archive-'));
  const dataDir = join(dir, 'memhole-data');
  writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig('obeyRobots: false\nrecheck:\n  schedule: { confirmationGap: 0 }\n'));
  const run = (args: string[]): ReturnType<typeof runCli> => runCli(args, { cwd: dir });
  const must = async (args: string[]): Promise<void> => {
    const result = await run(args);
    if (result.code !== 0) throw new Error(`memhole ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  };

  await must(['crawl', `${site.url}/chinese/feed`, `${site.url}/chinese/`, '--adapter', 'cdt']);
  await must(['add', quirky.movedUrl]);
  await must(['add', refusedUrl]);
  if (options.render) await must(['add', `${site.url}${site.articles[4]!.path}`, '--adapter', 'cdt', '--render']);

  const deleted = site.articles[0]!;
  site.setOverride(deleted.path, { status: 404 });
  await must(['recheck', '--all']);
  await must(['recheck', '--all']);

  // Imported after the re-checks, and naming a loopback original, so nothing ever fetches beyond loopback.
  const mirror = join(dir, 'mirror');
  mkdirSync(mirror);
  writeFileSync(
    join(mirror, 'copy.txt'),
    `<!--1700000000000-->\n[一份镜像存档](${site.url}/chinese/712346.html)\n------\n\n<p>镜像文件里保存的正文，由测试写成。</p><p>第二段。</p>`,
  );
  await must(['import', mirror]);

  return {
    dir,
    dataDir,
    site,
    movedUrl: quirky.movedUrl,
    quirkyUrl: quirky.url,
    refusedUrl,
    deletedKey: `cdt:${deleted.id}`,
    run,
    close: async () => {
      await site.close();
      await new Promise<void>((resolve) => quirky.server.close(() => resolve()));
    },
  };
}

async function startQuirkyServer(): Promise<{ server: Server; url: string; movedUrl: string }> {
  const body = gzipSync(Buffer.from(QUIRKY_PAGE, 'utf8'));
  const server = createServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(301, { Location: '/news/chunked.html' }).end();
      return;
    }
    if (req.url !== '/news/chunked.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, QUIRKY_HEADERS.flat());
    // Two writes, so the body really goes out in more than one chunk.
    res.write(body.subarray(0, 40));
    res.end(body.subarray(40));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/news/chunked.html`, movedUrl: `http://127.0.0.1:${port}/moved` };
}

/** A loopback URL on a port that was just freed, so connecting is refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/gone.html`;
}
