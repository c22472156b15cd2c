/**
 * The mirrors adapter: a markdown copy and the page it copies are one page (keyed through `declaredUrl` as
 * src/archive/record.ts does), and read the same text; the markdown splitter's handling of the lines a mirror
 * adds. Whole copies are covered by the golden fixtures in test/fixtures/mirrors/.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../crawlers/adapter.ts';
import { epochtimesAdapter } from '../../crawlers/epochtimes/index.ts';
import { adapterForUrl } from '../../crawlers/index.ts';
import { parseMirrorMarkdown } from '../../crawlers/mirrors/markdown.ts';
import { mirrorsAdapter } from '../../crawlers/mirrors/index.ts';
import { secretchinaAdapter } from '../../crawlers/secretchina/index.ts';
import { textHash } from '../../src/archive/identity.ts';
import { resolvePage } from '../../src/archive/record.ts';
import { openSqliteStore } from '../../storage/index.ts';
import { listCases, loadPage, type GoldenCase } from '../golden/golden-cases.ts';

function goldenCase(path: string): GoldenCase {
  const found = listCases().find((c) => `${c.source}/${c.name}` === path);
  if (!found) throw new Error(`no golden case ${path}`);
  return found;
}

function extractCase(path: string): { url: string; article: ExtractedArticle } {
  const c = goldenCase(path);
  const adapter = c.source === 'mirrors' ? mirrorsAdapter : c.source === 'epochtimes' ? epochtimesAdapter : secretchinaAdapter;
  const article = adapter.extract(loadPage(c));
  if (!article) throw new Error(`${path} extracts no article`);
  return { url: c.url, article };
}

describe('a mirror copy and its original', () => {
  const pairs = [
    { mirror: 'mirrors/epochtimes-copy', original: 'epochtimes/complete-article', adapter: epochtimesAdapter, key: 'epochtimes:n13951234' },
    { mirror: 'mirrors/secretchina-copy', original: 'secretchina/complete-article', adapter: secretchinaAdapter, key: 'secretchina:1032145' },
  ];

  for (const { mirror, original, adapter, key } of pairs) {
    it(`${mirror} keys like ${original}`, () => {
      const copy = extractCase(mirror);
      const page = extractCase(original);
      expect(mirrorsAdapter.canonicalKey(copy.url, copy.article)).toBeNull();
      expect(copy.article.declaredUrl).not.toBeNull();
      expect(adapter.canonicalKey(copy.article.declaredUrl!)).toBe(adapter.canonicalKey(page.url, page.article));
      // What keyOfOriginal in src/archive/record.ts does: the adapter of the declared URL's host keys it.
      expect(adapterForUrl(copy.article.declaredUrl!)?.canonicalKey(copy.article.declaredUrl!)).toBe(key);
    });

    it(`${mirror} reads the same title and text as ${original}`, () => {
      const copy = extractCase(mirror);
      const page = extractCase(original);
      expect(copy.article.title).toBe(page.article.title);
      expect(textHash(copy.article)).toBe(textHash(page.article));
    });
  }

  it('resolves the copy and the original to one page in the archive', async () => {
    const store = await openSqliteStore({ memory: true }, () => 0);
    try {
      const copy = extractCase('mirrors/epochtimes-copy');
      const page = extractCase('epochtimes/complete-article');
      const fromCopy = await resolvePage(store, mirrorsAdapter, 'epochtimes', 'article', copy.url, 1, copy.article);
      const fromPage = await resolvePage(store, epochtimesAdapter, 'epochtimes', 'article', page.url, 2, page.article);
      expect(fromCopy.canonicalKey).toBe('epochtimes:n13951234');
      expect(fromPage.id).toBe(fromCopy.id);
    } finally {
      await store.close();
    }
  });

  it("keys the original's own URL as its adapter does (an import resolves the copy by that URL)", () => {
    expect(mirrorsAdapter.canonicalKey('https://www.epochtimes.com/gb/23/3/14/n13951234.htm')).toBe('epochtimes:n13951234');
    expect(mirrorsAdapter.canonicalKey('https://www.secretchina.com/news/gb/2023/03/15/1032145.html')).toBe('secretchina:1032145');
    expect(mirrorsAdapter.canonicalKey('https://www.rfa.org/mandarin/a.html')).toBeNull();
    expect(mirrorsAdapter.canonicalKey('file:///tmp/mirror/n13951234.md')).toBeNull();
  });

  it('roles: a markdown file is an article, an index a listing', () => {
    expect(mirrorsAdapter.roleOf(new URL('https://github.com/gfw-breaker/banned-news/blob/master/pages/nsc413/n13951234.md'))).toBe('article');
    expect(mirrorsAdapter.roleOf(new URL('https://raw.githubusercontent.com/begood0513/goodnews/master/pages/p1/1.md'))).toBe('article');
    expect(mirrorsAdapter.roleOf(new URL('https://github.com/begood0513/goodnews/blob/master/indexes/p1.md'))).toBe('listing');
    expect(mirrorsAdapter.roleOf(new URL('https://github.com/begood0513/goodnews/blob/master/README.md'))).toBe('listing');
    expect(mirrorsAdapter.roleOf(new URL('https://github.com/begood0513/goodnews'))).toBe('other');
  });
});

describe('parseMirrorMarkdown', () => {
  it.each([
    ['原文链接（需翻墙）：https://www.epochtimes.com/gb/22/7/6/n13774436.htm', 'https://www.epochtimes.com/gb/22/7/6/n13774436.htm'],
    ['原文地址（需翻墙访问）：https://www.secretchina.com/news/gb/2020/12/02/954397.html', 'https://www.secretchina.com/news/gb/2020/12/02/954397.html'],
    ['原文链接：[https://www.epochtimes.com/gb/1/2/3/n1.htm](https://www.epochtimes.com/gb/1/2/3/n1.htm)', 'https://www.epochtimes.com/gb/1/2/3/n1.htm'],
    ["**原文网址：** <a href='https://www.rfa.org/x.html'>点此</a>", 'https://www.rfa.org/x.html'],
  ])('finds the original in %s', (line, url) => {
    expect(parseMirrorMarkdown(`### 标题\n\n<p>正文</p>\n\n${line}\n`).originalUrl).toBe(url);
  });

  it('drops navigation, promotion, share block, separators and the tracking pixel', () => {
    const parsed = parseMirrorMarkdown(
      [
        '### 标题',
        '------------------------',
        '#### [首页](../../README.md) &nbsp;|&nbsp; [翻墙](https://example.org/)',
        '#### [ 💌 推广一](https://example.org/a.md)',
        '<p>正文段落</p>',
        '<hr/>',
        '手机上长按并复制下列链接或二维码分享本文章：<br/>',
        'https://github.com/o/r/blob/master/pages/x.md <br/>',
        "<a href='https://github.com/o/r/blob/master/pages/x.md'><img src='https://github.com/o/r/blob/master/pages/x.md.png'/></a> <br/>",
        '原文地址（需翻墙访问）：https://example.com/a.html',
        "<img src='http://counter.example/x.md' width='0px' height='0px'/>",
      ].join('\n'),
    );
    expect(parsed).toEqual({ title: '标题', originalUrl: 'https://example.com/a.html', html: '<p>正文段落</p>' });
  });

  it('converts markdown paragraphs and keeps a title-less file untitled', () => {
    expect(parseMirrorMarkdown('第一段，**重点**和[链接](https://example.org/)。\n\n- 甲\n- 乙').html).toBe(
      '<p>第一段，<strong>重点</strong>和<a href="https://example.org/">链接</a>。</p>\n<ul><li>甲</li><li>乙</li></ul>',
    );
    expect(parseMirrorMarkdown('第一段').title).toBeNull();
  });

  it('gives no article for a file with a title and no text', () => {
    expect(mirrorsAdapter.extract({ url: 'https://github.com/o/r/blob/master/x.md', contentType: 'text/markdown', text: '### 只有标题\n\n---\n' })).toBeNull();
  });
});
