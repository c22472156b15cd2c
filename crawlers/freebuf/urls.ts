/**
 * FreeBuf URL shapes: articles (/articles/<category>/<id>.html, /articles/<id>.html, /news/<id>.html and the
 * older /vuls/, /sectool/, /geek/ forms), section and category pages, and the category list API (/fapi/frontend/category/list). The post id keys an article
 * whichever form its URL takes.
 */
import type { PageRole } from '../adapter.ts';

const ARTICLE = /^\/(?:articles\/(?:([\w-]+)\/)?|(news|vuls|sectool|geek)\/)(\d+)\.html$/;
const CATEGORY_PAGE = /^\/articles\/([\w-]+)\/?$/;
/** Top-level sections that list posts like categories do. */
const SECTION_PAGE = /^\/(articles|news|vuls|sectool|geek)\/?$/;
/** Path of the category list API (`?name=<cat>&tag=category&limit=20&page=<n>`). */
export const FREEBUF_LIST_API_PATH = '/fapi/frontend/category/list';
/** The origin article and API URLs are built on. */
export const FREEBUF_ORIGIN = 'https://www.freebuf.com';

/** The FreeBuf hosts (not its job board or other subdomains). */
export function isFreebufHost(hostname: string): boolean {
  return hostname === 'freebuf.com' || hostname === 'www.freebuf.com';
}

/** The post id an article URL carries, or null. */
export function freebufPostId(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !isFreebufHost(parsed.hostname)) return null;
  return ARTICLE.exec(parsed.pathname)?.[3] ?? null;
}

/** The category slug of an article or category URL (/articles/web/1.html and /articles/web give "web"). */
export function freebufCategoryOfUrl(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const article = ARTICLE.exec(parsed.pathname);
  if (article) return article[1] ?? article[2] ?? null;
  return CATEGORY_PAGE.exec(parsed.pathname)?.[1] ?? listingSection(parsed.pathname);
}

/** What a FreeBuf URL points to, from its shape alone. */
export function roleOfFreebufUrl(url: URL): PageRole {
  if (ARTICLE.test(url.pathname)) return 'article';
  if (url.pathname === FREEBUF_LIST_API_PATH) return 'listing';
  if (url.pathname === '/' || CATEGORY_PAGE.test(url.pathname) || SECTION_PAGE.test(url.pathname)) return 'listing';
  return 'other';
}

/** The canonical article URL for a post id, the form the list API's ids are turned into. */
export function freebufArticleUrl(id: string): string {
  return `${FREEBUF_ORIGIN}/articles/${id}.html`;
}

/** The list API URL for a category's page `page`. */
export function freebufListApiUrl(category: string, page: number, limit = 20): string {
  const url = new URL(FREEBUF_LIST_API_PATH, FREEBUF_ORIGIN);
  url.search = new URLSearchParams({ name: category, tag: 'category', limit: String(limit), page: String(page) }).toString();
  return url.href;
}

function listingSection(path: string): string | null {
  const section = SECTION_PAGE.exec(path)?.[1];
  return section && section !== 'articles' ? section : null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
