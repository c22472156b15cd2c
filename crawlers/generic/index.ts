/**
 * The generic adapter: the fallback for any news site the other adapters do not know. It reads JSON-LD,
 * OpenGraph and meta tags for metadata and finds the body by scoring the page's prose (content-score.ts);
 * it reads RSS and Atom feeds too. A source may configure an instance with CSS selectors (selectors.ts). Pure:
 * text in, data out. Registered last in crawlers/index.ts.
 */
import { createHash } from 'node:crypto';
import type { PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { looksLikeFeed } from '../common/feed.ts';
import { discoverGeneric } from './discover.ts';
import { extractGenericFeedItem, extractGenericPage } from './extract.ts';
import type { GenericSelectors } from './selectors.ts';


/**
 * A generic adapter for one source, with the CSS selectors its configuration gives. The extractor version
 * names the selectors, so captures read with other selectors can be told apart and re-extracted.
 */
export function createGenericAdapter(selectors: GenericSelectors = {}): SourceAdapter {
  const configured = Object.values(selectors).some((value) => (Array.isArray(value) ? value.length > 0 : !!value));
  const fingerprint = createHash('sha256').update(JSON.stringify(selectors)).digest('hex').slice(0, 8);
  return {
    id: 'generic',
    name: 'Any news site (JSON-LD, OpenGraph, readability-style body)',
    extractorVersion: configured ? `generic-2+selectors-${fingerprint}` : 'generic-2',
    fetchHints: {},
    notices: [],
    matches: (url: URL) => url.protocol === 'http:' || url.protocol === 'https:',
    roleOf(_url: URL, page?: PageInput): PageRole {
      return page && looksLikeFeed(page) ? 'feed' : 'article';
    },
    // A page's own URLs say nothing stable about identity on an unknown site; the archive keys by the normalised URL.
    canonicalKey: () => null,
    discover: discoverGeneric,
    extract: (page) => extractGenericPage(page, selectors),
    extractFeedItem: extractGenericFeedItem,
  };
}

/** Handles every http(s) URL; pages are keyed by their normalised URL. */
export const genericAdapter: SourceAdapter = createGenericAdapter();
