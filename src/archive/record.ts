/**
 * The capture pipeline's writing half: a fetch result, a feed item or an imported copy becomes a capture of
 * its page, and an extracted article becomes an article version and a comment thread, each only when its hash
 * is new. Crawls (crawl.ts) and, later, re-checks and imports all record through here.
 */
import type { ExtractedArticle, ExtractedThread, SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterForUrl } from '../../crawlers/index.ts';
import { fingerprintText, searchTokens } from '../../storage/index.ts';
import type { ArticleInput, CaptureHow, CaptureInput, CaptureRow, PageKind, PageRow, Store, ThreadInput } from '../../storage/types.ts';
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
  const keyed = adapter.canonicalKey(url, extracted) ?? keyOfOriginal(url, extracted);
  if (!keyed) {
    const known = await store.getPageByUrl(url);
    if (known) return known;
  }
  return store.upsertPage({ canonicalKey: keyed ?? urlKey(url), sourceId, kind, url, seenAt });
}

/**
 * A copy that names its original on another host (a mirror's 原文链接) is keyed like the original, by the
 * original's adapter when there is one, so the copy and the original are one page.
 */
function keyOfOriginal(url: string, extracted: ExtractedArticle | null | undefined): string | null {
  const declared = extracted?.declaredUrl;
  if (!declared || !URL.canParse(declared) || new URL(declared).host === new URL(url).host) return null;
  return adapterForUrl(declared)?.canonicalKey(declared) ?? urlKey(declared);
}

/** The capture row a fetch makes, before it is tied to a page. */
export function captureOf(result: FetchResult, how: CaptureHow = 'http'): Omit<CaptureInput, 'pageId'> {
  return {
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
  };
}

/** The parts of a capture made without an HTTP exchange of its own: a feed copy, an import, a rendering. */
export interface CopyCapture {
  pageId: number;
  parentCaptureId?: number | null;
  how: CaptureHow;
  requestedUrl: string;
  finalUrl: string;
  status: number | null;
  remoteAddress?: string | null;
  body: Uint8Array;
  contentType: string;
  charset: string | null;
  capturedAt: number;
  durationMs?: number;
}

/** Record such a copy, with no redirects, headers or failure of its own. */
export function recordCopy(store: Store, copy: CopyCapture): Promise<CaptureRow> {
  return store.recordCapture({
    ...copy,
    parentCaptureId: copy.parentCaptureId ?? null,
    remoteAddress: copy.remoteAddress ?? null,
    redirects: [],
    headers: [],
    requestHeaders: [],
    failureKind: null,
    failureMessage: null,
    truncated: false,
    contentEncoding: null,
    durationMs: copy.durationMs ?? 0,
  });
}

/** Record a fetch as a capture of a page. */
export function recordFetch(store: Store, page: PageRow, result: FetchResult, how: CaptureHow = 'http'): Promise<CaptureRow> {
  return store.recordCapture({ ...captureOf(result, how), pageId: page.id });
}

/** The article row an extraction makes, before it is tied to a page and a capture. */
export function articleInput(adapter: SourceAdapter, article: ExtractedArticle): Omit<ArticleInput, 'pageId' | 'captureId'> {
  return {
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
    // Made with the other fields, so an analysis in a worker thread takes them off the write path too.
    fingerprint: fingerprintText(article.text),
    bodySearchTokens: searchTokens(article.text),
  };
}

/** The thread row a comment thread makes, with its hash. */
export function threadInput(thread: ExtractedThread): Omit<ThreadInput, 'pageId' | 'captureId'> {
  const comments = flattenThread(thread);
  return { intro: thread.intro, hash: threadHash(comments), comments };
}

/** Write an extraction as an article version and its thread, each only when its hash changed. */
export async function recordExtraction(
  store: Store,
  adapter: SourceAdapter,
  page: PageRow,
  capture: CaptureRow,
  article: ExtractedArticle,
  /** The rows already made from `article` (by the extractor, perhaps in a worker). */
  prepared?: { article: Omit<ArticleInput, 'pageId' | 'captureId'> | null; thread: Omit<ThreadInput, 'pageId' | 'captureId'> | null } | null,
): Promise<ArticleOutcome> {
  const fields = prepared?.article ?? articleInput(adapter, article);
  const written = await store.recordArticle({ ...fields, pageId: page.id, captureId: capture.id });
  let threadCreated = false;
  if (article.comments) {
    const threadFields = prepared?.thread ?? threadInput(article.comments);
    const thread = await store.recordThread({ ...threadFields, pageId: page.id, captureId: capture.id }, capture.capturedAt);
    threadCreated = thread.created;
  }
  await linkOrigin(store, adapter, page, article, capture.capturedAt);
  return { articleCreated: written.created, threadCreated };
}

/**
 * Track the original an article copies (an archive card's 来源) as a page of kind `origin`, linked from the
 * article, so re-checks can tell "the copy is alive, the original was censored".
 */
export async function linkOrigin(
  store: Store,
  adapter: SourceAdapter,
  page: PageRow,
  article: ExtractedArticle,
  at: number,
): Promise<PageRow | null> {
  if (!article.originUrl || !/^https?:/i.test(article.originUrl)) return null;
  // A URL on the page's own host is keyed by the page's adapter, so a local copy of a site keys like the site.
  const sameHost = new URL(article.originUrl).host === new URL(page.url).host;
  const key =
    (sameHost ? adapter.canonicalKey(article.originUrl) : null) ??
    adapterForUrl(article.originUrl)?.canonicalKey(article.originUrl) ??
    urlKey(article.originUrl);
  // An archive card may cite the archive itself (CDT's own articles): that is no separate original.
  if (key === page.canonicalKey) return null;
  const known = await store.getPageByKey(key);
  const origin = known ?? (await store.upsertPage({ canonicalKey: key, sourceId: page.sourceId, kind: 'origin', url: article.originUrl, seenAt: at }));
  if (origin.id === page.id) return null;
  await store.linkPages(page.id, origin.id, 'origin', at);
  return origin;
}

/** True when the page has a successful capture of the page itself (not a feed copy or an import). */
export async function hasPageCapture(store: Store, pageId: number): Promise<boolean> {
  const captures = await store.listCaptures(pageId);
  return captures.some((c) => (c.how === 'http' || c.how === 'browser') && c.status !== null && c.status < 300);
}
