/**
 * Discovery on the unsafe.sh / buaq.net aggregator: the /rss.xml feed (items link to /go-<id>.html) and the home
 * listing's copy links and page links. A feed item's body is its content:encoded, or its description when that
 * is markup rather than a plain-text excerpt.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { looksLikeFeed, parseFeed } from '../common/feed.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { isUnsafeHost, roleOfUnsafeUrl, unsafeCopyId } from './urls.ts';
import { unique, withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** Menus and footer, whose links are the site's tools, not copies. */
const CHROME = 'nav, footer, .navbar, .footer, header';
const PAGINATION = '.pagination a[href], a.page-link[href], a[rel="next"], link[rel="next"]';
/** Pagination sits in a <nav> of its own; the current and disabled items are not further pages. */
const PAGINATION_CHROME = '.navbar, footer, .footer, .active, .disabled';
/** A description counts as a body only when it is markup with blocks or images, not a one-line excerpt. */
const MARKUP_BODY = /<(?:p|div|img|br|h[1-6]|ul|ol|pre|blockquote|table)\b/i;

/** Copies and further listing pages of a feed or the home listing. */
export function discoverUnsafe(page: PageInput): Discovery {
  if (looksLikeFeed(page)) {
    const feedItems = parseFeed(page, { bodyFromDescription: MARKUP_BODY });
    return { articleUrls: unique(feedItems.map((item) => item.url)), listingUrls: [], feedItems };
  }
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const links = (selector: string, chrome: string): string[] =>
    $(selector)
      .toArray()
      .filter((el) => $(el).closest(chrome).length === 0)
      .map((el) => absoluteUrl($(el).attr('href'), base))
      .filter((url): url is string => !!url && isUnsafeHost(new URL(url).hostname));
  const articleUrls = links('a[href]', CHROME).filter((url) => unsafeCopyId(url) !== null).map(withoutFragment);
  const listingUrls = links(PAGINATION, PAGINATION_CHROME).filter((url) => url !== base && roleOfUnsafeUrl(new URL(url)) === 'listing');
  return { articleUrls: unique(articleUrls), listingUrls: unique(listingUrls), feedItems: [] };
}
