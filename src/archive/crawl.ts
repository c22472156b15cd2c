/**
 * A crawl: start URLs (articles, listings, feeds) in, captures, article versions and comment threads out.
 * Crawlee drives the queue (src/fetch/crawl-runner.ts); this module decides what each page is, asks the
 * adapter for links and articles, and records everything through record.ts. A failed URL is recorded and
 * counted; it never stops the run.
 */
import type { ExtractedArticle, PageInput, PageRole, SourceAdapter } from '../../crawlers/adapter.ts';
import type { CaptureRow, PageRow, Store } from '../../storage/types.ts';
import { runCrawl, type CrawlContext, type CrawlTask } from '../fetch/crawl-runner.ts';
import type { HostLimiter } from '../fetch/host-limiter.ts';
import type { RobotsGate } from '../fetch/robots.ts';
import { CAPTCHA_URL_RULE, NOTICE_TABLE, matchNotice } from '../recheck/notices.ts';
import { pageEvidence } from '../recheck/page-evidence.ts';
import type { FetchResult, Fetcher } from '../fetch/types.ts';
import { inlineExtractor, type Extractor } from '../extract/extractor.ts';
import { archiveImages } from './assets.ts';
import { hasPageCapture, recordCopy, recordExtraction, recordFetch, resolvePage } from './record.ts';

export interface CrawlLimits {
  /** Article pages fetched in this crawl. */
  maxArticles: number;
  /** Listing pages followed through pagination. */
  maxListingPages: number;
}

export interface CrawlOptions {
  store: Store;
  fetcher: Fetcher;
  limiter: HostLimiter;
  /** The adapter for every URL of this crawl, or a function choosing one per URL. */
  adapterFor: (url: string) => SourceAdapter;
  sourceId: (adapter: SourceAdapter) => string;
  limits: CrawlLimits;
  /** Read every start URL as an article, whatever its shape (`memhole add`). */
  startAsArticles?: boolean;
  retries: number;
  concurrency: number;
  clock: () => number;
  /** Render article pages in Chromium: always, when needed (`auto`), or never (default). */
  render?: { mode: 'always' | 'auto' | 'never'; executablePath: string; timeoutMs: number };
  /** Fetch and keep the images of each article page (default true). */
  archiveImages?: boolean;
  /** robots.txt, when the crawl obeys it. */
  robots?: RobotsGate | null;
  /** Where article pages are analysed (extraction, markdown): inline unless given worker threads. */
  extractor?: Extractor;
  onProgress?: (progress: CrawlSummary, lastUrl: string) => void;
}

/** Counts of a finished crawl. */
export interface CrawlSummary {
  /** Fetches recorded as captures (feed copies included). */
  captures: number;
  articlePages: number;
  listingPages: number;
  feeds: number;
  feedItems: number;
  articlesNew: number;
  articlesUnchanged: number;
  threadsNew: number;
  /** Article pages that answered 200 but held no article the adapter could find. */
  extractionFailed: number;
  /** HTTP statuses of final responses that were not 2xx, by status. */
  httpErrors: Record<string, number>;
  /** Network and body failures, by failure kind. */
  failures: Record<string, number>;
  /** URLs whose handling failed (storage or a bug), with the message. */
  errors: { url: string; message: string }[];
  /** Discovered articles not fetched because of maxArticles. */
  skippedByLimit: number;
  /** Images archived with their articles (new), already archived, or failed (recorded anyway). */
  assets: { stored: number; known: number; failed: number };
  /** Pages rendered in Chromium (DOM and screenshot kept), and why rendering was skipped when it was. */
  rendered: number;
  renderSkipped: string | null;
  /** Pages that answered with a captcha or verification wall instead of the article. */
  walls: number;
  /** URLs robots.txt did not allow, not fetched. */
  disallowedByRobots: string[];
}

function emptySummary(): CrawlSummary {
  return {
    captures: 0, articlePages: 0, listingPages: 0, feeds: 0, feedItems: 0, articlesNew: 0, articlesUnchanged: 0,
    threadsNew: 0, extractionFailed: 0, httpErrors: {}, failures: {}, errors: [], skippedByLimit: 0, disallowedByRobots: [], walls: 0, assets: { stored: 0, known: 0, failed: 0 }, rendered: 0, renderSkipped: null,
  };
}

