/**
 * The drizzle schema of the SQLite archive: pages and their URL aliases, captures with content-addressed blobs,
 * article versions and comment threads. Migrations in storage/migrations are generated from this file
 * (`npm run db:generate -- --name <what-changed>`); the queries live in the *-repo.ts files beside it.
 * Times are epoch milliseconds; JSON columns hold the values of the row types in types.ts.
 */
import { blob, index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ArchiveCard, NamedLink } from '../crawlers/adapter.ts';
import type { CaptureHow, CheckOutcome, EventKind, PageKind, PageState, RedirectHopRow } from './types.ts';

/** How a blob's bytes are compressed at rest. */
export type BlobCompression = 'br' | 'gzip';

export const pages = sqliteTable(
  'pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    canonicalKey: text('canonical_key').notNull().unique(),
    sourceId: text('source_id').notNull(),
    kind: text('kind').$type<PageKind>().notNull(),
    url: text('url').notNull(),
    state: text('state').$type<PageState>().notNull().default('alive'),
    stateSince: integer('state_since').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    nextCheckAt: integer('next_check_at'),
    checkCount: integer('check_count').notNull().default(0),
  },
  (t) => [index('pages_next_check_at_idx').on(t.nextCheckAt), index('pages_source_id_idx').on(t.sourceId)],
);

export const pageUrls = sqliteTable(
  'page_urls',
  {
    url: text('url').primaryKey(),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [index('page_urls_page_id_idx').on(t.pageId)],
);

export const blobs = sqliteTable('blobs', {
  /** sha-256 hex of the raw (uncompressed) bytes, so identical bodies share one row. */
  hash: text('hash').primaryKey(),
  size: integer('size').notNull(),
  storedSize: integer('stored_size').notNull(),
  compression: text('compression').$type<BlobCompression>().notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

export const captures = sqliteTable(
  'captures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    /** A rendered DOM or a screenshot points at the fetch it was made from. */
    parentCaptureId: integer('parent_capture_id').references((): AnySQLiteColumn => captures.id),
    how: text('how').$type<CaptureHow>().notNull(),
    requestedUrl: text('requested_url').notNull(),
    finalUrl: text('final_url').notNull(),
    /** Null when no response arrived (a network failure). */
    status: integer('status'),
    redirects: text('redirects', { mode: 'json' }).$type<RedirectHopRow[]>().notNull(),
    /** [name, value] pairs in the order received: order and repeats are evidence too. */
    headers: text('headers', { mode: 'json' }).$type<[string, string][]>().notNull(),
    requestHeaders: text('request_headers', { mode: 'json' }).$type<[string, string][]>().notNull(),
    remoteAddress: text('remote_address'),
    failureKind: text('failure_kind'),
    failureMessage: text('failure_message'),
    truncated: integer('truncated', { mode: 'boolean' }).notNull().default(false),
    bodyHash: text('body_hash').references(() => blobs.hash),
    bodySize: integer('body_size'),
    contentType: text('content_type'),
    contentEncoding: text('content_encoding'),
    charset: text('charset'),
    capturedAt: integer('captured_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('captures_page_id_idx').on(t.pageId), index('captures_requested_url_idx').on(t.requestedUrl)],
);

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    captureId: integer('capture_id')
      .notNull()
      .references(() => captures.id),
    extractorVersion: text('extractor_version').notNull(),
    title: text('title').notNull(),
    headline: text('headline').notNull(),
    column: text('column'),
    author: text('author'),
    publishedText: text('published_text'),
    /** ISO 8601 as the adapter gives it: text rather than epoch ms, so the source's own offset survives. */
    publishedAt: text('published_at'),
    originUrl: text('origin_url'),
    originName: text('origin_name'),
    topics: text('topics', { mode: 'json' }).$type<NamedLink[]>().notNull(),
    collection: text('collection', { mode: 'json' }).$type<NamedLink | null>(),
    copyright: text('copyright'),
    card: text('card', { mode: 'json' }).$type<ArchiveCard | null>(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull(),
    images: text('images', { mode: 'json' }).$type<string[]>().notNull(),
    embeds: text('embeds', { mode: 'json' }).$type<string[]>().notNull(),
    markdown: text('markdown').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  // Covering what a re-check reads of the latest version: text_hash is stored after the text and markdown, so
  // reading it from the table walks the row's overflow pages on every check.
  (t) => [index('articles_page_id_id_version_idx').on(t.pageId, t.id, t.captureId, t.textHash, t.publishedAt)],
);

export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    /** The capture the comments were extracted from when this comment set was first seen. */
    captureId: integer('capture_id')
      .notNull()
      .references(() => captures.id),
    intro: text('intro'),
    hash: text('hash').notNull(),
    firstCaptureId: integer('first_capture_id')
      .notNull()
      .references(() => captures.id),
    lastCaptureId: integer('last_capture_id')
      .notNull()
      .references(() => captures.id),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('comment_threads_page_id_id_idx').on(t.pageId, t.id)],
);

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => commentThreads.id),
    position: integer('position').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id),
    author: text('author').notNull(),
    text: text('text').notNull(),
    postedAt: integer('posted_at'),
  },
  (t) => [index('comments_thread_id_position_idx').on(t.threadId, t.position)],
);

