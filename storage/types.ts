/**
 * The Store interface and the row types it exchanges. Everything above storage/ talks to the archive through
 * these types only; no driver type leaks out. The SQLite implementation is sqlite-store.ts.
 * Times are epoch milliseconds; JSON-ish columns are exposed as parsed values.
 */
import type { ArchiveCard, NamedLink } from '../crawlers/adapter.ts';
import type { TextFingerprint } from './text-fingerprint.ts';
import type { BlobCompression } from './schema.ts';

export type PageKind = 'article' | 'listing' | 'feed' | 'origin';
export type PageState = 'alive' | 'suspect' | 'removed' | 'blocked' | 'unreachable';
/** What one re-check saw (DESIGN.md, "Re-check semantics"). */
export type CheckOutcome =
  | 'unchanged'
  | 'changed'
  | 'not_found'
  | 'gone'
  | 'unavailable_legal'
  | 'soft_deleted'
  | 'redirected_away'
  | 'forbidden'
  | 'rate_limited'
  | 'blocked'
  | 'unreachable'
  | 'extraction_failed'
  | 'error';
/** A state transition (`suspect`, `removed`, `restored`, `alive`, `blocked`, `unreachable`) or an edit. */
export type EventKind = 'suspect' | 'removed' | 'restored' | 'alive' | 'blocked' | 'unreachable' | 'edited';
/** How a capture was made. */
/**
 * `browser`: the DOM as Chromium rendered it; `screenshot`: a full-page PNG (both linked to the HTTP capture);
 * `asset`: an image an article embeds, fetched with the article and linked to its capture.
 */
export type CaptureHow = 'http' | 'browser' | 'screenshot' | 'feed' | 'import' | 'asset';

export interface PageRow {
  id: number;
  canonicalKey: string;
  sourceId: string;
  kind: PageKind;
  /** The first URL the page was seen at. */
  url: string;
  state: PageState;
  stateSince: number;
  firstSeenAt: number;
  nextCheckAt: number | null;
  checkCount: number;
}

export interface RedirectHopRow {
  url: string;
  status: number;
  location: string;
}

/** One fetch, stored whatever it returned. */
export interface CaptureInput {
  pageId: number;
  parentCaptureId?: number | null;
  how: CaptureHow;
  requestedUrl: string;
  finalUrl: string;
  status: number | null;
  redirects: RedirectHopRow[];
  headers: [string, string][];
  requestHeaders: [string, string][];
  remoteAddress: string | null;
  failureKind: string | null;
  failureMessage: string | null;
  truncated: boolean;
  /** Body bytes as received; stored once per sha-256 in blobs. Null or empty when there was no body. */
  body: Uint8Array | null;
  contentType: string | null;
  contentEncoding: string | null;
  charset: string | null;
  capturedAt: number;
  durationMs: number;
}

export interface CaptureRow extends Omit<CaptureInput, 'body'> {
  id: number;
  /** sha-256 hex of the body as received, or null when there was none. */
  bodyHash: string | null;
  bodySize: number | null;
}

export interface CommentInput {
  author: string;
  text: string;
  /** Position of the parent in the same list, or null for a top-level comment. Parents precede replies. */
  parentIndex: number | null;
  postedAt: number | null;
}

export interface ArticleInput {
  pageId: number;
  captureId: number;
  extractorVersion: string;
  title: string;
  headline: string;
  column: string | null;
  author: string | null;
  publishedText: string | null;
  publishedAt: string | null;
  originUrl: string | null;
  originName: string | null;
  topics: NamedLink[];
  collection: NamedLink | null;
  copyright: string | null;
  card: ArchiveCard | null;
  tags: string[];
  categories: string[];
  images: string[];
  embeds: string[];
  /** The body rendered as markdown, without front matter. */
  markdown: string;
  text: string;
  /** sha-256 hex of the normalised title and body text. */
  textHash: string;
  /**
   * The text's fingerprint (fingerprintText), when the caller made it already; the store makes it otherwise.
   * Not a column: it is stored in its own table with the version.
   */
  fingerprint?: TextFingerprint | null;
  /**
   * The body text's full-text index tokens (searchTokens of `text`), when the caller made them already; the store
   * makes them otherwise. Not a column: the index holds them.
   */
  bodySearchTokens?: string | null;
}

export interface ArticleRow extends ArticleInput {
  id: number;
  createdAt: number;
}

/** What a re-check needs of the latest version, without its text and markdown. */
export interface ArticleVersionRef {
  id: number;
  captureId: number;
  textHash: string;
  publishedAt: string | null;
}

