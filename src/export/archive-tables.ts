/**
 * The archive as three tables for analysis (JSONL and CSV exports): every article version, every check and
 * every event, read page by page so a large archive never sits in memory at once. The columns are fixed and
 * documented here; times are ISO 8601 in UTC; lists are arrays (joined with "; " in CSV).
 *
 * articles: page_key, url (first URL of the page), source, page_state, version (1 = first), article_id,
 *   capture_id, capture_how, capture_url, captured_at, title, headline, author, published_at (ISO as the site
 *   gives it), published_text, column, origin_name, origin_url, card_title, card_author, card_published, topics,
 *   collection, copyright, tags, categories, extractor_version, text_hash, markdown_path (where `memhole export
 *   markdown` writes this version), body (markdown, plain text or empty, as asked)
 * checks: check_id, page_key, url, source, checked_at, outcome, status, final_url, notice, notice_platform,
 *   removed_by, failure_kind, state_before, state_after, capture_id, article_id
 * events: event_id, page_key, url, source, at, kind, from_state, to_state, removal_kind, removed_by, notice,
 *   check_ids, from_article_id, to_article_id
 */
import type { ArticleRow, CaptureRow, CheckRow, EventRow, PageRow, Store } from '../../storage/index.ts';
import { versionPath } from './markdown-tree.ts';

export const TABLES = ['articles', 'checks', 'events'] as const;
export type TableName = (typeof TABLES)[number];

export const COLUMNS = {
  articles: [
    'page_key', 'url', 'source', 'page_state', 'version', 'article_id', 'capture_id', 'capture_how', 'capture_url',
    'captured_at', 'title', 'headline', 'author', 'published_at', 'published_text', 'column', 'origin_name',
    'origin_url', 'card_title', 'card_author', 'card_published', 'topics', 'collection', 'copyright', 'tags',
    'categories', 'extractor_version', 'text_hash', 'markdown_path', 'body',
  ],
  checks: [
    'check_id', 'page_key', 'url', 'source', 'checked_at', 'outcome', 'status', 'final_url', 'notice',
    'notice_platform', 'removed_by', 'failure_kind', 'state_before', 'state_after', 'capture_id', 'article_id',
  ],
  events: [
    'event_id', 'page_key', 'url', 'source', 'at', 'kind', 'from_state', 'to_state', 'removal_kind', 'removed_by',
    'notice', 'check_ids', 'from_article_id', 'to_article_id',
  ],
} as const satisfies Record<TableName, readonly string[]>;

export type Cell = string | number | null | string[] | number[];
export type TableRow = Record<string, Cell>;

/** What the articles table carries as the body of each version. */
export type BodyChoice = 'markdown' | 'text' | 'none';

export interface ArchiveTablesOptions {
  sourceId?: string;
  body: BodyChoice;
  onProgress?: (progress: { pages: number; pagesTotal: number }) => void;
}

/** Every row of the three tables, page by page, oldest first within a page. */
export async function* archiveRows(store: Store, options: ArchiveTablesOptions): AsyncGenerator<{ table: TableName; row: TableRow }> {
  const pages = await store.listPages(options.sourceId ? { sourceId: options.sourceId } : {});
  for (const [index, page] of pages.entries()) {
    const versions = await store.listArticles(page.id);
    for (const [number, version] of versions.entries()) {
      yield { table: 'articles', row: articleRow(page, version, number + 1, await store.getCapture(version.captureId), options.body) };
    }
    for (const check of await store.listChecks(page.id)) yield { table: 'checks', row: checkRow(page, check) };
    for (const event of await store.listEvents({ pageId: page.id })) yield { table: 'events', row: eventRow(page, event) };
    options.onProgress?.({ pages: index + 1, pagesTotal: pages.length });
  }
}

function articleRow(page: PageRow, version: ArticleRow, number: number, capture: CaptureRow | null, body: BodyChoice): TableRow {
  const capturedAt = capture?.capturedAt ?? version.createdAt;
  return {
    ...pageColumns(page),
    page_state: page.state,
    version: number,
    article_id: version.id,
    capture_id: version.captureId,
    capture_how: capture?.how ?? null,
    capture_url: capture?.finalUrl ?? null,
    captured_at: iso(capturedAt),
    title: version.title,
    headline: version.headline,
    author: version.author,
    published_at: version.publishedAt,
    published_text: version.publishedText,
    column: version.column,
    origin_name: version.originName,
    origin_url: version.originUrl,
    card_title: version.card?.title ?? null,
    card_author: version.card?.author ?? null,
    card_published: version.card?.publishedAt ?? version.card?.publishedText ?? null,
    topics: version.topics.map((topic) => topic.name),
    collection: version.collection?.name ?? null,
    copyright: version.copyright,
    tags: version.tags,
    categories: version.categories,
    extractor_version: version.extractorVersion,
    text_hash: version.textHash,
    markdown_path: versionPath(page, version, capturedAt, number),
    body: body === 'markdown' ? version.markdown : body === 'text' ? version.text : null,
  };
}

function checkRow(page: PageRow, check: CheckRow): TableRow {
  return {
    check_id: check.id,
    ...pageColumns(page),
    checked_at: iso(check.checkedAt),
    outcome: check.outcome,
    status: check.status,
    final_url: check.finalUrl,
    notice: check.notice,
    notice_platform: check.noticePlatform,
    removed_by: check.removedBy,
    failure_kind: check.failureKind,
    state_before: check.stateBefore,
    state_after: check.stateAfter,
    capture_id: check.captureId,
    article_id: check.articleId,
  };
}

function eventRow(page: PageRow, event: EventRow): TableRow {
  return {
    event_id: event.id,
    ...pageColumns(page),
    at: iso(event.at),
    kind: event.kind,
    from_state: event.fromState,
    to_state: event.toState,
    removal_kind: event.removalKind,
    removed_by: event.removedBy,
    notice: event.notice,
    check_ids: event.checkIds,
    from_article_id: event.fromArticleId,
    to_article_id: event.toArticleId,
  };
}

function pageColumns(page: PageRow): TableRow {
  return { page_key: page.canonicalKey, url: page.url, source: page.sourceId };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
