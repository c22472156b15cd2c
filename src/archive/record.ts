/**
 * The capture pipeline's writing half: a fetch result, a feed item or an imported copy becomes a capture of
 * its page, and an extracted article becomes an article version and a comment thread, each only when its hash
 * is new. Crawls (crawl.ts) and, later, re-checks and imports all record through here.
 */
import type { ExtractedArticle, SourceAdapter } from '../../crawlers/adapter.ts';
import type { CaptureHow, CaptureRow, PageKind, PageRow, Store } from '../../storage/types.ts';
import type { FetchResult } from '../fetch/types.ts';
import { bodyToMarkdown } from '../markdown/body.ts';
import { flattenThread, textHash, threadHash, urlKey } from './identity.ts';

/** What writing an extraction changed. */
export interface ArticleOutcome {
  articleCreated: boolean;
  threadCreated: boolean;
}

/** The page a URL belongs to: a known alias first, then the adapter's key, then the normalised URL. */
export async function resolvePage(
  store: Store,
  adapter: SourceAdapter,
  sourceId: string,
  kind: PageKind,
  url: string,
  seenAt: number,
  extracted?: ExtractedArticle | null,
): Promise<PageRow> {
  const keyed = adapter.canonicalKey(url, extracted);
  if (!keyed) {
    const known = await store.getPageByUrl(url);
    if (known) return known;
  }
  return store.upsertPage({ canonicalKey: keyed ?? urlKey(url), sourceId, kind, url, seenAt });
}

/** Record a fetch as a capture of a page. */
export function recordFetch(store: Store, page: PageRow, result: FetchResult, how: CaptureHow = 'http'): Promise<CaptureRow> {
  return store.recordCapture({
    pageId: page.id,
    how,
    requestedUrl: result.requestedUrl,
    finalUrl: result.finalUrl,
    status: result.status,
    redirects: result.redirects,
    headers: result.headers,
    requestHeaders: result.requestHeaders,
    remoteAddress: result.remoteAddress,
    failureKind: result.failure?.kind ?? null,
    failureMessage: result.failure?.message ?? null,
    truncated: result.truncated,
    body: result.body.length ? result.body : null,
    contentType: result.contentType,
    contentEncoding: result.contentEncoding,
    charset: result.charset,
    capturedAt: result.startedAt,
    durationMs: result.durationMs,
  });
}

/** Write an extraction as an article version and its thread, each only when its hash changed. */
export async function recordExtraction(
  store: Store,
  adapter: SourceAdapter,
  page: PageRow,
  capture: CaptureRow,
  article: ExtractedArticle,
): Promise<ArticleOutcome> {
  const written = await store.recordArticle({
    pageId: page.id,
    captureId: capture.id,
    extractorVersion: adapter.extractorVersion,
    title: article.title,
    headline: article.headline,
    column: article.column,
    author: article.author,
    publishedText: article.publishedText,
    publishedAt: article.publishedAt,
    originUrl: article.originUrl,
    originName: article.originName,
    topics: article.card?.topics ?? [],
    collection: article.card?.collection ?? null,
    copyright: article.card?.copyright ?? null,
    card: article.card,
    tags: article.tags,
    categories: article.categories,
    images: article.images,
    embeds: article.embeds,
    markdown: bodyToMarkdown(article.bodyHtml),
    text: article.text,
    textHash: textHash(article),
  });
  let threadCreated = false;
  if (article.comments) {
    const comments = flattenThread(article.comments);
    const thread = await store.recordThread(
      { pageId: page.id, captureId: capture.id, intro: article.comments.intro, hash: threadHash(comments), comments },
      capture.capturedAt,
    );
    threadCreated = thread.created;
  }
  return { articleCreated: written.created, threadCreated };
}

/** True when the page has a successful capture of the page itself (not a feed copy or an import). */
export async function hasPageCapture(store: Store, pageId: number): Promise<boolean> {
  const captures = await store.listCaptures(pageId);
  return captures.some((c) => (c.how === 'http' || c.how === 'browser') && c.status !== null && c.status < 300);
}
