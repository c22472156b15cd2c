/**
 * Discovery on FreeBuf: article links and pagination from section and category pages, and the category list
 * API (`/fapi/frontend/category/list`), whose JSON names post ids; the API's next page is followed while the
 * list comes back full. Category pages render only their first page, so they also point at the API.
 */
import type { Discovery, PageInput } from '../adapter.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import {
  FREEBUF_LIST_API_PATH,
  freebufArticleUrl,
  freebufCategoryOfUrl,
  freebufListApiUrl,
  freebufPostId,
  isFreebufHost,
  roleOfFreebufUrl,
} from './urls.ts';
import { unique, withoutFragment } from '../common/links.ts';
import { parsePage } from '../common/html.ts';

/** Page chrome whose links lead elsewhere: menus, side columns, footer. */
const CHROME = 'header, nav, footer, aside, .ant-layout-header, .ant-layout-footer, .aside-left, .aside-right, .page-header';
const PAGINATION = '.ant-pagination a[href], .pagination a[href], a[rel="next"], link[rel="next"]';
/** Pagination may sit in a <nav>; the current and disabled items are not further pages. */
const PAGINATION_CHROME = '.ant-layout-header, .ant-layout-footer, footer, .ant-pagination-item-active, .ant-pagination-disabled, .active, .disabled';
const DEFAULT_LIMIT = 20;

/** True when the page is the list API's JSON rather than HTML. */
export function looksLikeJson(page: PageInput): boolean {
  return /json/i.test(page.contentType ?? '') || /^\s*[{[]/.test(page.text);
}

/** Article and listing URLs of a FreeBuf listing page or list API response. */
export function discoverFreebuf(page: PageInput): Discovery {
  const base = page.finalUrl ?? page.url;
  if (looksLikeJson(page)) return discoverFromApi(page.text, base);
  const $ = parsePage(page.text);
  const links = (selector: string, chrome: string): string[] =>
    $(selector)
      .toArray()
      .filter((el) => $(el).closest(chrome).length === 0)
      .map((el) => absoluteUrl($(el).attr('href'), base))
      .filter((url): url is string => !!url && isFreebufHost(new URL(url).hostname));
  const articleUrls = links('a[href]', CHROME)
    .filter((url) => freebufPostId(url) !== null)
    .map(withoutFragment);
  const listingUrls = links(PAGINATION, PAGINATION_CHROME).filter((url) => url !== base && roleOfFreebufUrl(new URL(url)) === 'listing');
  const category = freebufCategoryOfUrl(base);
  if (category && roleOfFreebufUrl(new URL(base)) === 'listing') listingUrls.push(freebufListApiUrl(category, 1));
  return { articleUrls: unique(articleUrls), listingUrls: unique(listingUrls), feedItems: [] };
}

interface ApiItem {
  ID?: unknown;
  id?: unknown;
}

function discoverFromApi(text: string, base: string): Discovery {
  const none: Discovery = { articleUrls: [], listingUrls: [], feedItems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return none;
  }
  const data = (parsed as { data?: { data_list?: unknown; total?: unknown; count?: unknown } } | null)?.data;
  const list = Array.isArray(data?.data_list) ? (data.data_list as ApiItem[]) : [];
  const articleUrls = list
    .map((item) => String(item?.ID ?? item?.id ?? ''))
    .filter((id) => /^\d+$/.test(id))
    .map(freebufArticleUrl);
  return { articleUrls: unique(articleUrls), listingUrls: nextApiPage(base, list.length, data?.total ?? data?.count), feedItems: [] };
}

/** The API's next page while this one came back full and the total (when given) is not yet reached. */
function nextApiPage(base: string, count: number, total: unknown): string[] {
  const url = new URL(base);
  if (url.pathname !== FREEBUF_LIST_API_PATH) return [];
  const limit = positiveInt(url.searchParams.get('limit')) ?? DEFAULT_LIMIT;
  const page = positiveInt(url.searchParams.get('page')) ?? 1;
  const knownTotal = typeof total === 'number' ? total : typeof total === 'string' ? positiveInt(total) : null;
  if (count < limit || (knownTotal !== null && page * limit >= knownTotal)) return [];
  url.searchParams.set('page', String(page + 1));
  return [url.href];
}

function positiveInt(text: string | null): number | null {
  return text && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;
}
