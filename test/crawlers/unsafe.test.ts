/**
 * The unsafe.sh / buaq.net adapter beyond its golden pages, and the shared credit-line reader
 * (crawlers/common/origin-line.ts) that it and FreeBuf use.
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../crawlers/index.ts';
import { takeOriginLine } from '../../crawlers/common/origin-line.ts';
import { unsafeAdapter } from '../../crawlers/unsafe/index.ts';

describe('unsafe canonicalKey and roles', () => {
  it.each(['https://buaq.net/go-139718.html', 'https://www.buaq.net/go-139718.html', 'https://unsafe.sh/go-139718.html'])(
    'keys %s by its copy id',
    (url) => {
      expect(unsafeAdapter.canonicalKey(url)).toBe('unsafe:139718');
    },
  );

  it('does not key the jump link to the original as the copy', () => {
    expect(unsafeAdapter.canonicalKey('https://buaq.net/jump-139718.htm')).toBeNull();
    expect(unsafeAdapter.roleOf(new URL('https://buaq.net/jump-139718.htm'))).toBe('other');
  });

  it('knows the feed, the home listing and its pages', () => {
    expect(unsafeAdapter.roleOf(new URL('https://buaq.net/rss.xml'))).toBe('feed');
    expect(unsafeAdapter.roleOf(new URL('https://buaq.net/?page=3'))).toBe('listing');
    expect(unsafeAdapter.roleOf(new URL('https://unsafe.sh/go-1.html'))).toBe('article');
  });

  it('is in the registry for both hosts', () => {
    expect(adapterForUrl('https://buaq.net/go-1.html')?.id).toBe('unsafe');
    expect(adapterForUrl('https://unsafe.sh/go-1.html')?.id).toBe('unsafe');
  });
});

describe('unsafe extract', () => {
  it('finds the header by its text when there is no jump link', () => {
    const page = {
      url: 'https://buaq.net/go-5.html',
      contentType: 'text/html',
      text: `<title>标题 - unSafe.sh - 不安全</title><div class="card"><p><small>2023-1-2 3:4:5<br>Author: www.example.org<br>阅读量:1</small></p></div>
        <div class="article-content"><p>正文一段。</p><p>文章来源: https://www.example.org/a<br> 如有侵权请联系:admin#unsafe.sh</p></div>`,
    };
    expect(unsafeAdapter.extract(page)).toMatchObject({
      title: '标题', author: 'www.example.org', publishedAt: '2023-01-02T03:04:05+08:00', originUrl: 'https://www.example.org/a', text: '正文一段。',
    });
  });

  it('takes what follows the header card when no container or credit line marks the body', () => {
    const page = {
      url: 'https://buaq.net/go-6.html',
      contentType: 'text/html',
      text: `<nav class="navbar"><a href="/">首页</a></nav><div class="wrap"><div class="card"><div class="card-title">标题二</div>
        <p><small>2023-1-2 3:4:5<br>Author: <a href="/jump-6.htm">x.example(查看原文)</a></small></p></div><hr>
        <div class="x"><p>第一段。</p></div><p>第二段。</p><footer>© unSafe.sh</footer></div>`,
    };
    expect(unsafeAdapter.extract(page)).toMatchObject({ title: '标题二', author: 'x.example', text: '第一段。\n\n第二段。', originUrl: null });
  });

  it('takes the header card out of a container that wraps the whole page', () => {
    const page = {
      url: 'https://buaq.net/go-7.html',
      contentType: 'text/html',
      text: `<article><div class="card"><div class="card-title">标题三</div><p><small>2023-1-2 3:4:5<br>Author: <a href="/jump-7.htm">y.example(查看原文)</a><br>阅读量:2</small></p></div>
        <p>正文。</p><p>文章来源: https://y.example/p</p></article>`,
    };
    expect(unsafeAdapter.extract(page)).toMatchObject({ title: '标题三', author: 'y.example', text: '正文。', originName: 'y.example' });
  });

  it('gives no article for a feed item whose description is a plain excerpt', () => {
    const item = { url: 'https://buaq.net/go-5.html', title: '标题', author: null, publishedText: null, categories: [], contentHtml: null };
    expect(unsafeAdapter.extractFeedItem(item)).toBeNull();
  });
});

describe('takeOriginLine', () => {
  const take = (html: string) => {
    const $ = cheerio.load(`<div id="body">${html}</div>`);
    const body = $('#body').get(0) as Element;
    const origin = takeOriginLine($, body, { labels: ['文章来源'], trailing: [/如有侵权/], baseUrl: 'https://www.freebuf.com/articles/1.html' });
    return { origin, rest: $(body).html() };
  };

  it('reads a bold label and a linked name, and removes the line', () => {
    expect(take('<p>正文</p><p><strong>文章来源</strong>：<a href="https://mp.weixin.qq.com/s/abc">某公众号</a></p>')).toEqual({
      origin: { url: 'https://mp.weixin.qq.com/s/abc', name: '某公众号' },
      rest: '<p>正文</p>',
    });
  });

  it('takes the name written before a bare URL and stops the URL at Chinese punctuation', () => {
    expect(take('<p>正文</p><p>文章来源：安全日报 https://a.example/x。</p>').origin).toEqual({ url: 'https://a.example/x', name: '安全日报' });
  });

  it('keeps a name without URL, and decodes Chinese in URLs for reading', () => {
    expect(take('<p>正文</p><p>文章来源：网络</p>').origin).toEqual({ url: null, name: '网络' });
    expect(take('<p>文章来源：<a href="https://a.example/%E5%81%A5%E5%BA%B7%E7%A0%81">链接</a></p>').origin?.url).toBe('https://a.example/健康码');
  });

  it('removes only its own line from a paragraph that goes on before it', () => {
    expect(take('<p>最后一句。<br>文章来源: https://a.example/1<br> 如有侵权请联系:admin#unsafe.sh</p>')).toEqual({
      origin: { url: 'https://a.example/1', name: 'a.example' },
      rest: '<p>最后一句。</p>',
    });
  });

  it('ignores a label that does not open its line, or that content follows', () => {
    expect(take('<p>他说文章来源：https://a.example/1</p>').origin).toBeNull();
    expect(take('<p>文章来源：https://a.example/1</p><p>正文继续。</p>').origin).toBeNull();
    expect(take('<p>文章来源：</p>').origin).toBeNull();
  });
});
