/**
 * Discovery on Epoch Times listing pages (category ncid…, section nsc…, column nf… and tag pages): the article
 * links of the post list, not of the sidebar or menus, and the further pages of the same listing.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { isEpochTimesHost, roleOfEpochTimesUrl } from './urls.ts';
import { withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** Where the post list lives, most specific first. */
const LIST_SCOPES = ['.list_wrapper', '.post_list', '#main_content', '.main_content', '#main', 'body'];
/** Parts of a page that link elsewhere: menus, sidebars, footers, the breaking-news ticker. */
const OFF_LIST = 'nav, aside, header, footer, #sidebar, .sidebar, .right_col, .widget, #top_menu, .menu, .breaking_news, .hot_list';
const PAGINATION = '.pagination a, .page_navi a, .pages a, a.page-numbers, a.next, link[rel="next"]';

/** Article and listing URLs of an Epoch Times listing page. */
export function discoverEpochTimes(page: PageInput): Discovery {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const scope = LIST_SCOPES.map((selector) => $(selector).first()).find((found) => found.length) ?? $.root();
  const onSite = (url: string): boolean => isEpochTimesHost(new URL(url).hostname);
  const articleUrls = scope
    .find('a[href]')
    .toArray()
    .filter((el) => $(el).closest(OFF_LIST).length === 0)
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && onSite(url) && roleOfEpochTimesUrl(new URL(url)) === 'article')
    .map(withoutFragment);
  const listingUrls = $(PAGINATION)
    .toArray()
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && onSite(url) && url !== base && roleOfEpochTimesUrl(new URL(url)) === 'listing');
  return { articleUrls: [...new Set(articleUrls)], listingUrls: [...new Set(listingUrls)], feedItems: [] };
}
