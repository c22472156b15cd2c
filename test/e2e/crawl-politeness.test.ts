/**
 * Crawl politeness: robots.txt is obeyed unless the configuration says otherwise (a disallowed URL is not
 * fetched and is counted; with `obeyRobots: false` it is archived like any other), and a captcha wall is
 * recorded but never read as the article.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../golden/golden-cases.ts';
import { startMutableSite, type MutableSite } from '../helpers/mutable-site.ts';
import { fixtureCrawlConfig, runCli } from '../helpers/run-cli.ts';
import { startSocks5Server } from '../helpers/socks5-server.ts';

let site: MutableSite;

beforeAll(async () => {
  site = await startMutableSite();
  const article = readFileSync(join(FIXTURES_DIR, 'cdt', 'no-comments', 'page.html'), 'utf8');
  site.set('/robots.txt', { page: 'User-agent: *\nDisallow: /chinese/7001\n', contentType: 'text/plain' });
  site.set('/chinese/700111.html', { page: article });
  site.set('/chinese/700222.html', { page: article });
  site.set('/chinese/700333.html', {
    page: '<html><head><title>微信公众平台</title></head><body><div class="weui-msg"><p class="weui-msg__title">当前环境异常，完成验证后即可继续访问。</p><a>去验证</a></div></body></html>',
  });
});

afterAll(async () => {
  await site?.close();
});

async function crawlBoth(extraConfig: string) {
  const dir = mkdtempSync(join(tmpdir(), 'memhole-robots-'));
  writeFileSync(join(dir, 'memhole.config.yaml'), fixtureCrawlConfig(extraConfig));
  const run = await runCli(['crawl', `${site.url}/chinese/700111.html`, `${site.url}/chinese/700222.html`, '--adapter', 'cdt', '--json'], { cwd: dir });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { articlePages: number; disallowedByRobots: string[] };
}

describe('captcha walls during a crawl', () => {
  it('records the wall but never reads it as the article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-wall-'));
    writeFileSync(join(dir, 'memhole.config.yaml'), fixtureCrawlConfig());
    const run = await runCli(['crawl', `${site.url}/chinese/700333.html`, '--adapter', 'cdt', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ captures: 1, walls: 1, articlesNew: 0, extractionFailed: 0 });
  });
});

describe('robots.txt', () => {
  it('is obeyed by default', async () => {
    const summary = await crawlBoth('');
    expect(summary.disallowedByRobots).toEqual([`${site.url}/chinese/700111.html`]);
    expect(summary.articlePages).toBe(1);
  });

  it('can be ignored by configuration', async () => {
    const summary = await crawlBoth('obeyRobots: false\n');
    expect(summary.disallowedByRobots).toEqual([]);
    expect(summary.articlePages).toBe(2);
  });
});

describe('a source behind a proxy', () => {
  it('sends its crawl through the configured HTTP proxy', async () => {
    const { createServer } = await import('node:http');
    const { connect } = await import('node:net');
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as { port: number }).port;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'memhole-proxy-'));
      writeFileSync(
        join(dir, 'memhole.config.yaml'),
        fixtureCrawlConfig(`sources:\n  - id: via-proxy\n    adapter: cdt\n    startUrls: ["${site.url}/chinese/700222.html"]\n    proxy: http://127.0.0.1:${proxyPort}\n`),
      );
      const run = await runCli(['crawl', '--source', 'via-proxy', '--json'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ articlePages: 1, articlesNew: 1 });
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(site.url).host]));
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('sends its crawl through the configured SOCKS5 proxy', async () => {
    const proxy = await startSocks5Server();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'memhole-socks-'));
      writeFileSync(
        join(dir, 'memhole.config.yaml'),
        fixtureCrawlConfig(`sources:\n  - id: via-socks\n    adapter: cdt\n    startUrls: ["${site.url}/chinese/700222.html"]\n    proxy: ${proxy.url}\n`),
      );
      const run = await runCli(['crawl', '--source', 'via-socks', '--json'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ articlePages: 1, articlesNew: 1 });
      expect(proxy.connects.length).toBeGreaterThan(0);
      expect(new Set(proxy.connects)).toEqual(new Set([new URL(site.url).host]));
    } finally {
      await proxy.close();
    }
  });
});
