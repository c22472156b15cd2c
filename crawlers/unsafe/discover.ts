/**
 * Discovery on the unsafe.sh / buaq.net aggregator: the /rss.xml feed (items link to /go-<id>.html) and the home
 * listing's copy links and page links. A feed item's body is its content:encoded, or its description when that
 * is markup rather than a plain-text excerpt.
 */
import * as cheerio from 'cheerio';
import type { Discovery, FeedItem, PageInput } from '../adapter.ts';
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

/** True when the page is an RSS or Atom document. */
export function looksLikeFeed(page: PageInput): boolean {
  return /xml|rss|atom/i.test(page.contentType ?? '') || /^\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(page.text);
}

/** Copies and further listing pages of a feed or the home listing. */
export function discoverUnsafe(page: PageInput): Discovery {
  if (looksLikeFeed(page)) {
    const feedItems = parseUnsafeFeed(page);
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

/** The items of the aggregator's RSS 2.0 feed. */
export function parseUnsafeFeed(page: PageInput): FeedItem[] {
  const $ = cheerio.load(page.text, { xml: true });
  const base = page.finalUrl ?? page.url;
  return $('item')
    .toArray()
    .flatMap((el) => {
      const item = $(el);
      const link = item.children('link').first().text().trim() || item.children('guid').first().text().trim();
      const url = absoluteUrl(link, base);
      if (!url) return [];
      const encoded = item.children('content\\:encoded, encoded').first().text();
      const description = item.children('description').first().text();
      const contentHtml = encoded.trim() ? encoded : MARKUP_BODY.test(description) ? description : null;
      return [
        {
          url,
          title: item.children('title').first().text().trim() || null,
          author: item.children('dc\\:creator, creator, author').first().text().trim() || null,
          publishedText: item.children('pubDate, dc\\:date').first().text().trim() || null,
          categories: item.children('category').toArray().map((c) => $(c).text().trim()).filter(Boolean),
          contentHtml,
        },
      ];
    });
}