export interface ThreadInput {
  pageId: number;
  captureId: number;
  intro: string | null;
  /** sha-256 hex of the normalised comment set. */
  hash: string;
  comments: CommentInput[];
}

export interface ThreadRow {
  id: number;
  pageId: number;
  intro: string | null;
  hash: string;
  firstCaptureId: number;
  lastCaptureId: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface CommentRow {
  id: number;
  threadId: number;
  position: number;
  parentId: number | null;
  author: string;
  text: string;
  postedAt: number | null;
}

/** One re-check as stored. */
export interface CheckRow {
  id: number;
  pageId: number;
  captureId: number;
  checkedAt: number;
  outcome: CheckOutcome;
  status: number | null;
  finalUrl: string | null;
  failureKind: string | null;
  notice: string | null;
  noticePlatform: string | null;
  removedBy: string | null;
  articleId: number | null;
  detail: Record<string, unknown>;
  stateBefore: PageState;
  stateAfter: PageState;
}

export interface EventRow {
  id: number;
  pageId: number;
  kind: EventKind;
  fromState: PageState | null;
  toState: PageState | null;
  at: number;
  checkIds: number[];
  fromArticleId: number | null;
  toArticleId: number | null;
  removalKind: string | null;
  removedBy: string | null;
  notice: string | null;
  detail: Record<string, unknown>;
}

/** An event written with a check; the check's own id and new article are filled in inside the transaction. */
export interface EventInput {
  kind: EventKind;
  fromState: PageState | null;
  toState: PageState | null;
  /** Earlier checks that prove the event, such as the first sighting of a removal. */
  priorCheckIds: number[];
  fromArticleId?: number | null;
  /** True when the event's "after" version is the article this check writes. */
  toThisArticle?: boolean;
  removalKind?: string | null;
  removedBy?: string | null;
  notice?: string | null;
  detail?: Record<string, unknown>;
}

/** Everything one re-check writes, in one transaction: capture, article version, thread, check, state, events. */
export interface CheckInput {
  pageId: number;
  capture: Omit<CaptureInput, 'pageId'>;
  article?: Omit<ArticleInput, 'pageId' | 'captureId'> | null;
  thread?: Omit<ThreadInput, 'pageId' | 'captureId'> | null;
  checkedAt: number;
  outcome: CheckOutcome;
  notice?: string | null;
  noticePlatform?: string | null;
  removedBy?: string | null;
  detail: Record<string, unknown>;
  /** The page's state after this check, and the next check (null: none planned). */
  stateAfter: PageState;
  nextCheckAt: number | null;
  events: EventInput[];
}

export interface CheckWrite {
  check: CheckRow;
  capture: CaptureRow;
  article: ArticleWrite | null;
  events: EventRow[];
}

/** What a re-check compares its fetch with, read in one snapshot before fetching. */
export interface RecheckBasis {
  /** The page's latest article version, as `latestVersion` gives it. */
  version: ArticleVersionRef | null;
  /** The page's latest check among the outcomes asked for (those that show the content). */
  check: CheckRow | null;
  /** The newer of that check's capture and that version's capture: the last one that showed the content. */
  capture: CaptureRow | null;
}

export interface PageLinkRow {
  page: PageRow;
  kind: 'origin';
  firstSeenAt: number;
}

/** Another page's article version whose text is nearly the same as a given one's. */
export interface SimilarText {
  articleId: number;
  pageId: number;
  /** Estimated Jaccard similarity of the two texts' character shingles, 0 to 1. */
  similarity: number;
}

export interface StoreCounts {
  pages: number;
  pageUrls: number;
  captures: number;
  blobs: number;
  articles: number;
  commentThreads: number;
  comments: number;
  checks: number;
  events: number;
}

/** The archive's tables, as integrity checks name them. */
export type ArchiveTable =
  | 'pages'
  | 'page_urls'
  | 'blobs'
  | 'captures'
  | 'articles'
  | 'comment_threads'
  | 'comments'
  | 'checks'
  | 'events'
  | 'page_links';

/** A blob as it lies in the database, still compressed: what an integrity check re-hashes. */
export interface StoredBlob {
  /** The key: sha-256 hex the bytes had when stored. */
  hash: string;
  /** Size of the original bytes. */
  size: number;
  storedSize: number;
  compression: BlobCompression;
  data: Uint8Array;
}

/** A row named by its table and key (an id, a page_urls URL, a page link's "from->to kind"), with its page. */
export interface RowRef {
  table: ArchiveTable;
  key: string;
  pageId: number | null;
}

/** A row whose column refers to a row that does not exist. */
export interface DanglingReference {
  row: RowRef;
  column: string;
  target: ArchiveTable;
  /** The key it refers to. */
  value: string;
}

/** A row that refers to another, and through which column. */
export interface Referrer {
  row: RowRef;
  column: string;
}

/** Result of recording an article: whether a new version was written. */
export interface ArticleWrite {
  article: ArticleRow;
  created: boolean;
}

export interface ThreadWrite {
  thread: ThreadRow;
  created: boolean;
}

export interface PageUpsert {
  canonicalKey: string;
  sourceId: string;
  kind: PageKind;
  url: string;
  seenAt: number;
}

/** The states a search can ask for: a page state, or `restored` (alive again after a removal). */
export type SearchState = PageState | 'restored';

/** A window of epoch milliseconds, both ends included; either may be open. */
export interface TimeRange {
  since?: number;
  until?: number;
}

/** What a search keeps; every filter given must hold. */
export interface SearchFilters {
  sourceIds?: string[];
  states?: SearchState[];
  /** Pages with at least one event of any of these kinds. */
  eventKinds?: EventKind[];
  /** Versions whose topics or tags include any of these (simplified and case-folded on both sides). */
  tags?: string[];
  /** The version's publication time. */
  published?: TimeRange;
  /** When the version (or, for comments, the thread) was captured. */
  captured?: TimeRange;
  /** Pages with a `removed` event in this window. */
  removed?: TimeRange;
}

/** BM25 weights of the indexed fields. */
export interface SearchWeights {
  title: number;
  author: number;
  body: number;
  card: number;
  comments: number;
}

export interface SearchRequest {
  /**
   * Every term must be found in one document (an article version, or a comment thread); a term matches as
   * consecutive text: a substring for Chinese, whole words otherwise.
   */
  terms: string[];
  filters: SearchFilters;
  weights: SearchWeights;
  limit: number;
  offset: number;
}

/** One page that matched, best first. */
export interface SearchHit {
  page: PageRow;
  /** FTS5's BM25 of the page's best document: lower is better. */
  score: number;
  /** The latest article version that matched, or null when only comments matched. */
  articleId: number | null;
  /** The latest comment thread that matched, or null. */
  threadId: number | null;
  /** The page's latest version: what a page found only by its comments is shown with. */
  latestArticleId: number | null;
  /** When the page's latest `removed` and latest `restored` events happened, if it has them. */
  removedAt: number | null;
  restoredAt: number | null;
}

export interface SearchHits {
  /** Pages matching in all, of which `hits` is the window asked for. */
  total: number;
  hits: SearchHit[];
}

/** What `reindex` wrote. */
export interface ReindexSummary {
  articles: number;
  threads: number;
  /** UTF-8 bytes of the text indexed (before folding and tokenising). */
  textBytes: number;
}

export interface SearchIndexStats {
  /** Documents in the index and documents the tables hold (article versions plus comment threads). */
  indexedDocuments: number;
  expectedDocuments: number;
  /** The index's own pages (its shadow tables) in bytes, when asked for: counting them reads every page. */
  indexBytes: number | null;
}

/**
 * The archive's storage. Each method is one transaction. SQLite runs them synchronously behind promises;
 * a PostgreSQL implementation can keep the same contract.
 */
export interface Store {
  /** Find the page by canonical key or create it; either way record `url` as one of its aliases. */
  upsertPage(page: PageUpsert): Promise<PageRow>;
  /** Add a URL alias to an existing page (no-op when known). */
  addPageUrl(pageId: number, url: string, seenAt: number): Promise<void>;
  getPage(id: number): Promise<PageRow | null>;
  getPageByKey(canonicalKey: string): Promise<PageRow | null>;
  /** The page a URL alias belongs to. */
  getPageByUrl(url: string): Promise<PageRow | null>;
  listPages(filter?: { sourceId?: string; kind?: PageKind }): Promise<PageRow[]>;
  pageUrls(pageId: number): Promise<string[]>;

