/**
 * GitHub mirror URL shapes: markdown files on github.com (…/blob/<branch>/…) or raw.githubusercontent.com. An
 * article is a .md file; an index (indexes/*.md, README.md) lists articles. The repository a URL belongs to
 * keeps discovery inside one mirror.
 */
import type { PageRole } from '../adapter.ts';
import { decodeSafely } from '../common/text.ts';

const MARKDOWN_FILE = /\.(?:md|markdown)$/i;
const INDEX_FILE = /(?:^|\/)(?:indexes|indices)\/[^/]+$|(?:^|\/)(?:README|index)\.(?:md|markdown)$/i;

/** True for the hosts GitHub serves repository files from. */
export function isMirrorHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'github.com' || host === 'www.github.com' || host === 'raw.githubusercontent.com';
}

/** What a mirror URL points to, from its shape alone: a markdown article, an index, or something else. */
export function roleOfMirrorUrl(url: URL): PageRole {
  const path = decodeSafely(url.pathname);
  if (!MARKDOWN_FILE.test(path)) return 'other';
  return INDEX_FILE.test(path) ? 'listing' : 'article';
}

/** "owner/name" of the repository a GitHub URL points into, or null. */
export function repositoryOf(url: URL): string | null {
  if (!isMirrorHost(url.hostname)) return null;
  const [owner, name] = url.pathname.split('/').filter(Boolean);
  return owner && name ? `${owner}/${name}`.toLowerCase() : null;
}
