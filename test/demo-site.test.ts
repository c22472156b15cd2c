/**
 * Checks the demo site (scripts/demo-site/): it starts and stops, serves listings, feeds, a GBK page and a
 * 404 for the deleted post, answers byte-identical pages for both URL forms and repeated requests, and lets
 * a path be overridden and restored.
 */
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../scripts/demo-site/server.ts';

/** Throws unless the text is well-formed XML (balanced tags, valid entities, quoted attributes). */
function assertWellFormedXml(xml: string): void {
  const text = xml
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  const checkText = (chunk: string): void => {
    if (chunk.includes('<')) throw new Error(`stray '<' near: ${chunk.slice(0, 80)}`);
    const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(chunk);
    if (entity) throw new Error(`bad entity near: ${chunk.slice(entity.index, entity.index + 20)}`);
  };
  for (const match of text.matchAll(tag)) {
    checkText(text.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    const [, closing, name = '', , selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  checkText(text.slice(last));
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}

async function get(site: DemoSite, path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('demo site', () => {
  let site: DemoSite;

  beforeAll(async () => {
    site = await startDemoSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it('starts on 127.0.0.1 and stops', async () => {
    const other = await startDemoSite({ host: '127.0.0.1' });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(other, '/robots.txt')).status).toBe(200);
    await other.close();
    await expect(fetch(`${other.url}/robots.txt`)).rejects.toThrow();
  });

  it('describes its articles', () => {
    expect(site.articles).toHaveLength(12);
    const ids = site.articles.map((a) => a.id).sort();
    expect(ids[0]).toBe(700101);
    expect(ids[11]).toBe(700112);
    const old = site.articles.find((a) => a.id === 700101);
    expect(old?.path).toBe('/chinese/2020/03/clinic-doctor-warning-post-deleted/');
    expect(old?.paths).toContain('/chinese/700101.html');
    expect(site.articles.filter((a) => a.hasComments).length).toBeGreaterThanOrEqual(3);
    expect(site.articles.filter((a) => !a.hasCard).length).toBeGreaterThanOrEqual(2);
    expect(site.articles.filter((a) => a.encoding === 'gbk')).toHaveLength(1);
    expect(site.deadPaths).toEqual(['/chinese/799999.html']);
  });

  it('lists the latest 5 articles on /chinese/ with pagination to page 2', async () => {
    const home = await get(site, '/chinese/');
    expect(home.status).toBe(200);
    const $ = cheerio.load(home.bytes.toString('utf8'));
    const links = $('main article h2.entry-title a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(links).toHaveLength(5);
    const newest = site.articles.slice(0, 5).map((a) => `${site.url}${a.path}`);
    expect(links).toEqual(newest);
    expect($('nav.pagination a.page-numbers').first().attr('href')).toBe(`${site.url}/chinese/page/2/`);
    expect($('nav.pagination a.next').attr('href')).toBe(`${site.url}/chinese/page/2/`);
    expect((await get(site, '/chinese/page/2/')).status).toBe(200);
    expect((await get(site, '/chinese/page/3/')).status).toBe(200);
    expect((await get(site, '/chinese/page/4/')).status).toBe(404);
  });

  it('links the deleted article from page 2 and answers it with a 404 page', async () => {
    const page2 = (await get(site, '/chinese/page/2/')).bytes.toString('utf8');
    expect(page2).toContain(`${site.url}/chinese/799999.html`);
    const dead = await get(site, '/chinese/799999.html');
    expect(dead.status).toBe(404);
    expect(dead.bytes.toString('utf8')).toContain('error404');
    expect((await get(site, '/no/such/path')).status).toBe(404);
  });

  it('serves an RSS feed whose items carry content:encoded', async () => {
    const feed = await get(site, '/chinese/feed');
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('application/rss+xml');
    const xml = feed.bytes.toString('utf8');
    expect(() => assertWellFormedXml(xml)).not.toThrow();
    const $ = cheerio.load(xml, { xml: true });
    const items = $('rss > channel > item');
    expect(items.length).toBe(12);
    items.each((_, item) => {
      const content = $(item).find('content\\:encoded').text();
      expect(content).toContain('addtoany_share_save_container');
      expect($(item).find('link').text()).toMatch(/\/chinese\/\d+\.html$/);
      expect($(item).find('pubDate').text()).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
    });
    const category = await get(site, `/chinese/category/${encodeURIComponent('404文库')}/feed`);
    expect(category.status).toBe(200);
    expect(() => assertWellFormedXml(category.bytes.toString('utf8'))).not.toThrow();
    expect(cheerio.load(category.bytes.toString('utf8'), { xml: true })('item').length).toBe(3);
  });

  it('puts the same post content in the feed as on the page', async () => {
    const article = site.articles.find((a) => a.id === 700107);
    const page = cheerio.load((await get(site, '/chinese/700107.html')).bytes.toString('utf8'));
    const feed = cheerio.load((await get(site, '/chinese/feed')).bytes.toString('utf8'), { xml: true });
    const item = feed('item').filter((_, el) => feed(el).find('link').text() === article?.feedUrl);
    const fromFeed = cheerio.load(item.find('content\\:encoded').text(), null, false).html();
    expect(page('div.post-content').html()).toBe(fromFeed);
  });

  it('serves the GBK article as GBK bytes', async () => {
    const gbk = site.articles.find((a) => a.encoding === 'gbk');
    expect(gbk).toBeDefined();
    const page = await get(site, gbk?.path ?? '');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=GBK');
    expect(page.bytes.toString('utf8')).not.toContain(gbk?.title ?? '');
    const text = new TextDecoder('gbk').decode(page.bytes);
    expect(text).toContain(`<title>${gbk?.title} - 中国数字时代</title>`);
    expect(text).toContain('<meta http-equiv="Content-Type" content="text/html; charset=gbk">');
  });

  it('serves /chinese/<id> and /chinese/<id>.html with the same bytes', async () => {
    for (const article of site.articles) {
      const pages = await Promise.all(article.paths.map((path) => get(site, path)));
      for (const page of pages) {
        expect(page.status).toBe(200);
        expect(page.bytes.equals(pages[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
      }
    }
    const old = await get(site, '/chinese/2020/03/clinic-doctor-warning-post-deleted/');
    expect(old.bytes.toString('utf8')).toContain(`<link rel='shortlink' href='${site.url}/chinese/?p=700101'>`);
    const short = await get(site, '/chinese/?p=700101');
    expect(short.status).toBe(301);
  });

  it('answers identical bytes to repeated requests', async () => {
    for (const path of ['/chinese/', '/chinese/700105.html', '/chinese/feed', '/chinese/category/%E7%BD%91%E7%BB%9C%E6%B0%91%E8%AE%AE/']) {
      const [a, b] = await Promise.all([get(site, path), get(site, path)]);
      expect(a.status).toBe(200);
      expect(a.bytes.equals(b.bytes)).toBe(true);
    }
  });

  it('serves images as PNG', async () => {
    const article = site.articles.find((a) => a.id === 700107);
    for (const src of article?.images ?? []) {
      const image = await get(site, new URL(src).pathname);
      expect(image.status).toBe(200);
      expect(image.type).toBe('image/png');
      expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect(article?.images.some((src) => src.includes('/cdn-cgi/image/'))).toBe(true);
  });

  it('overrides a path and restores it', async () => {
    const path = '/chinese/700110.html';
    const before = await get(site, path);
    site.setOverride(path, { status: 200, body: '<html><body>此内容因违规无法查看</body></html>' });
    const censored = await get(site, path);
    expect(censored.status).toBe(200);
    expect(censored.bytes.toString('utf8')).toContain('此内容因违规无法查看');
    site.setOverride(path, { status: 410 });
    const gone = await get(site, path);
    expect(gone.status).toBe(410);
    expect(gone.bytes.toString('utf8')).toContain('error404');
    site.setOverride(path, null);
    const after = await get(site, path);
    expect(after.status).toBe(200);
    expect(after.bytes.equals(before.bytes)).toBe(true);
  });
});
