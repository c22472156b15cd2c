/**
 * Discovery on China Digital Times: article links and pagination from listing, category and tag pages, and
 * the items of its RSS feeds with their full text (`content:encoded`).
 */
import * as cheerio from 'cheerio';
import type { Discovery, FeedItem, PageInput } from '../adapter.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { roleOfCdtUrl } from './urls.ts';
import { unique, withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** The part of a listing page that lists posts; the sidebar and menus link elsewhere. */
const LISTING_SCOPES = ['#primary', 'main', '#content', '#main', 'body'];
const PAGINATION = 'a.page-numbers, .pagination a, .nav-links a, a.next, link[rel="next"]';

export function looksLikeFeed(page: PageInput): boolean {
  return /xml|rss|atom/i.test(page.contentType ?? '') || /^\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(page.text);
}

export function discoverCdt(page: PageInput): Discovery {
  if (looksLikeFeed(page)) {
    const feedItems = parseFeed(page);
    return { articleUrls: unique(feedItems.map((item) => item.url)), listingUrls: [], feedItems };
  }
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const scope = LISTING_SCOPES.map((selector) => $(selector).first()).find((found) => found.length) ?? $.root();
  const sameSite = (url: string): boolean => new URL(url).host === new URL(base).host;
  const articleUrls = scope
    .find('a[href]')
    .toArray()
    .filter((el) => $(el).closest('aside, nav, .widget-area, .su-spoiler, .addtoany_share_save_container').length === 0)
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && sameSite(url) && roleOfCdtUrl(new URL(url)) === 'article');
  const listingUrls = $(PAGINATION)
    .toArray()
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && sameSite(url) && url !== base && roleOfCdtUrl(new URL(url)) === 'listing');
  return { articleUrls: unique(articleUrls.map(withoutFragment)), listingUrls: unique(listingUrls), feedItems: [] };
}

/** Items of an RSS 2.0 or Atom feed. */
export function parseFeed(page: PageInput): FeedItem[] {
  const $ = cheerio.load(page.text, { xml: true });
  const base = page.finalUrl ?? page.url;
  const rssItems = $('item')
    .toArray()
    .map((el) => {
      const item = $(el);
      return {
        link: item.children('link').first().text().trim() || item.children('guid').first().text().trim(),
        title: item.children('title').first().text().trim() || null,
        author: item.children('dc\\:creator, creator, author').first().text().trim() || null,
        publishedText: item.children('pubDate, dc\\:date').first().text().trim() || null,
        categories: item.children('category').toArray().map((c) => $(c).text().trim()).filter(Boolean),
        contentHtml: item.children('content\\:encoded, encoded').first().text() || null,
      };
    });
  const atomEntries = $('entry')
    .toArray()
    .map((el) => {
      const entry = $(el);
      return {
        link: entry.children('link[rel="alternate"], link:not([rel])').first().attr('href') ?? '',
        title: entry.children('title').first().text().trim() || null,
        author: entry.find('author > name').first().text().trim() || null,
        publishedText: entry.children('published, updated').first().text().trim() || null,
        categories: entry.children('category').toArray().map((c) => $(c).attr('term') ?? '').filter(Boolean),
        contentHtml: entry.children('content').first().text() || null,
      };
    });
  return [...rssItems, ...atomEntries].flatMap(({ link, ...rest }) => {
    const url = absoluteUrl(link, base);
    return url ? [{ url, ...rest }] : [];
  });
}