  /** Store the body as a blob (once per hash) and the capture row, in one transaction. */
  recordCapture(capture: CaptureInput): Promise<CaptureRow>;
  getCapture(id: number): Promise<CaptureRow | null>;
  listCaptures(pageId: number): Promise<CaptureRow[]>;
  /** The body bytes of a blob, decompressed, or null when absent. */
  readBlob(hash: string): Promise<Uint8Array | null>;
  hasBlob(hash: string): Promise<boolean>;

  /**
   * Write a new article version unless the page's latest version (by the same extractor version or not)
   * already has this text hash; returns the latest version either way.
   */
  recordArticle(article: ArticleInput): Promise<ArticleWrite>;
  latestArticle(pageId: number): Promise<ArticleRow | null>;
  /** The latest version's identity and hash only: cheap enough for every re-check. */
  latestVersion(pageId: number): Promise<ArticleVersionRef | null>;
  listArticles(pageId?: number): Promise<ArticleRow[]>;
  getArticle(id: number): Promise<ArticleRow | null>;

  /** Write a new thread unless the page's latest thread has this hash; then mark it seen by the capture. */
  recordThread(thread: ThreadInput, seenAt: number): Promise<ThreadWrite>;
  latestThread(pageId: number): Promise<ThreadRow | null>;
  /** Every thread of a page, oldest first. */
  listThreads(pageId: number): Promise<ThreadRow[]>;
  listComments(threadId: number): Promise<CommentRow[]>;

