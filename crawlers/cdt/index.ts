/**
 * The China Digital Times adapter (chinadigitaltimes.net/chinese): articles with their CDT 档案卡 archive card
 * and 网络民议 comment excerpts, listings, tag and category pages, and RSS feeds. Pure: text in, data out.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { discoverCdt } from './discover.ts';
import { looksLikeFeed } from '../common/feed.ts';
import { extractCdtFeedItem, extractCdtPage } from './extract.ts';
import { isCdtHost, postIdFromUrl, roleOfCdtUrl } from './urls.ts';

export const cdtAdapter: SourceAdapter = {
  id: 'cdt',
  name: 'China Digital Times (中国数字时代)',
  extractorVersion: 'cdt-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => isCdtHost(url.hostname),
  roleOf(url: URL, page?: PageInput): PageRole {
    if (page && looksLikeFeed(page)) return 'feed';
    return roleOfCdtUrl(url);
  },
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null {
    const id = postIdFromUrl(url) ?? (extracted?.declaredUrl ? postIdFromUrl(extracted.declaredUrl) : null);
    return id ? `cdt:${id}` : null;
  },
  discover: discoverCdt,
  extract: extractCdtPage,
  extractFeedItem: extractCdtFeedItem,
};
