/**
 * China Digital Times URL shapes: which URLs are articles, listings or feeds, and the post id that keys an
 * article whichever form its URL takes (/chinese/685611.html, /chinese/685611, ?p=685611).
 */
import type { PageRole } from '../adapter.ts';
import { decodeSafely } from '../common/text.ts';

const ARTICLE_BY_ID = /^\/chinese\/(\d+)(?:\.html)?\/?$/;
const ARTICLE_BY_SLUG = /^\/chinese\/\d{4}\/\d{2}\/[^/]+\/?$/;
const FEED = /\/feed\/?$/;
const LISTING = /^\/chinese(?:\/(?:page\/\d+|category\/.+|tag\/.+|space\/.+|author\/.+|\d{4}(?:\/\d{2})?(?:\/page\/\d+)?))?\/?$/;

/** The CDT hosts; a local copy is handled by naming the adapter explicitly. */
export function isCdtHost(hostname: string): boolean {
  return hostname === 'chinadigitaltimes.net' || hostname.endsWith('.chinadigitaltimes.net');
}

/** The WordPress post id a URL carries, or null. */
export function postIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const byPath = ARTICLE_BY_ID.exec(parsed.pathname);
  if (byPath?.[1]) return byPath[1];
  const byQuery = parsed.searchParams.get('p');
  return byQuery && /^\d+$/.test(byQuery) ? byQuery : null;
}

/** What a CDT URL points to, from its shape alone. */
export function roleOfCdtUrl(url: URL): PageRole {
  const path = decodeSafely(url.pathname);
  if (FEED.test(path) || url.searchParams.has('feed')) return 'feed';
  if (ARTICLE_BY_ID.test(path) || ARTICLE_BY_SLUG.test(path)) return 'article';
  if (url.searchParams.has('p')) return 'article';
  if (LISTING.test(path)) return 'listing';
  return 'other';
}
