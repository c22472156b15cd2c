/**
 * The generic adapter's body scorer and metadata reader on markup the golden fixtures (test/fixtures/generic)
 * do not repeat: link-heavy blocks against prose, Chinese prose without spaces, JSON-LD author shapes, and
 * dispatch as the last adapter of the registry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { findMainContent, paragraphScore } from '../../crawlers/generic/content-score.ts';
import { linkDensity } from '../../crawlers/generic/text-measures.ts';
import { genericAdapter } from '../../crawlers/generic/index.ts';
import { readMetadata } from '../../crawlers/generic/metadata.ts';
import { adapterForUrl, adapters } from '../../crawlers/index.ts';

const PROSE =
  '市场监管部门近日通报了一批抽检结果，涉及食用油、面粉和儿童零食等品类。其中三家企业的产品标签与实际成分不符，已被责令下架整改，' +
  '相关负责人表示将配合调查。';

function mainText(html: string): string {
  const $ = cheerio.load(html);
  const content = findMainContent($);
  return content ? $(content).text().replace(/\s+/g, '') : '';
}

describe('generic paragraphScore', () => {
  it('gives nothing to a line too short to be prose', () => {
    expect(paragraphScore('首页 国内 国际')).toBe(0);
  });

  it('scores Chinese prose without spaces by its characters and punctuation', () => {
    expect(paragraphScore(PROSE)).toBeGreaterThan(5);
    expect(paragraphScore(PROSE)).toBeGreaterThan(paragraphScore('首页 国内 国际 财经 科技 体育 娱乐 汽车 房产 教育 健康 旅游 时尚'));
  });
});

describe('generic findMainContent', () => {
  it('lets prose win over a link-heavy block with more text', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/n/${i}.html">第${i}条：某地出台新规，涉及住房、教育和医疗等多个方面，引发广泛讨论。</a></li>`).join('');
    const text = mainText(`<body><div class="list"><ul>${links}</ul></div><div><p>${PROSE}</p><p>${PROSE}</p></div></body>`);
    expect(text).toContain('市场监管部门');
    expect(text).not.toContain('某地出台新规');
  });

  it('prefers Chinese prose without spaces to a long run of spaced words without punctuation', () => {
    const cloud = Array.from({ length: 40 }, () => '标签 热词 专题').join(' ');
    const text = mainText(`<body><div><p>${cloud}</p></div><div><p>${PROSE}</p><p>${PROSE}</p></div></body>`);
    expect(text).toContain('市场监管部门');
    expect(text).not.toContain('热词');
  });

  it('drops comment and share blocks inside the winning container', () => {
    const text = mainText(
      `<body><div class="content"><p>${PROSE}</p><div class="share-bar"><a href="#">微博</a><a href="#">微信</a></div>` +
        `<p>${PROSE}</p><div class="comment-list"><p>网友：这样的企业就应该重罚，不然永远不会改，消费者的权益谁来保护？</p></div></div></body>`,
    );
    expect(text).toContain('市场监管部门');
    expect(text).not.toContain('微博');
    expect(text).not.toContain('网友');
  });

  it('keeps sibling paragraphs that belong to the body', () => {
    const text = mainText(`<body><div><div class="text"><p>${PROSE}</p><p>${PROSE}</p></div><p>记者 王小明 报道。</p></div></body>`);
    expect(text).toContain('记者王小明报道。');
  });

  it('finds nothing on a page without prose', () => {
    expect(mainText('<body><div><a href="/">首页</a> <a href="/a">国内</a></div></body>')).toBe('');
  });

  it('takes the block the page declares as its article body over a longer one it does not', () => {
    const other = `<div class="box"><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div>`;
    const declared = '<div itemprop="articleBody"><p>区政府昨天公布了新的垃圾分类办法，下月起在全区推行，违规投放的单位将被处以罚款。</p></div>';
    const text = mainText(`<body>${other}${declared}</body>`);
    expect(text).toContain('垃圾分类办法');
    expect(text).not.toContain('市场监管部门');
  });

  it('reads loose text in an article element as its paragraphs', () => {
    const loose = `<article>${PROSE}<br><br>${PROSE.replace('市场监管部门', '质检机构')}</article>`;
    const text = mainText(`<body><div class="teaser"><p>推荐阅读：城市更新中的老街区，如何留住人情味和烟火气？</p></div><div>${loose}</div></body>`);
    expect(text).toContain('质检机构');
    expect(text).not.toContain('推荐阅读');
  });

  it('never reads a dialog or a hidden block as the body, unless it holds most of the page', () => {
    const dialog = `<div role="dialog" class="content"><p>${PROSE}</p></div>`;
    const night = '<p>公交集团宣布，明年起夜班线路增加到十二条，覆盖全部地铁站，末班车时间延后到凌晨一点。</p>';
    const body = `<div>${night}${night.replace('公交集团', '地铁公司')}${night.replace('公交集团', '出租车公司')}</div>`;
    expect(mainText(`<body>${dialog}${body}</body>`)).not.toContain('市场监管部门');
    // A site that hides its whole article until a script runs still has an article.
    expect(mainText(`<body><div style="display: none"><p>${PROSE}</p><p>${PROSE}</p></div><p>页脚</p></body>`)).toContain('市场监管部门');
  });

  it('keeps an embedded post in a social box, which is quoted material', () => {
    const tweet = '<div class="social-embed"><blockquote class="twitter-tweet"><p>这条微博被转发了上万次，评论区却在一小时后关闭。</p></blockquote></div>';
    const text = mainText(`<body><div class="text"><p>${PROSE}</p>${tweet}<p>${PROSE}</p></div></body>`);
    expect(text).toContain('评论区却在一小时后关闭');
  });

  it('measures link density by characters', () => {
    const $ = cheerio.load('<div id="d">一二三四五六七八<a href="/">九十</a></div>');
    expect(linkDensity($, $('#d').get(0)!)).toBeCloseTo(0.2);
  });
});

describe('generic metadata', () => {
  const meta = (head: string) => readMetadata(cheerio.load(`<html><head>${head}</head><body><h1>页面标题</h1></body></html>`), 'https://example.org/a/1.html');

  it('reads a JSON-LD author as a string, an object or an array', () => {
    const ld = (author: unknown) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'H', author })}</script>`;
    expect(meta(ld('张三')).author).toBe('张三');
    expect(meta(ld({ '@type': 'Person', name: '李四' })).author).toBe('李四');
    expect(meta(ld([{ name: '张三' }, '李四', { name: '张三' }])).author).toBe('张三、李四');
  });

  it('skips a broken JSON-LD block and an OpenGraph author that is a profile URL', () => {
    const found = meta(
      '<script type="application/ld+json">{ broken</script><meta property="article:author" content="https://facebook.com/someone">' +
        '<meta name="author" content="王五"><title>页面标题 - 某网站</title>',
    );
    expect(found).toMatchObject({ title: '页面标题', author: '王五', publishedText: null, declaredUrl: null });
  });

  it('takes <title> without the site name when there is no h1 it repeats', () => {
    const $ = cheerio.load('<html><head><title>县城新闻一则_东方门户网</title></head><body></body></html>');
    expect(readMetadata($, 'https://example.org/').title).toBe('县城新闻一则');
  });
});

describe('generic adapter', () => {
  it('handles every http(s) URL, and is dispatched last', () => {
    expect(genericAdapter.matches(new URL('http://news.example.org/a.html'))).toBe(true);
    expect(genericAdapter.matches(new URL('ftp://example.org/x'))).toBe(false);
    expect(adapters.at(-1)).toBe(genericAdapter);
    expect(adapterForUrl('http://news.example.org/a.html')?.id).toBe('generic');
    expect(adapterForUrl('https://chinadigitaltimes.net/chinese/700107.html')?.id).toBe('cdt');
  });

  it('keys by the normalised URL and calls pages articles unless they are feeds', () => {
    expect(genericAdapter.canonicalKey('https://example.org/a/1.html', null)).toBeNull();
    expect(genericAdapter.roleOf(new URL('https://example.org/'))).toBe('article');
    const feed = { url: 'https://example.org/feed', contentType: 'application/rss+xml', text: '<rss><channel></channel></rss>' };
    expect(genericAdapter.roleOf(new URL(feed.url), feed)).toBe('feed');
  });

  it('reads a CDT page sensibly without knowing CDT', () => {
    const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cdt', 'full-card', 'page.html'), 'utf8');
    const article = genericAdapter.extract({ url: 'https://chinadigitaltimes.net/chinese/700107.html', contentType: 'text/html', text });
    expect(article?.title).toBe('【网络民议】某市“便民码”数据库被挂网出售，官方称“正在核实”，网友：我的信息比我先出国');
    expect(article?.column).toBe('网络民议');
    expect(article?.publishedAt).toBe('2022-08-12T19:30:00+08:00');
    expect(article?.text).toContain('8月11日晚，一则帖子出现在某境外数据交易论坛上。');
    expect(article?.images.length).toBeGreaterThan(0);
  });
});
