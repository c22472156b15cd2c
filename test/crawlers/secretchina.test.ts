/**
 * The secretchina adapter's URL rules and body clean-up on markup the golden fixtures do not repeat: the
 * promotion as loose text in the article box, nested hidden spans, the empty shells ad slots leave
 * (crawlers/common/empty-blocks.ts).
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { removeEmptyBlocks } from '../../crawlers/common/empty-blocks.ts';
import { adapterForUrl } from '../../crawlers/index.ts';
import { readSecretChinaBody } from '../../crawlers/secretchina/body.ts';
import { secretchinaAdapter } from '../../crawlers/secretchina/index.ts';

const BASE = 'https://www.secretchina.com/news/gb/2023/03/15/1032145.html';

function read(html: string) {
  const $ = cheerio.load(`<div class="article_right">${html}</div>`);
  return readSecretChinaBody($, $('.article_right').get(0) as Element, BASE);
}

describe('secretchina canonicalKey', () => {
  it.each([
    'https://www.secretchina.com/news/gb/2020/12/03/953546.html',
    'https://secretchina.com/news/b5/2020/12/03/953546.html',
    'https://m.secretchina.com/news/gb/2020/12/03/953546.html',
    'http://cn.secretchina.com/news/gb/2020/12/03/953546.html.%E6%A0%87%E9%A2%98.html',
    'https://www.secretchina.com/news/gb/2020/12/03/953546.html#comment',
  ])('keys %s by its number', (url) => {
    expect(secretchinaAdapter.canonicalKey(url)).toBe('secretchina:953546');
  });

  it('gives no key for listings and feeds', () => {
    expect(secretchinaAdapter.canonicalKey('https://www.secretchina.com/news/gb/tag/%E5%81%A5%E5%BA%B7%E7%A0%81')).toBeNull();
    expect(secretchinaAdapter.canonicalKey('https://www.secretchina.com/news/gb/p1.xml')).toBeNull();
  });

  it.each([
    ['https://www.secretchina.com/news/gb/2020/12/03/953546.html', 'article'],
    ['https://www.secretchina.com/news/gb/index.html', 'listing'],
    ['https://www.secretchina.com/news/b5/p4.html', 'listing'],
    ['https://www.secretchina.com/', 'listing'],
    ['https://www.secretchina.com/news/gb/p1.xml', 'other'],
    ['https://www.secretchina.com/kzgd/subscribe.html', 'other'],
  ])('%s is %s', (url, role) => {
    expect(secretchinaAdapter.roleOf(new URL(url))).toBe(role);
  });

  it('is the adapter for secretchina hosts only', () => {
    expect(adapterForUrl('https://www.secretchina.com/news/gb/2020/12/03/953546.html')?.id).toBe('secretchina');
    expect(secretchinaAdapter.matches(new URL('https://notsecretchina.com/news/gb/1.html'))).toBe(false);
  });
});

describe('secretchina body', () => {
  it('drops the promotion and all after it, even as loose text after a closed <p>', () => {
    const body = read(
      '<p>正文第一段。</p><p>正文第二段。</p><p style="margin-bottom:12px;"><hr style="border-top: 1px dashed"><br>' +
        '【诚征荣誉会员】请支持我们。<a href="/kzgd/subscribe.html">荣誉会员</a><center><img src="/kzgd/ad/a.gif"></center></p>' +
        '<center><div id="txt-mid2-t22-2017"><ins class="adsbygoogle"></ins></div></center>',
    );
    expect(body.sanitized.html).toBe('<p>正文第一段。</p><p>正文第二段。</p>');
    expect(body.sanitized.images).toEqual([]);
  });

  it('drops hidden anti-copy spans, ad slots and the short-URL line, keeping the text around them', () => {
    const body = read(
      '<div id="txt-mid1-t21-2017"><div id="SC-22">广告</div></div>' +
        '<p>前文<span id="hideid" name="hideid" style="color:red;display:none;"><a href="https://www.secretchina.com">看中国</a></span>后文</p>' +
        '<center><div style="display: none;"><div id="taboola-mid-article-thumbnails"></div></div></center>' +
        '<p>本文短网址: <input value="http://kzg.io/x"> 版权所有。</p>',
    );
    expect(body.sanitized.html).toBe('<p>前文后文</p>');
    expect(body.sanitized.text).toBe('前文后文');
  });

  it('reads the 来源 line as the source only when it names another outlet', () => {
    expect(read('<p>正文。</p><p>来源：美国之音</p>').sourceName).toBe('美国之音');
    const own = read('<p>正文。</p><p>来源:<a href="/news/gb/tag/看中国">看中国</a></p>');
    expect(own.sourceName).toBeNull();
    expect(own.sanitized.text).toBe('正文。');
  });
});

describe('removeEmptyBlocks', () => {
  it('removes nested empty shells and layout whitespace, keeps media and inline spacing', () => {
    const $ = cheerio.load('<div id="r">\n  <center><div><span> </span></div></center>\n  <p>a <b>b</b> c</p>\n  <div><img src="x.png"></div>\n</div>');
    const root = $('#r').get(0) as Element;
    removeEmptyBlocks($, root);
    expect($(root).html()).toBe('<p>a <b>b</b> c</p><div><img src="x.png"></div>');
  });
});