  /** Write a re-check and everything it decided, atomically; the page's check count goes up by one. */
  recordCheck(check: CheckInput): Promise<CheckWrite>;
  /** Pages whose next check is due at `now`, soonest first. */
  duePages(now: number, options?: { limit?: number; sourceId?: string }): Promise<PageRow[]>;
  /** Pages with no check planned yet (never scheduled). */
  unscheduledPages(): Promise<PageRow[]>;
  setNextCheck(pageId: number, at: number | null): Promise<void>;
  /** The newest capture of a page, optionally of some kinds only. */
  lastCapture(pageId: number, how?: CaptureHow[]): Promise<CaptureRow | null>;
  /** The newest stored copy of an asset (an image) fetched from this URL, with its body, or null. */
  findAsset(url: string): Promise<CaptureRow | null>;
  listChecks(pageId: number): Promise<CheckRow[]>;
  /**
   * What a re-check of the page starts from, in one read transaction: its latest version, its latest check
   * among `checkOutcomes`, and the newer of their two captures.
   */
  recheckBasis(pageId: number, checkOutcomes: CheckOutcome[]): Promise<RecheckBasis>;
  /** Checks made at or after `since`, oldest first. */
  listChecksSince(since: number): Promise<CheckRow[]>;
  getChecks(ids: number[]): Promise<CheckRow[]>;
  /** Events oldest first, filtered by page, time (at >= since) and kind. */
  listEvents(filter?: { pageId?: number; since?: number; until?: number; kinds?: EventKind[] }): Promise<EventRow[]>;
  /** Record that `fromPageId` links to `toPageId` (such as an archive card's origin); no-op when known. */
  linkPages(fromPageId: number, toPageId: number, kind: 'origin', at: number): Promise<void>;
  /** Pages this page links to (`from`) or that link to it (`to`). */
  linkedPages(pageId: number, direction: 'from' | 'to'): Promise<PageLinkRow[]>;

  /**
   * Article versions of other pages (any source) whose text is nearly the same as this version's (estimated
   * similarity at least `minSimilarity`, 0.6 by default): the best version per page, most similar first.
   */
  similarTexts(articleId: number, options?: { minSimilarity?: number }): Promise<SimilarText[]>;
  /** Fingerprint the article versions written before fingerprints were kept; returns how many were missing. */
  fillMissingFingerprints(): Promise<number>;
  /** Pages whose article versions or comment threads match every term, ranked by BM25, filtered. */
  search(request: SearchRequest): Promise<SearchHits>;
  /** Rebuild the search index from the article and comment tables, in one transaction. */
  reindexSearch(): Promise<ReindexSummary>;
  /** Documents indexed against documents held; with `size`, the index's bytes too (slow on a large archive). */
  searchIndexStats(options?: { size?: boolean }): Promise<SearchIndexStats>;

  counts(): Promise<StoreCounts>;

  /** Blobs as stored, in hash order after `afterHash` (null: from the first), at most `limit`: a scan in batches. */
  scanBlobs(afterHash: string | null, limit: number): Promise<StoredBlob[]>;
  /** Every reference between rows (foreign keys, the check lists of events) that finds no row. */
  danglingReferences(): Promise<DanglingReference[]>;
  /** The rows that refer to the row of `table` with this key. */
  referrers(table: ArchiveTable, key: string): Promise<Referrer[]>;
  /** SQLite's structural check of the database file; empty when sound. */
  checkDatabaseFile(): Promise<string[]>;

  close(): Promise<void>;
}