/** Every re-check outcome with its evidence. Append-only: never updated, never deleted. */
export const checks = sqliteTable(
  'checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    /** The fetch this check classified. */
    captureId: integer('capture_id')
      .notNull()
      .references(() => captures.id),
    checkedAt: integer('checked_at').notNull(),
    outcome: text('outcome').$type<CheckOutcome>().notNull(),
    status: integer('status'),
    finalUrl: text('final_url'),
    failureKind: text('failure_kind'),
    /** The removal notice matched, as the platform writes it, and what it says about who removed the page. */
    notice: text('notice'),
    noticePlatform: text('notice_platform'),
    removedBy: text('removed_by'),
    /** The article version this check saw, when it extracted one. */
    articleId: integer('article_id').references(() => articles.id),
    /** Why the classifier decided as it did (where a notice matched, soft-404 similarities, ...). */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    stateBefore: text('state_before').$type<PageState>().notNull(),
    stateAfter: text('state_after').$type<PageState>().notNull(),
  },
  (t) => [index('checks_page_id_id_idx').on(t.pageId, t.id), index('checks_checked_at_idx').on(t.checkedAt)],
);

/** State transitions and edits, each naming the checks that prove it. Append-only. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    kind: text('kind').$type<EventKind>().notNull(),
    fromState: text('from_state').$type<PageState>(),
    toState: text('to_state').$type<PageState>(),
    at: integer('at').notNull(),
    checkIds: text('check_ids', { mode: 'json' }).$type<number[]>().notNull(),
    /** For edits: the version before and the version after. */
    fromArticleId: integer('from_article_id').references(() => articles.id),
    toArticleId: integer('to_article_id').references(() => articles.id),
    /** For removals: the outcome that removed it (not_found, soft_deleted, ...), who, and the notice. */
    removalKind: text('removal_kind'),
    removedBy: text('removed_by'),
    notice: text('notice'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('events_page_id_idx').on(t.pageId), index('events_at_idx').on(t.at), index('events_kind_idx').on(t.kind)],
);

/** Links between pages, such as an archive card's 来源 (the `origin` page an article copies). */
export const pageLinks = sqliteTable(
  'page_links',
  {
    fromPageId: integer('from_page_id')
      .notNull()
      .references(() => pages.id),
    toPageId: integer('to_page_id')
      .notNull()
      .references(() => pages.id),
    kind: text('kind').$type<'origin'>().notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromPageId, t.toPageId, t.kind] }), index('page_links_to_page_id_idx').on(t.toPageId)],
);

/**
 * The MinHash fingerprint of each article version's text (text-fingerprint.ts), written with the version. A
 * text too short to fingerprint gets a row with no shingles, so that it is not looked for again.
 */
export const articleFingerprints = sqliteTable(
  'article_fingerprints',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id),
    shingles: integer('shingles').notNull(),
    /** MINHASH_SIZE unsigned 32-bit values, little-endian; empty when the text has no shingles. */
    signature: blob('signature', { mode: 'buffer' }).notNull(),
  },
);

/** The LSH band keys of each fingerprint: texts sharing a key are candidates for near-identical copies. */
export const articleFingerprintBands = sqliteTable(
  'article_fingerprint_bands',
  {
    bandKey: integer('band_key').notNull(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articleFingerprints.articleId),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.articleId] })],
);
