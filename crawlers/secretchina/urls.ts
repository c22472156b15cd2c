/**
 * secretchina (看中国, www.secretchina.com) URL shapes: an article is /news/gb/2020/12/03/953546.html (or /b5/,
 * or with the title appended after ".html" as old links have it) and is keyed by its number; the other pages
 * under /news/gb/ and /news/b5/ are channel, column and tag listings.
 */
import type { PageRole } from '../adapter.ts';

const ARTICLE = /^\/news\/(?:gb|b5)\/\d{4}\/\d{1,2}\/\d{1,2}\/(\d+)\.html?(?:[./].*)?$/i;
const FEED = /\.(?:xml|rss)$/i;
const LISTING = /^\/(?:news\/(?:gb|b5)(?:\/.*)?)?$/i;

/** True for secretchina.com and its subdomains (www, m). */
export function isSecretChinaHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'secretchina.com' || host.endsWith('.secretchina.com');
}

/** The article number a URL carries ("953546"), or null. */
export function secretChinaIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return ARTICLE.exec(parsed.pathname)?.[1] ?? null;
}

/** The page key of a secretchina article URL (`secretchina:953546`), or null when it names no article. */
export function secretChinaKey(url: string): string | null {
  const id = secretChinaIdFromUrl(url);
  return id ? `secretchina:${id}` : null;
}

/** What a secretchina URL points to, from its shape alone. Feeds are not read by this adapter. */
export function roleOfSecretChinaUrl(url: URL): PageRole {
  if (ARTICLE.test(url.pathname)) return 'article';
  if (FEED.test(url.pathname)) return 'other';
  if (LISTING.test(url.pathname)) return 'listing';
  return 'other';
}
