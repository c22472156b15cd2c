/**
 * `memhole reextract`: run the current extractors again over the captures already stored (page fetches,
 * feed copies, imports), without fetching anything. A different result is a new article version stamped with
 * the new extractor version; it is never an edit (no `edited` event), since the page did not change.
 */
import type { ExtractedArticle, SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterById } from '../../crawlers/index.ts';
import type { CaptureRow, PageRow, Store } from '../../storage/types.ts';
import { decodeBody, decodeContentEncoding } from '../fetch/charset.ts';
import { cdtMirrorPage, parseCdtMirror } from './import.ts';
import { recordExtraction } from './record.ts';

export interface ReextractSummary {
  pages: number;
  captures: number;
  versionsNew: number;
  /** Captures whose body could not be read back or decoded. */
  unreadable: { captureId: number; reason: string }[];
}

export async function reextract(
  store: Store,
  options: { sourceId?: string; adapterFor: (page: PageRow) => SourceAdapter | null; onProgress?: (summary: ReextractSummary) => void },
): Promise<ReextractSummary> {
  const summary: ReextractSummary = { pages: 0, captures: 0, versionsNew: 0, unreadable: [] };
  const pages = await store.listPages({ kind: 'article', ...(options.sourceId ? { sourceId: options.sourceId } : {}) });
  for (const page of pages) {
    const adapter = options.adapterFor(page);
    if (!adapter) continue;
    summary.pages++;
    const captures = await store.listCaptures(page.id);
    const hasPageCapture = captures.some((c) => isPageCapture(c));
    // The same rule as the crawl: a feed copy stands for the article only while the page was never fetched.
    const usable = captures.filter((c) => isPageCapture(c) || c.how === 'import' || (c.how === 'feed' && !hasPageCapture));
    for (const capture of usable) {
      const article = await extractCapture(store, adapter, page, capture);
      summary.captures++;
      if ('reason' in article) {
        summary.unreadable.push({ captureId: capture.id, reason: article.reason });
        continue;
      }
      if (!article.extracted) continue;
      const outcome = await recordExtraction(store, adapter, page, capture, article.extracted);
      if (outcome.articleCreated) summary.versionsNew++;
    }
    options.onProgress?.(summary);
  }
  return summary;
}

function isPageCapture(capture: CaptureRow): boolean {
  return (capture.how === 'http' || capture.how === 'browser') && capture.status !== null && capture.status < 300 && capture.bodyHash !== null;
}

/** What a stored capture extracts to with this adapter, or why its body cannot be read. */
export async function extractCapture(
  store: Store,
  adapter: SourceAdapter,
  page: PageRow,
  capture: CaptureRow,
): Promise<{ extracted: ExtractedArticle | null } | { reason: string }> {
  const text = await captureText(store, capture);
  if (typeof text !== 'string') return text;
  if (capture.how === 'import') {
    const mirror = parseCdtMirror(text);
    if (mirror) return { extracted: adapter.extract({ url: mirror.url, contentType: 'text/html; charset=utf-8', text: cdtMirrorPage(mirror) }) };
    // A markdown mirror copy is read by the mirrors adapter, whatever site its original is on.
    const mirrors = adapterById('mirrors');
    return { extracted: mirrors ? mirrors.extract({ url: capture.requestedUrl, contentType: capture.contentType, text }) : null };
  }
  if (capture.how === 'feed') {
    // The feed item's title and date live in the feed itself: find the item in the parent capture.
    const parent = capture.parentCaptureId ? await store.getCapture(capture.parentCaptureId) : null;
    const feedText = parent ? await captureText(store, parent) : null;
    if (typeof feedText !== 'string' || !parent) return { reason: 'the feed this copy came from is not readable' };
    const item = adapter
      .discover({ url: parent.requestedUrl, finalUrl: parent.finalUrl, contentType: parent.contentType, text: feedText })
      .feedItems.find((candidate) => candidate.url === capture.requestedUrl);
    return { extracted: item ? adapter.extractFeedItem({ ...item, contentHtml: text }) : null };
  }
  return { extracted: adapter.extract({ url: page.url, finalUrl: capture.finalUrl, contentType: capture.contentType, text }) };
}

/** A stored body as text: blob read back, content-encoding undone, charset decoded as the fetcher did. */
export async function captureText(store: Store, capture: CaptureRow): Promise<string | { reason: string }> {
  if (!capture.bodyHash) return { reason: 'no body stored' };
  const stored = await store.readBlob(capture.bodyHash);
  if (!stored) return { reason: `blob ${capture.bodyHash} is missing` };
  let bytes = stored;
  if (capture.contentEncoding) {
    const decoded = decodeContentEncoding(bytes, capture.contentEncoding, { partial: capture.truncated });
    if ('error' in decoded) return { reason: decoded.error };
    bytes = decoded.bytes;
  }
  const contentType = capture.charset ? `${(capture.contentType ?? 'text/html').split(';')[0]}; charset=${capture.charset}` : capture.contentType;
  const text = decodeBody(bytes, contentType);
  return 'error' in text ? { reason: text.error } : text.text;
}
