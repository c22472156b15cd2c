/**
 * Discovery on any news site: the items of an RSS or Atom feed (read by crawlers/cdt/discover.ts's parser), or
 * the same-host links of an HTML page whose paths look like articles, and its pagination links.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { looksLikeFeed, parseFeed } from '../common/feed.ts';
import { unique, withoutFragment } from '../common/links.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { isChrome } from './boilerplate.ts';
import { parsePage } from '../common/html.ts';

/** Article paths: a long number (an id or a compact date), a dated folder, or a static page. */
const ARTICLE_PATH = /\d{5,}|\/(?:19|20)\d{2}[-/]?\d{1,2}(?:[-/]?\d{1,2})?\/|\.s?html?$/i;
/** Static pages that are listings rather than articles: index.html, index_2.shtml, list_3.htm. */
const LISTING_PATH = /\/(?:index|list|default)(?:[_-]\d+)?\.s?html?$/i;
const PAGINATION = 'link[rel~="next"], a[rel~="next"], .pagination a, .pager a, .page-numbers, a.next, .page-nav a';
const NEXT_TEXT = /^(?:下一?页|下页|后页|next(?: page)?|older posts|[›»>]+)$/i;

/** What a page or feed points to on its own site. */
export function discoverGeneric(page: PageInput): Discovery {
  if (looksLikeFeed(page)) {
    const feedItems = parseFeed(page);
    return { articleUrls: unique(feedItems.map((item) => item.url)), listingUrls: [], feedItems };
  }
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const here = withoutFragment(base);
  const host = new URL(base).host;
  const sameSite = (url: string | null): url is string => !!url && new URL(url).host === host && withoutFragment(url) !== here;
  const listingUrls = unique(
    [
      ...$(PAGINATION).toArray(),
      ...$('a[href]')
        .toArray()
        .filter((el) => NEXT_TEXT.test($(el).text().replace(/\s+/g, ' ').trim())),
    ]
      .map((el) => absoluteUrl($(el).attr('href'), base))
      .filter(sameSite)
      .map(withoutFragment),
  );
  const listings = new Set(listingUrls);
  const articleUrls = unique(
    $('a[href]')
      .toArray()
      // Menus and footers link to the site's own pages (about.html, copyright.html), not to articles.
      .filter((el) => !$(el).closest('nav, header, footer').length && !$(el).parents().toArray().some(isChrome))
      .map((el) => absoluteUrl($(el).attr('href'), base))
      .filter(sameSite)
      .map(withoutFragment)
      .filter((url) => {
        const path = new URL(url).pathname;
        return !listings.has(url) && ARTICLE_PATH.test(path) && !LISTING_PATH.test(path);
      }),
  );
  return { articleUrls, listingUrls, feedItems: [] };
}
