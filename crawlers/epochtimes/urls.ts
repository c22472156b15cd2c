/**
 * Epoch Times (大纪元, www.epochtimes.com) URL shapes: an article is keyed by its n-number whichever form its URL
 * takes (/gb/22/7/6/n13774436.htm, /b5/..., with or without www, .htm or .html, or a proxy mirror of the site),
 * and category, column and tag pages are listings.
 */
import type { PageRole } from '../adapter.ts';
import { decodeSafely } from '../common/text.ts';

/** /gb/22/7/6/n13774436.htm, /b5/5/7/23/n995027.html, /gb/n13774436.htm. */
const ARTICLE = /^\/(?:gb|b5)\/(?:\d{1,2}\/\d{1,2}\/\d{1,2}\/)?n(\d{3,})\.html?$/i;
/** The same at the end of a longer path, as proxy mirrors of the site serve it (/epochtimes/gb/...). */
const ARTICLE_ANYWHERE = /\/(?:gb|b5)\/(?:\d{1,2}\/\d{1,2}\/\d{1,2}\/)?n(\d{3,})\.html?$/i;
/** Category (ncid), section (nsc), column (nf) pages with their page number, tag pages and the home page. */
const LISTING = /^\/(?:gb|b5)\/(?:(?:ncid|nsc|nf)\d+(?:_\d+)?\.html?|tag\/[^/]+\.html?|index\.html?)?$/i;

/** True for epochtimes.com and its subdomains (not theepochtimes.com, a different site). */
export function isEpochTimesHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'epochtimes.com' || host.endsWith('.epochtimes.com');
}

/** The article's n-number ("n13774436") a URL carries, or null. */
export function epochTimesIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = ARTICLE_ANYWHERE.exec(parsed.pathname);
  return match?.[1] ? `n${match[1]}` : null;
}

/**
 * The date an article URL's folders give (/gb/5/7/23/… is 2005-07-23), as an ISO date, or null. Old datelines
 * write no year (【大纪元7月23日讯】); the URL supplies it.
 */
export function epochTimesDateFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = /\/(?:gb|b5)\/(\d{1,2})\/(\d{1,2})\/(\d{1,2})\/n\d+\.html?$/i.exec(parsed.pathname);
  if (!match) return null;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return `${2000 + Number(year)}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The page key of an Epoch Times article URL (`epochtimes:n13774436`), or null when it names no article. */
export function epochTimesKey(url: string): string | null {
  const id = epochTimesIdFromUrl(url);
  return id ? `epochtimes:${id}` : null;
}

/** What an Epoch Times URL points to, from its shape alone. */
export function roleOfEpochTimesUrl(url: URL): PageRole {
  const path = decodeSafely(url.pathname);
  if (ARTICLE.test(path)) return 'article';
  if (LISTING.test(path)) return 'listing';
  return 'other';
}
