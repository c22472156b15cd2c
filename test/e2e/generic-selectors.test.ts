/**
 * A generic source with CSS selectors in its configuration: a crawl over loopback reads the body, title, author
 * and date where the selectors point and drops the blocks they name, where the heuristics alone would not.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericAdapter } from '../../crawlers/generic/index.ts';
import { startMutableSite, type MutableSite } from '../helpers/mutable-site.ts';
import { fastLoopbackConfig, runCli } from '../helpers/run-cli.ts';

const NOTICE = '<p>订阅本站早报：每天早上七点，把前一天最重要的十条新闻送到你的邮箱，随时可以退订，我们不会把你的地址交给任何第三方。</p>';
// The site's real body is short; its newsletter notice, inside the same column, is longer than the body.
const PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县城新闻网</title></head>
<body>
<div class="column">
  <div class="head-block"><h1 class="headline">县城图书馆延长开放时间</h1>
  <p class="byline">记者 <span class="name">方晓</span> · <time class="pubdate" datetime="2024-09-02T08:00:00+08:00">9月2日</time></p></div>
  <div class="story-text">
    <p>县图书馆从本周起延长开放时间，工作日晚上开到九点，周末全天开放。</p>
    <div class="inline-promo">${NOTICE}${NOTICE}${NOTICE}</div>
    <p>馆方说，调整是根据读者问卷做出的，夜间会增加两名值班管理员。</p>
  </div>
</div>
</body></html>`;

let site: MutableSite;

beforeAll(async () => {
  site = await startMutableSite();
  site.set('/local/library-hours.html', { page: PAGE });
});

afterAll(async () => {
  await site?.close();
});

describe('a generic source with selectors', () => {
  it('reads the configured body, title, author and date, without the configured removals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-selectors-'));
    const url = `${site.url}/local/library-hours.html`;
    const source = `sources:
  - id: county
    adapter: generic
    startUrls: [${url}]
    selectors:
      body: .story-text
      title: h1.headline
      author: .byline .name
      published: time.pubdate
      remove: [.inline-promo]
`;
    writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig(`archiveImages: false\n${source}`));
    const crawl = await runCli(['crawl', '--source', 'county', '--json'], { cwd: dir });
    expect(crawl.code, crawl.stderr).toBe(0);
    expect(JSON.parse(crawl.stdout)).toMatchObject({ articlesNew: 1 });
    const shown = await runCli(['show', url, '--json'], { cwd: dir });
    const { article } = JSON.parse(shown.stdout) as {
      article: { title: string; author: string; publishedText: string; text: string; extractorVersion: string };
    };
    expect(article).toMatchObject({ title: '县城图书馆延长开放时间', author: '方晓', publishedText: '2024-09-02T08:00:00+08:00' });
    expect(article.text).toBe('县图书馆从本周起延长开放时间，工作日晚上开到九点，周末全天开放。\n\n馆方说，调整是根据读者问卷做出的，夜间会增加两名值班管理员。');
    expect(article.extractorVersion).toMatch(/^generic-\d+\+selectors-[0-9a-f]{8}$/);
  });

  it('is needed: the heuristics alone read this page differently', () => {
    const article = genericAdapter.extract({ url: `${site.url}/local/library-hours.html`, contentType: 'text/html', text: PAGE });
    expect(article?.title).not.toBe('县城图书馆延长开放时间');
    expect(article?.text ?? '').toContain('订阅本站早报');
  });
});