export async function crawl(urls: string[], options: CrawlOptions): Promise<CrawlSummary> {
  const summary = emptySummary();
  const extractor = options.extractor ?? inlineExtractor;
  let articlesQueued = 0;
  let listingsQueued = 0;
  const articleTask = (url: string): CrawlTask | null => {
    if (articlesQueued >= options.limits.maxArticles) {
      summary.skippedByLimit++;
      return null;
    }
    articlesQueued++;
    return { url, label: 'article' };
  };
  const initial = urls.map((url): CrawlTask => {
    const role = options.startAsArticles ? 'article' : roleOfUrl(options.adapterFor(url), url);
    if (role === 'article') articlesQueued++;
    return { url, label: role === 'other' ? 'auto' : role };
  });

  const handle = async (task: CrawlTask, result: FetchResult, context: CrawlContext): Promise<void> => {
    const adapter = options.adapterFor(task.url);
    const sourceId = options.sourceId(adapter);
    const page: PageInput | null =
      result.text !== null && result.status !== null && result.status < 300
        ? { url: task.url, finalUrl: result.finalUrl, contentType: result.contentType, text: result.text }
        : null;
    const role: PageRole =
      task.label === 'auto' && page ? adapter.roleOf(new URL(task.url), page) : (task.label as PageRole);
    countFetch(summary, result);

    if (role === 'listing' || role === 'feed') {
      const pageRow = await resolvePage(options.store, adapter, sourceId, role, task.url, result.startedAt);
      const capture = await recordFetch(options.store, pageRow, result);
      summary.captures++;
      if (role === 'listing') summary.listingPages++;
      else summary.feeds++;
      if (!page) return;
      const found = adapter.discover(page);
      for (const item of found.feedItems) {
        const extracted = adapter.extractFeedItem(item);
        const itemPage = await resolvePage(options.store, adapter, sourceId, 'article', item.url, result.startedAt, extracted);
        if (!item.contentHtml) continue;
        const feedCapture = await recordCopy(options.store, {
          pageId: itemPage.id,
          parentCaptureId: capture.id,
          how: 'feed',
          requestedUrl: item.url,
          finalUrl: item.url,
          status: result.status,
          remoteAddress: result.remoteAddress,
          body: new TextEncoder().encode(item.contentHtml),
          contentType: 'text/html; charset=utf-8',
          charset: 'utf-8',
          capturedAt: result.startedAt,
        });
        summary.captures++;
        summary.feedItems++;
        if (extracted) feedCopies.push({ adapter, page: itemPage, capture: feedCapture, article: extracted });
      }
      const more: CrawlTask[] = [];
      for (const url of found.articleUrls) {
        const next = articleTask(url);
        if (next) more.push(next);
      }
      for (const url of found.listingUrls) {
        if (role === 'listing' && listingsQueued < options.limits.maxListingPages) {
          listingsQueued++;
          more.push({ url, label: 'listing' });
        }
      }
      await context.enqueue(more);
      return;
    }

    // An article, or a page of unknown role that may hold one. A captcha or verification wall is recorded as
    // the capture it is, never read as the article; a later crawl or re-check tries again.
    const wall = page ? isWall(page.text, result.finalUrl, adapter) : false;
    if (wall) summary.walls++;
    const analysis = page && !wall ? await extractor.analyze(adapter, page) : null;
    const extracted = analysis?.extracted ?? null;
    const pageRow = await resolvePage(options.store, adapter, sourceId, 'article', task.url, result.startedAt, extracted);
    if (result.finalUrl !== task.url && page) {
      // A redirect within the same article (id URL to slug URL, http to https) is one more alias.
      const finalKey = adapter.canonicalKey(result.finalUrl, extracted);
      if (finalKey && finalKey === pageRow.canonicalKey) await options.store.addPageUrl(pageRow.id, result.finalUrl, result.startedAt);
    }
    const capture = await recordFetch(options.store, pageRow, result);
    summary.captures++;
    summary.articlePages++;
    if (page && !wall && wantsRender(options.render?.mode ?? 'never', adapter, extracted)) {
      toRender.push({ adapter, page: pageRow, capture, url: task.url });
    }
    if (extracted) {
      countOutcome(summary, await recordExtraction(options.store, adapter, pageRow, capture, extracted, analysis));
      if (options.archiveImages !== false && extracted.images.length) {
        const assets = await archiveImages(options.store, options.fetcher, options.limiter, pageRow, capture, extracted.images);
        summary.assets.stored += assets.stored;
        summary.assets.known += assets.known;
        summary.assets.failed += assets.failed;
      }
    } else if (page && !wall) {
      summary.extractionFailed++;
    }
  };

  // Feed copies wait for the end of the crawl: the article page, fetched in the same crawl, gives the version
  // with the page's own metadata; a feed copy makes one only when the page was never captured (DESIGN.md,
  // "Versions"), as when the article was deleted before its page was fetched.
  const feedCopies: { adapter: SourceAdapter; page: PageRow; capture: CaptureRow; article: ExtractedArticle }[] = [];
  // Pages to render in Chromium once the HTTP crawl is done, so one browser serves them all.
  const toRender: RenderTarget[] = [];
  await runCrawl(initial, {
    fetcher: options.fetcher,
    limiter: options.limiter,
    maxRetries: options.retries,
    maxConcurrency: options.concurrency,
    fetchOptions: (task) => ({ headers: options.adapterFor(task.url).fetchHints.headers ?? {} }),
    ...(options.robots ? { mayFetch: (task: CrawlTask) => options.robots!.allowed(task.url) } : {}),
    onRefused: (task) => summary.disallowedByRobots.push(task.url),
    onResult: async (task, result, context) => {
      await handle(task, result, context);
      options.onProgress?.(summary, task.url);
    },
    onError: (task, error) => {
      summary.errors.push({ url: task.url, message: error.message });
      options.onProgress?.(summary, task.url);
    },
  });
  if (toRender.length && options.render) await renderAndRecord(toRender, options.render, options.store, summary);
  for (const copy of feedCopies) {
    if (await hasPageCapture(options.store, copy.page.id)) continue;
    try {
      countOutcome(summary, await recordExtraction(options.store, copy.adapter, copy.page, copy.capture, copy.article));
    } catch (error) {
      summary.errors.push({ url: copy.page.url, message: (error as Error).message });
    }
  }
  return summary;
}

