/**
 * Runs the re-checks that are due (or all of them): each page fetched through the shared per-host limiter and
 * the capture fetcher, classified (classify.ts), moved through the state machine (transition.ts) and written
 * with its evidence in one transaction. The database says what is due; p-queue runs it within a budget.
 */
import PQueue from 'p-queue';
import type { SourceAdapter } from '../../crawlers/adapter.ts';
import type { CheckInput, CheckOutcome, PageRow, Store } from '../../storage/types.ts';
import { captureOf, linkOrigin } from '../archive/record.ts';
import type { Extractor } from '../extract/extractor.ts';
import type { HostLimiter } from '../fetch/host-limiter.ts';
import type { FetchResult, Fetcher, KnownBody } from '../fetch/types.ts';
import { CONTENT_OUTCOMES, classify } from './classify.ts';
import { nextCheckAt, type ScheduleConfig } from './schedule.ts';
import { createSiblingProber, type SiblingProbe } from './sibling-probe.ts';
import { transition } from './transition.ts';

/** The outcomes of CONTENT_OUTCOMES as the list the store takes. */
const CONTENT_OUTCOME_LIST = [...CONTENT_OUTCOMES];

/** Page kinds that are re-checked: listings and feeds change by design. */
export const CHECKED_KINDS: ReadonlySet<PageRow['kind']> = new Set(['article', 'origin']);

export interface RecheckOptions {
  store: Store;
  fetcher: Fetcher;
  /** A page's own fetcher, such as one through its source's proxy; `fetcher` otherwise. */
  fetcherFor?: (page: PageRow) => Fetcher;
  limiter: HostLimiter;
  /** The adapter for a page, or null when none extracts it (an origin on another platform). */
  adapterFor: (page: PageRow) => SourceAdapter | null;
  scheduleFor: (sourceId: string) => ScheduleConfig;
  clock: () => number;
  random?: () => number;
  concurrency: number;
  /** The most pages checked in this run. */
  budget: number;
  /** Check every tracked page now, not only those due. */
  all?: boolean;
  sourceId?: string;
  conditional?: boolean;
  onProgress?: (summary: RecheckSummary, page: PageRow) => void;
  /** Where changed pages are parsed and extracted: worker threads when given, else inline. */
  extractor?: Extractor;
}

export interface RecheckSummary {
  checked: number;
  /** Pages due (or tracked, with --all) but left for a later run because of the budget. */
  deferred: number;
  outcomes: Partial<Record<CheckOutcome, number>>;
  /** Events written, by kind. */
  events: Record<string, number>;
  errors: { url: string; message: string }[];
}

export async function runRechecks(options: RecheckOptions): Promise<RecheckSummary> {
  const { store, clock } = options;
  const random = options.random ?? Math.random;
  const summary: RecheckSummary = { checked: 0, deferred: 0, outcomes: {}, events: {}, errors: [] };
  await scheduleNewPages(options);
  const now = clock();
  const candidates = options.all
    ? (await store.listPages(options.sourceId ? { sourceId: options.sourceId } : undefined)).filter((page) => CHECKED_KINDS.has(page.kind))
    : (await store.duePages(now, options.sourceId ? { sourceId: options.sourceId } : {})).filter((page) => CHECKED_KINDS.has(page.kind));
  const pages = candidates.slice(0, options.budget);
  summary.deferred = candidates.length - pages.length;

  const politeFetch = (
    url: string,
    headers: Record<string, string> = {},
    known: KnownResponse = {},
    fetcher: Fetcher = options.fetcher,
  ): Promise<FetchResult> =>
    options.limiter.schedule(url, () =>
      fetcher.fetch(url, { headers, ifNoneMatch: known.etag ?? null, ifModifiedSince: known.lastModified ?? null, knownBody: known.knownBody ?? null }),
    );
  const probeSibling = createSiblingProber(random);
  const queue = new PQueue({ concurrency: options.concurrency });
  for (const page of pages) {
    void queue.add(async () => {
      try {
        const outcome = await checkPage(page, options, politeFetch, probeSibling, random, summary);
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
        summary.checked++;
      } catch (error) {
        summary.errors.push({ url: page.url, message: (error as Error).message });
      }
      options.onProgress?.(summary, page);
    });
  }
  await queue.onIdle();
  return summary;
}

/** Give every tracked page without a planned check its first one, on its source's schedule. */
async function scheduleNewPages(options: RecheckOptions): Promise<void> {
  const random = options.random ?? Math.random;
  for (const page of await options.store.unscheduledPages()) {
    if (!CHECKED_KINDS.has(page.kind)) continue;
    const anchor = await anchorOf(options.store, page);
    await options.store.setNextCheck(page.id, nextCheckAt(anchor, options.clock(), options.scheduleFor(page.sourceId), random));
  }
}

/** Schedules count from the publication time when known, else from the first capture. */
async function anchorOf(store: Store, page: PageRow): Promise<number> {
  return anchorFrom((await store.latestVersion(page.id))?.publishedAt ?? null, page);
}

