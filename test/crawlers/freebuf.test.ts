/**
 * The FreeBuf adapter beyond its golden pages: identity across URL forms, roles, fetch hints, the list API's
 * paging rules and the registry entry.
 */
import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../crawlers/index.ts';
import { freebufAdapter } from '../../crawlers/freebuf/index.ts';

const json = (url: string, body: unknown) => ({ url, contentType: 'application/json', text: JSON.stringify(body) });

describe('freebuf canonicalKey', () => {
  it.each([
    'https://www.freebuf.com/articles/database/352301.html',
    'https://www.freebuf.com/articles/352301.html',
    'https://freebuf.com/news/352301.html',
    'https://www.freebuf.com/articles/web/352301.html?from=timeline#comment',
    'https://www.freebuf.com/vuls/352301.html',
  ])('keys %s by its post id', (url) => {
    expect(freebufAdapter.canonicalKey(url)).toBe('freebuf:352301');
  });

  it('gives null for pages that are not articles, and for other hosts', () => {
    expect(freebufAdapter.canonicalKey('https://www.freebuf.com/articles/web')).toBeNull();
    expect(freebufAdapter.canonicalKey('https://job.freebuf.com/articles/352301.html')).toBeNull();
    expect(freebufAdapter.canonicalKey('not a url')).toBeNull();
  });

  it('falls back to the canonical link the page declares', () => {
    const page = {
      url: 'https://www.freebuf.com/articles/web/preview',
      contentType: 'text/html',
      text: '<link rel="canonical" href="/articles/web/352399.html"><div class="content-detail"><p>正文</p></div><meta property="og:title" content="标题">',
    };
    const article = freebufAdapter.extract(page);
    expect(article?.declaredUrl).toBe('https://www.freebuf.com/articles/web/352399.html');
    expect(freebufAdapter.canonicalKey(page.url, article)).toBe('freebuf:352399');
  });
});

describe('freebuf roles and hints', () => {
  it('tells articles, listings and the API apart', () => {
    expect(freebufAdapter.roleOf(new URL('https://www.freebuf.com/news/1.html'))).toBe('article');
    expect(freebufAdapter.roleOf(new URL('https://www.freebuf.com/articles/es'))).toBe('listing');
    expect(freebufAdapter.roleOf(new URL('https://www.freebuf.com/news'))).toBe('listing');
    expect(freebufAdapter.roleOf(new URL('https://www.freebuf.com/fapi/frontend/category/list?name=web'))).toBe('listing');
    expect(freebufAdapter.roleOf(new URL('https://www.freebuf.com/write'))).toBe('other');
  });

  it('matches only the site hosts', () => {
    expect(freebufAdapter.matches(new URL('https://freebuf.com/'))).toBe(true);
    expect(freebufAdapter.matches(new URL('https://job.freebuf.com/'))).toBe(false);
    expect(freebufAdapter.matches(new URL('https://image.3001.net/x.png'))).toBe(false);
  });

  it('asks for a browser user agent and the site as referer', () => {
    expect(freebufAdapter.fetchHints.headers?.['User-Agent']).toMatch(/^Mozilla\/5\.0 /);
    expect(freebufAdapter.fetchHints.headers?.Referer).toBe('https://www.freebuf.com/');
  });

  it('is in the registry', () => {
    expect(adapterForUrl('https://www.freebuf.com/articles/352301.html')?.id).toBe('freebuf');
  });
});

describe('freebuf list API', () => {
  const api = 'https://www.freebuf.com/fapi/frontend/category/list?name=web&tag=category&limit=2';
  it('reads page 1 when the URL names none, and follows while the list is full', () => {
    const found = freebufAdapter.discover(json(api, { data: { data_list: [{ ID: '5' }, { ID: 6 }] } }));
    expect(found.articleUrls).toEqual(['https://www.freebuf.com/articles/5.html', 'https://www.freebuf.com/articles/6.html']);
    expect(found.listingUrls).toEqual([`${api}&page=2`]);
  });

  it('stops at a short list, at the total, and on anything that is not the API', () => {
    expect(freebufAdapter.discover(json(`${api}&page=3`, { data: { data_list: [{ ID: '5' }] } })).listingUrls).toEqual([]);
    expect(freebufAdapter.discover(json(`${api}&page=3`, { data: { data_list: [{ ID: '5' }, { ID: '6' }], total: 6 } })).listingUrls).toEqual([]);
    expect(freebufAdapter.discover(json(`${api}&page=3`, { code: 401, msg: 'unauthorized' }))).toEqual({ articleUrls: [], listingUrls: [], feedItems: [] });
    expect(freebufAdapter.discover({ url: api, contentType: 'application/json', text: '{"data":' }).articleUrls).toEqual([]);
  });

  it('skips items without a numeric id', () => {
    const found = freebufAdapter.discover(json(`${api}&page=1`, { data: { data_list: [{ ID: 'abc' }, null, { id: '7' }] } }));
    expect(found.articleUrls).toEqual(['https://www.freebuf.com/articles/7.html']);
  });
});

describe('freebuf extract', () => {
  it('gives null for a page with neither a body nor a __NUXT__ post', () => {
    const page = { url: 'https://www.freebuf.com/articles/1.html', contentType: 'text/html', text: '<title>404 - FreeBuf网络安全行业门户</title><div class="content-detail"></div>' };
    expect(freebufAdapter.extract(page)).toBeNull();
  });

  it('keeps a 文章来源 that real text follows (a quotation, not the credit line)', () => {
    const page = {
      url: 'https://www.freebuf.com/articles/1.html',
      contentType: 'text/html',
      text: '<span class="artical-header"><span class="title-span">标题</span></span><div class="content-detail"><p>文章来源：https://a.example/1</p><p>后面还有正文。</p></div>',
    };
    const article = freebufAdapter.extract(page);
    expect(article?.originUrl).toBeNull();
    expect(article?.text).toBe('文章来源：https://a.example/1\n\n后面还有正文。');
  });
});
