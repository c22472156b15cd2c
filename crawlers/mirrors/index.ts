/**
 * The mirrors adapter: markdown copies of censored articles kept in GitHub repositories (gfw-breaker/*,
 * begood0513/goodnews) on github.com and raw.githubusercontent.com. A copy names its original (原文链接 /
 * 原文地址), and is keyed like it: see `canonicalKey`. Pure: text in, data out.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../adapter.ts';
import { epochTimesKey, isEpochTimesHost } from '../epochtimes/urls.ts';
import { isSecretChinaHost, secretChinaKey } from '../secretchina/urls.ts';
import { discoverMirror } from './discover.ts';
import { extractMirrorPage } from './extract.ts';
import { isMirrorHost, roleOfMirrorUrl } from './urls.ts';

export const mirrorsAdapter: SourceAdapter = {
  id: 'mirrors',
  name: 'GitHub markdown mirrors',
  extractorVersion: 'mirrors-1',
  fetchHints: {},
  notices: [],
  matches: (url: URL) => isMirrorHost(url.hostname),
  roleOf(url: URL, _page?: PageInput): PageRole {
    return roleOfMirrorUrl(url);
  },
  /**
   * A copy's own URL never keys it: the archive keys it like its original through `declaredUrl`
   * (src/archive/record.ts), so the copy and the original are one page. Asked about the original's URL itself
   * (as an import of a copy does), the original's key is given, so both ways end on the same page.
   */
  canonicalKey(url: string, _extracted?: ExtractedArticle | null): string | null {
    if (!URL.canParse(url)) return null;
    const host = new URL(url).hostname;
    if (isEpochTimesHost(host)) return epochTimesKey(url);
    if (isSecretChinaHost(host)) return secretChinaKey(url);
    return null;
  },
  discover: discoverMirror,
  extract: extractMirrorPage,
  extractFeedItem: () => null,
};
