/**
 * The Epoch Times adapter (大纪元, www.epochtimes.com, simplified /gb/ and traditional /b5/ editions): articles
 * keyed by their n-number, with dateline, reporter and featured image, and category, column and tag listings.
 * Pure: text in, data out. Mirror copies of its articles are read by crawlers/mirrors with body.ts.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { discoverEpochTimes } from './discover.ts';
import { extractEpochTimesPage } from './extract.ts';
import { epochTimesKey, isEpochTimesHost, roleOfEpochTimesUrl } from './urls.ts';

export const epochtimesAdapter: SourceAdapter = {
  id: 'epochtimes',
  name: 'The Epoch Times (大纪元)',
  extractorVersion: 'epochtimes-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => isEpochTimesHost(url.hostname),
  roleOf(url: URL, _page?: PageInput): PageRole {
    return roleOfEpochTimesUrl(url);
  },
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null {
    return epochTimesKey(url) ?? (extracted?.declaredUrl ? epochTimesKey(extracted.declaredUrl) : null);
  },
  discover: discoverEpochTimes,
  extract: extractEpochTimesPage,
  // The adapter reads no feeds: their items are fetched as pages.
  extractFeedItem: () => null,
};
