/**
 * Browser captures in Debian's Chromium: a local page whose article and comments are built by script (more
 * comments behind a "加载更多" button). The HTTP capture misses them; the rendered DOM has them all and the
 * screenshot is a valid PNG of the page. `.ci/run` installs Chromium.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterById } from '../../crawlers/index.ts';
import { DEFAULT_CHROMIUM } from '../../src/fetch/browser-renderer.ts';
import { openSqliteStore } from '../../storage/index.ts';
import { fastLoopbackConfig, runCli } from '../helpers/run-cli.ts';

const PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>夜班护士的一周记录 - 本地新闻</title></head>
<body><header><nav><a href="/">首页</a></nav></header><main><h1>夜班护士的一周记录</h1><div id="article"></div>
<section id="comments"></section><button id="more" hidden>加载更多</button></main>
<script>
setTimeout(function () {
  document.getElementById('article').innerHTML = '<article class="post-content"><p>这篇记录由页面脚本在加载后写入：一位夜班护士写下了她一周里每天的工作时长、病房里的床位和她没能说出口的话。</p><p>她说，最难的不是熬夜，而是每天早上交班时，不知道该怎样告诉下一班的同事，昨晚又少了一张空床。</p><p>文章发出后，许多同行在下面留言，讲起各自医院里相似的夜晚。</p></article>';
  document.getElementById('comments').innerHTML = '<p class="comment">读者甲：看完很难受。</p>';
  document.getElementById('more').hidden = false;
}, 150);
document.getElementById('more').addEventListener('click', function () {
  document.getElementById('comments').insertAdjacentHTML('beforeend', '<p class="comment">读者乙：点开才看到的第二条评论。</p>');
  this.remove();
});
</script></body></html>`;

let server: Server;
let url: string;

beforeAll(async () => {
  expect(existsSync(DEFAULT_CHROMIUM), 'Chromium is needed for this test: apt-get install -y chromium').toBe(true);
  server = createServer((req, res) => {
    if (req.url === '/news/2026/night-shift.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/news/2026/night-shift.html`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('browser captures', () => {
  it('renders a script-built page the plain fetch cannot read, keeping its DOM and a PNG screenshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-browser-'));
    writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig().replace('timeoutMs: 2000', 'timeoutMs: 15000'));
    const run = await runCli(['crawl', url, '--adapter', 'generic', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { rendered: number; renderSkipped: string | null; articlesNew: number };
    expect(summary).toMatchObject({ rendered: 1, renderSkipped: null, articlesNew: 1 });

    const store = await openSqliteStore({ dataDir: join(dir, 'memhole-data') });
    try {
      const page = (await store.getPageByUrl(url))!;
      const captures = await store.listCaptures(page.id);
      const http = captures.find((c) => c.how === 'http')!;
      const dom = captures.find((c) => c.how === 'browser')!;
      const shot = captures.find((c) => c.how === 'screenshot')!;
      expect(dom.parentCaptureId).toBe(http.id);
      expect(shot.parentCaptureId).toBe(http.id);

      const text = async (hash: string | null) => new TextDecoder().decode((await store.readBlob(hash!))!);
      // What a plain fetch holds yields no article: the text exists only inside the script that builds it.
      expect(adapterById('generic')!.extract({ url, contentType: 'text/html', text: await text(http.bodyHash) })).toBeNull();
      const rendered = await text(dom.bodyHash);
      expect(rendered).toContain('交班时');
      expect(rendered).toContain('读者乙：点开才看到的第二条评论。');

      const png = (await store.readBlob(shot.bodyHash!))!;
      expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      const view = new DataView(png.buffer, png.byteOffset);
      expect(view.getUint32(12)).toBe(0x49484452); // IHDR
      expect(view.getUint32(16)).toBeGreaterThan(100); // width
      expect(view.getUint32(20)).toBeGreaterThan(100); // height of the full page

      const article = (await store.latestArticle(page.id))!;
      expect(article.captureId).toBe(dom.id);
      expect(article.title).toBe('夜班护士的一周记录');
      expect(article.text).toContain('不知道该怎样告诉下一班的同事');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('says how to install Chromium when it is missing, and still archives the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-browser-'));
    writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig('browser: { executablePath: /nonexistent/chromium }\n'));
    const run = await runCli(['crawl', url, '--adapter', 'generic', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { captures: number; renderSkipped: string };
    expect(summary.captures).toBe(1);
    expect(summary.renderSkipped).toContain('apt-get install -y chromium');
  });
});
