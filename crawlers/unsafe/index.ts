/**
 * The unsafe.sh / buaq.net adapter (PaperCache, 不安全资讯): copies of security articles with the original's
 * host, date and 文章来源 URL, the home listing and the /rss.xml feed. Pure: text in, data out.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { discoverUnsafe } from './discover.ts';
import { looksLikeFeed } from '../common/feed.ts';
import { extractUnsafeFeedItem, extractUnsafePage } from './extract.ts';
import { isUnsafeHost, roleOfUnsafeUrl, unsafeCopyId } from './urls.ts';

/** The aggregator: keys `unsafe:<copy id>` from /go-<id>.html on either host. */
export const unsafeAdapter: SourceAdapter = {
  id: 'unsafe',
  name: 'unSafe.sh / buaq.net (PaperCache)',
  extractorVersion: 'unsafe-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => isUnsafeHost(url.hostname),
  roleOf(url: URL, page?: PageInput): PageRole {
    if (page && looksLikeFeed(page)) return 'feed';
    return roleOfUnsafeUrl(url);
  },
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null {
    // The same copy id names the copy on unsafe.sh and on buaq.net.
    const id = unsafeCopyId(url) ?? (extracted?.declaredUrl ? unsafeCopyId(extracted.declaredUrl) : null);
    return id ? `unsafe:${id}` : null;
  },
  discover: discoverUnsafe,
  extract: extractUnsafePage,
  extractFeedItem: extractUnsafeFeedItem,
};
