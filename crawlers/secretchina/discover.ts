/**
 * Discovery on secretchina listing pages (channel, column and tag pages under /news/gb/ and /news/b5/): the
 * article links of the main list, not of the sidebar, menus or ad boxes, and the further pages of the listing.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { isSecretChinaHost, roleOfSecretChinaUrl } from './urls.ts';
import { withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** Where the main list lives, most specific first. */
const LIST_SCOPES = ['.list_left', '.main_left', '.article_left', '#main', '.main', 'body'];
const OFF_LIST = 'nav, aside, header, footer, .nav, .menu, .sidebar, .right, .list_right, .main_right, .hot, .ad, [id^="div-gpt-ad"]';
const PAGINATION = '.page a, .pages a, .pagination a, .pagelist a, a.next, link[rel="next"]';

/** Article and listing URLs of a secretchina listing page. */
export function discoverSecretChina(page: PageInput): Discovery {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const scope = LIST_SCOPES.map((selector) => $(selector).first()).find((found) => found.length) ?? $.root();
  const onSite = (url: string): boolean => isSecretChinaHost(new URL(url).hostname);
  const articleUrls = scope
    .find('a[href]')
    .toArray()
    .filter((el) => $(el).closest(OFF_LIST).length === 0)
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && onSite(url) && roleOfSecretChinaUrl(new URL(url)) === 'article')
    .map(withoutFragment);
  const listingUrls = $(PAGINATION)
    .toArray()
    .map((el) => absoluteUrl($(el).attr('href'), base))
    .filter((url): url is string => !!url && onSite(url) && url !== base && roleOfSecretChinaUrl(new URL(url)) === 'listing');
  return { articleUrls: [...new Set(articleUrls)], listingUrls: [...new Set(listingUrls)], feedItems: [] };
}
