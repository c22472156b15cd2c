/**
 * The soft-404 control fetch (Bar-Yossef et al.): what a host answers for a sibling URL that cannot exist
 * (the page's folder plus random characters). Fetched once per host and folder shape, then cached for the run.
 */
import type { FetchResult } from '../fetch/types.ts';
import { pageEvidence } from './page-evidence.ts';

/** What the host answered for the made-up sibling. */
export interface SiblingProbe {
  url: string;
  status: number | null;
  visibleText: string;
}

/** The made-up sibling of a URL: same folder and extension, a random name. */
export function siblingUrl(url: string, random: () => number = Math.random): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1) || '/';
  const extension = /\.[a-z0-9]{1,5}$/i.exec(path.slice(slash + 1))?.[0] ?? '';
  const name = Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]).join('');
  parsed.pathname = `${folder}memhole-${name}${extension}`;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/**
 * A prober that fetches each host's sibling once, with the `fetch` of the first page that asks (the page's own
 * fetcher, such as its source's proxy), and remembers it (failed probes are remembered as null).
 */
export function createSiblingProber(
  random: () => number = Math.random,
): (url: string, fetch: (url: string) => Promise<FetchResult>) => Promise<SiblingProbe | null> {
  const cache = new Map<string, Promise<SiblingProbe | null>>();
  return (url, fetch) => {
    const parsed = new URL(url);
    const key = `${parsed.origin}|${/\.[a-z0-9]{1,5}$/i.exec(parsed.pathname)?.[0] ?? ''}`;
    let probe = cache.get(key);
    if (!probe) {
      const target = siblingUrl(url, random);
      probe = fetch(target).then((result) =>
        result.failure ? null : { url: target, status: result.status, visibleText: pageEvidence(result.text ?? '', target).visibleText },
      );
      cache.set(key, probe);
    }
    return probe;
  };
}
