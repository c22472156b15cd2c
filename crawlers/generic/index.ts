/**
 * The generic adapter: the fallback for any news site the other adapters do not know. It reads JSON-LD,
 * OpenGraph and meta tags for metadata and finds the body by scoring the page's prose (content-score.ts);
 * it reads RSS and Atom feeds too. Pure: text in, data out. Registered last in crawlers/index.ts.
 */
import type { PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { looksLikeFeed } from '../cdt/discover.ts';
import { discoverGeneric } from './discover.ts';
import { extractGenericFeedItem, extractGenericPage } from './extract.ts';

/** Handles every http(s) URL; pages are keyed by their normalised URL. */
export const genericAdapter: SourceAdapter = {
  id: 'generic',
  name: 'Any news site (JSON-LD, OpenGraph, readability-style body)',
  extractorVersion: 'generic-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => url.protocol === 'http:' || url.protocol === 'https:',
  roleOf(_url: URL, page?: PageInput): PageRole {
    return page && looksLikeFeed(page) ? 'feed' : 'article';
  },
  // A page's own URLs say nothing stable about identity on an unknown site; the archive keys by the normalised URL.
  canonicalKey: () => null,
  discover: discoverGeneric,
  extract: extractGenericPage,
  extractFeedItem: extractGenericFeedItem,
};
