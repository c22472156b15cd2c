/**
 * The FreeBuf adapter (freebuf.com, 网络安全行业门户): articles with their 文章来源 credit line, read from the
 * markup or from `window.__NUXT__`, category pages and the category list API. Pure: text in, data out.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { discoverFreebuf, looksLikeJson } from './discover.ts';
import { extractFreebufPage } from './extract.ts';
import { freebufPostId, isFreebufHost, roleOfFreebufUrl } from './urls.ts';

/** FreeBuf's firewall turns away clients that do not look like a browser coming from the site. */
const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** FreeBuf: keys `freebuf:<post id>` from any article URL form. */
export const freebufAdapter: SourceAdapter = {
  id: 'freebuf',
  name: 'FreeBuf (网络安全行业门户)',
  extractorVersion: 'freebuf-1',
  fetchHints: {
    headers: {
      'User-Agent': BROWSER_USER_AGENT,
      Referer: 'https://www.freebuf.com/',
      'Accept-Language': 'zh-CN,zh;q=0.9',
    },
  },
  notices: [],
  matches: (url: URL) => isFreebufHost(url.hostname),
  roleOf(url: URL, page?: PageInput): PageRole {
    if (page && looksLikeJson(page)) return 'listing';
    return roleOfFreebufUrl(url);
  },
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null {
    const id = freebufPostId(url) ?? (extracted?.declaredUrl ? freebufPostId(extracted.declaredUrl) : null);
    return id ? `freebuf:${id}` : null;
  },
  discover: discoverFreebuf,
  extract: extractFreebufPage,
  extractFeedItem: () => null,
};