interface RenderTarget {
  adapter: SourceAdapter;
  page: PageRow;
  capture: CaptureRow;
  url: string;
}

/** `auto` renders when the adapter asks for a browser, or when the generic adapter found no article. */
function wantsRender(mode: 'always' | 'auto' | 'never', adapter: SourceAdapter, extracted: ExtractedArticle | null): boolean {
  if (mode === 'never') return false;
  if (mode === 'always' || adapter.fetchHints.renderer === 'browser') return true;
  return adapter.id === 'generic' && !extracted;
}

/** Render the pages, keep each DOM and screenshot as captures of the HTTP one, and extract from the DOM. */
async function renderAndRecord(
  targets: RenderTarget[],
  render: NonNullable<CrawlOptions['render']>,
  store: Store,
  summary: CrawlSummary,
): Promise<void> {
  // Playwright is loaded only when a page is rendered: importing it costs every memhole command a third of a second.
  const { BrowserUnavailableError, renderPages } = await import('../fetch/browser-renderer.ts');
  let pages;
  try {
    pages = await renderPages(targets.map((t) => t.url), { executablePath: render.executablePath, timeoutMs: render.timeoutMs });
  } catch (error) {
    if (!(error instanceof BrowserUnavailableError)) throw error;
    summary.renderSkipped = error.message;
    return;
  }
  for (const rendered of pages) {
    const target = targets.find((t) => t.url === rendered.url);
    if (!target) continue;
    if (rendered.error) {
      summary.errors.push({ url: rendered.url, message: `rendering failed: ${rendered.error}` });
      continue;
    }
    const base = {
      pageId: target.page.id,
      parentCaptureId: target.capture.id,
      requestedUrl: rendered.url,
      finalUrl: rendered.finalUrl,
      status: rendered.status,
      capturedAt: rendered.startedAt,
      durationMs: rendered.durationMs,
    };
    const dom = await recordCopy(store, { ...base, how: 'browser', body: new TextEncoder().encode(rendered.html), contentType: 'text/html; charset=utf-8', charset: 'utf-8' });
    await recordCopy(store, { ...base, how: 'screenshot', body: new Uint8Array(rendered.screenshot), contentType: 'image/png', charset: null });
    summary.rendered++;
    const article = target.adapter.extract({ url: target.url, finalUrl: rendered.finalUrl, contentType: 'text/html; charset=utf-8', text: rendered.html });
    if (article) countOutcome(summary, await recordExtraction(store, target.adapter, target.page, dom, article));
  }
}

/** The shortest form of each captcha phrase, to skip the parse on the pages (nearly all) that hold none. */
const WALL_HINTS = [...NOTICE_TABLE, CAPTCHA_URL_RULE]
  .filter((rule) => rule.kind === 'captcha')
  .map((rule) => rule.text.replace(/[\s，。,.!！]+.*$/u, ''));

function isWall(html: string, url: string, adapter: SourceAdapter): boolean {
  const hints = [...WALL_HINTS, ...adapter.notices.filter((n) => n.kind === 'captcha').map((n) => n.text)];
  if (!hints.some((hint) => html.includes(hint) || url.includes(hint))) return false;
  return matchNotice(pageEvidence(html, url), adapter.notices)?.rule.kind === 'captcha';
}

function roleOfUrl(adapter: SourceAdapter, url: string): PageRole {
  try {
    return adapter.roleOf(new URL(url));
  } catch {
    return 'other';
  }
}

function countFetch(summary: CrawlSummary, result: FetchResult): void {
  if (result.failure) {
    summary.failures[result.failure.kind] = (summary.failures[result.failure.kind] ?? 0) + 1;
  } else if (result.status !== null && result.status >= 300) {
    const key = String(result.status);
    summary.httpErrors[key] = (summary.httpErrors[key] ?? 0) + 1;
  }
}

function countOutcome(summary: CrawlSummary, outcome: { articleCreated: boolean; threadCreated: boolean }): void {
  if (outcome.articleCreated) summary.articlesNew++;
  else summary.articlesUnchanged++;
  if (outcome.threadCreated) summary.threadsNew++;
}
