/**
 * URL shapes of the unsafe.sh / buaq.net aggregator (PaperCache): copies at /go-<id>.html on either host, the
 * /jump-<id>.htm redirect to the original, the home listing with its pages, and the /rss.xml feed.
 */
import type { PageRole } from '../adapter.ts';

const COPY = /^\/go-(\d+)\.html$/;
const FEED = /^\/(?:rss\.xml|feed)\/?$/;

/** The aggregator's hosts. */
export function isUnsafeHost(hostname: string): boolean {
  return hostname === 'unsafe.sh' || hostname === 'www.unsafe.sh' || hostname === 'buaq.net' || hostname === 'www.buaq.net';
}

/** The copy id a /go-<id>.html URL carries, or null. */
export function unsafeCopyId(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isUnsafeHost(parsed.hostname)) return null;
  return COPY.exec(parsed.pathname)?.[1] ?? null;
}

/** What an aggregator URL points to, from its shape alone. */
export function roleOfUnsafeUrl(url: URL): PageRole {
  if (COPY.test(url.pathname)) return 'article';
  if (FEED.test(url.pathname)) return 'feed';
  // The home page is the listing; its filters (?hot=true, ?gzh=true) and pages (?page=2) stay listings.
  if (url.pathname === '/' || url.pathname === '/index' || url.pathname === '/index.html') return 'listing';
  return 'other';
}
