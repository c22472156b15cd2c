/**
 * Discovery on a mirror's index files (indexes/<channel>.md, README.md): each article is a markdown link
 * `#### [title](../pages/<channel>/<id>.md)`. Links stay inside the mirror's repository; other indexes of the
 * same repository are further listings.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { repositoryOf, roleOfMirrorUrl } from './urls.ts';

const MARKDOWN_LINK = /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Article and index URLs an index file links to, in its repository. */
export function discoverMirror(page: PageInput): Discovery {
  const base = page.finalUrl ?? page.url;
  const home = URL.canParse(base) ? repositoryOf(new URL(base)) : null;
  const articleUrls: string[] = [];
  const listingUrls: string[] = [];
  for (const match of page.text.matchAll(MARKDOWN_LINK)) {
    const url = absoluteUrl(match[1], base);
    if (!url || url === base) continue;
    const parsed = new URL(url);
    if (!home || repositoryOf(parsed) !== home) continue;
    parsed.hash = '';
    parsed.search = '';
    const role = roleOfMirrorUrl(parsed);
    if (role === 'article') articleUrls.push(parsed.href);
    else if (role === 'listing' && parsed.href !== base) listingUrls.push(parsed.href);
  }
  return { articleUrls: [...new Set(articleUrls)], listingUrls: [...new Set(listingUrls)], feedItems: [] };
}
