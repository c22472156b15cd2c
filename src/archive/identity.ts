/**
 * Page identity and version hashing: the normalised URL that keys a page no adapter can key, and the text
 * hash that decides whether an extraction is a new article version (DESIGN.md, "Identity" and "Versions").
 */
import type { ExtractedArticle, ExtractedThread } from '../../crawlers/adapter.ts';
import { sha256Hex, type CommentInput } from '../../storage/index.ts';

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|spm|from|isappinstalled|scene|share_token)$/i;

/** The URL with host lowercased, default port, fragment and tracking parameters dropped, parameters sorted. */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.hostname = parsed.hostname.toLowerCase();
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.href;
}

/** The key of a page its adapter cannot key: its normalised URL. */
export function urlKey(url: string): string {
  return `url:${normalizeUrl(url)}`;
}

/** Whitespace-insensitive, Unicode-normalised form of a text, so markup changes alone make no new version. */
function canonicalText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** sha-256 of the normalised title and body text of one extraction. */
export function textHash(article: Pick<ExtractedArticle, 'title' | 'text'>): string {
  return sha256Hex(`${canonicalText(article.title)}\n\n${canonicalText(article.text)}`);
}

/** A thread flattened for storage: parents before their replies. */
export function flattenThread(thread: ExtractedThread): CommentInput[] {
  const flat: CommentInput[] = [];
  const visit = (comment: ExtractedThread['comments'][number], parentIndex: number | null): void => {
    const index = flat.length;
    flat.push({ author: comment.author, text: comment.text, parentIndex, postedAt: null });
    comment.replies.forEach((reply) => visit(reply, index));
  };
  thread.comments.forEach((comment) => visit(comment, null));
  return flat;
}

/** sha-256 of a flattened comment set; a thread row is written only when it changes. */
export function threadHash(comments: CommentInput[]): string {
  return sha256Hex(JSON.stringify(comments.map((c) => [canonicalText(c.author), canonicalText(c.text), c.parentIndex])));
}
