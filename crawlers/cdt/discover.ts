/**
 * Discovery on China Digital Times: article links and pagination from listing, category and tag pages, and
 * the items of its RSS feeds with their full text (`content:encoded`).
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { looksLikeFeed, parseFeed } from '../common/feed.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { roleOfCdtUrl } from './urls.ts';
import { unique, withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** The part of a listing page that lists posts; the sidebar and menus link elsewhere. */
const LISTING_SCOPES = ['#primary', 'main', '#content', '#main', 'body'];
const PAGINATION = 'a.page-numbers, .pagination a, .nav-links a, a.next, link[rel="next"]';

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
