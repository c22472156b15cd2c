/**
 * The secretchina adapter (看中国, www.secretchina.com, /news/gb/ and /news/b5/): articles keyed by their
 * number, with dateline, bylines and the hidden-span and promotion clean-up, and channel listings. Pure: text
 * in, data out. Mirror copies of its articles are read by crawlers/mirrors with body.ts.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { discoverSecretChina } from './discover.ts';
import { extractSecretChinaPage } from './extract.ts';
import { isSecretChinaHost, roleOfSecretChinaUrl, secretChinaKey } from './urls.ts';

export const secretchinaAdapter: SourceAdapter = {
  id: 'secretchina',
  name: 'secretchina (看中国)',
  extractorVersion: 'secretchina-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => isSecretChinaHost(url.hostname),
  roleOf(url: URL, _page?: PageInput): PageRole {
    return roleOfSecretChinaUrl(url);
  },
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null {
    return secretChinaKey(url) ?? (extracted?.declaredUrl ? secretChinaKey(extracted.declaredUrl) : null);
  },
  discover: discoverSecretChina,
  extract: extractSecretChinaPage,
  // The adapter reads no feeds (/news/gb/p1.xml …): their items are fetched as pages.
  extractFeedItem: () => null,
};