function anchorFrom(published: string | null, page: PageRow): number {
  // A bare date (an archive card's 发表日期) is midnight in Shanghai.
  const parsed = published ? Date.parse(published.length === 10 ? `${published}T00:00:00+08:00` : published) : NaN;
  return Number.isNaN(parsed) ? page.firstSeenAt : parsed;
}

async function checkPage(
  page: PageRow,
  options: RecheckOptions,
  politeFetch: (
    url: string,
    headers?: Record<string, string>,
    known?: KnownResponse,
    fetcher?: Fetcher,
  ) => Promise<FetchResult>,
  probeSibling: ReturnType<typeof createSiblingProber>,
  random: () => number,
  summary: RecheckSummary,
): Promise<CheckOutcome> {
  const { store } = options;
  const adapter = options.adapterFor(page);
  // One snapshot of the latest version, the latest content check and the capture that last showed the
  // content: byte equality with that capture means "unchanged"; with a failed or removed capture it would mean nothing.
  const { version: lastGood, check: contentCheck, capture: goodCapture } = await store.recheckBasis(page.id, CONTENT_OUTCOME_LIST);
  const pageUrls = (): Promise<string[]> => store.pageUrls(page.id);
  const conditional = options.conditional !== false && goodCapture?.status === 200 ? validatorsOf(goodCapture.headers) : {};
  // Bytes the same as the last good capture's are classified unchanged without their text (classify.ts).
  const knownBody: KnownBody | null =
    lastGood && goodCapture?.status === 200 && goodCapture.bodyHash !== null && goodCapture.bodySize !== null
      ? { sha256: goodCapture.bodyHash, size: goodCapture.bodySize, contentType: goodCapture.contentType, finalUrl: goodCapture.finalUrl, charset: goodCapture.charset }
      : null;
  // The page's own fetcher (its source's proxy) for the page and for the host's soft-404 probe alike.
  const fetcher = options.fetcherFor?.(page) ?? options.fetcher;
  const result = await politeFetch(page.url, adapter?.fetchHints.headers ?? {}, { ...conditional, knownBody }, fetcher);
  const lastGoodText = async (): Promise<string | null> => (await store.latestArticle(page.id))?.text ?? null;
  const probe = (url: string): Promise<SiblingProbe | null> => probeSibling(url, (target) => politeFetch(target, {}, {}, fetcher));
  const verdict = await classify({ page, pageUrls, adapter, result, lastGoodCapture: goodCapture, lastGood, lastGoodText, probeSibling: probe, extractor: options.extractor });

  const now = options.clock();
  const schedule = options.scheduleFor(page.sourceId);
  // The first sighting of a removal is read only for suspect pages, the few that need it.
  const checks = page.state === 'suspect' ? await store.listChecks(page.id) : [];
  const sighting = [...checks].reverse().find((check) => check.stateAfter === 'suspect' && check.stateBefore !== 'suspect');
  const everHadContent = lastGood !== null || contentCheck !== null;
  const { found } = verdict;
  const articleChanged = found !== null && found.textHash !== lastGood?.textHash;
  // A version is written only when its text changed (the store would also refuse a same-hash one).
  const article = articleChanged ? found.article : null;
  const moved = transition({
    state: page.state,
    stateSince: page.stateSince,
    outcome: verdict.outcome,
    now,
    confirmationGapMs: schedule.confirmationGapMs,
    sightingCheckId: sighting?.id ?? null,
    everHadContent,
    previousArticleId: lastGood?.id ?? null,
    articleChanged,
    removedBy: verdict.notice?.rule.removedBy ?? null,
    notice: verdict.notice?.rule.text ?? null,
  });
  const anchor = anchorFrom(lastGood?.publishedAt ?? null, page);
  const input: CheckInput = {
    pageId: page.id,
    capture: captureOf(result),
    article,
    thread: found?.thread ?? null,
    checkedAt: now,
    outcome: verdict.outcome,
    notice: verdict.notice?.rule.text ?? null,
    noticePlatform: verdict.notice?.rule.platform ?? null,
    removedBy: verdict.notice?.rule.removedBy ?? null,
    detail: verdict.detail,
    stateAfter: moved.stateAfter,
    nextCheckAt: moved.confirmAt ?? nextCheckAt(anchor, now, schedule, random),
    events: moved.events,
  };
  const written = await store.recordCheck(input);
  for (const event of written.events) summary.events[event.kind] = (summary.events[event.kind] ?? 0) + 1;
  if (found && adapter) await linkOrigin(store, adapter, page, found.extracted, now);
  return verdict.outcome;
}

/** What is known of a page's last good response: its validators for a conditional request, and its body. */
interface KnownResponse {
  etag?: string | null;
  lastModified?: string | null;
  knownBody?: KnownBody | null;
}

/** The validators of a stored response, for a conditional request. */
function validatorsOf(headers: [string, string][]): { etag?: string | null; lastModified?: string | null } {
  const find = (name: string): string | null => headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
  return { etag: find('etag'), lastModified: find('last-modified') };
}
