/**
 * The full-text index's writes and queries (tables in migration 0005). An article version or a comment thread
 * is indexed in the transaction that writes its row (article-repo.ts, thread-repo.ts); `rebuildSearchIndex`
 * writes everything again from the tables. Folding and tokenising are search-text.ts's; parsing queries,
 * snippets and presentation are src/search's.
 */
import type Database from 'better-sqlite3';
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { articles, comments, commentThreads, events, pages } from './schema.ts';
import { foldForSearch, foldTag, indexTokens, termPhrase } from './search-text.ts';
import type { ArticleRow, ReindexSummary, SearchFilters, SearchHit, SearchHits, SearchIndexStats, SearchRequest, TimeRange } from './types.ts';

/** Rows read per batch while rebuilding, so memory stays bounded whatever the archive's size. */
const REBUILD_BATCH = 256;
const INDEX_TABLES = ['search_index_data', 'search_index_idx', 'search_index_docsize', 'search_index_config', 'search_docs'];

/** What the index reads of an article version. */
export type IndexedArticle = Pick<
  ArticleRow,
  | 'id'
  | 'pageId'
  | 'captureId'
  | 'title'
  | 'headline'
  | 'author'
  | 'text'
  | 'column'
  | 'originName'
  | 'topics'
  | 'collection'
  | 'copyright'
  | 'card'
  | 'tags'
  | 'categories'
  | 'publishedAt'
>;

/** The indexed fields of an article version, as text: what a search matches and a snippet is cut from. */
export interface ArticleSearchFields {
  title: string;
  author: string;
  body: string;
  /** Card and metadata: column, origin, topics, tags, categories, collection, copyright. */
  card: string;
}

/** The text an article version is indexed under, field by field. */
export function articleSearchFields(article: Omit<IndexedArticle, 'id' | 'pageId' | 'captureId' | 'publishedAt'>): ArticleSearchFields {
  const card = article.card;
  const names = [
    article.column,
    article.originName,
    ...article.topics.map((topic) => topic.name),
    ...article.tags,
    ...article.categories,
    article.collection?.name,
    article.copyright,
    card?.title,
    card?.author,
    card?.sourceName,
    ...(card?.topics ?? []).map((topic) => topic.name),
    card?.collection?.name,
    card?.copyright,
  ];
  const title = article.title.includes(article.headline) ? article.title : `${article.title}\n${article.headline}`;
  return {
    title,
    author: article.author ?? '',
    body: article.text,
    card: [...new Set(names.filter((name): name is string => Boolean(name && name.trim())))].join('\n'),
  };
}

/** The text a comment thread is indexed under: its intro, then each comment's author and text. */
export function threadSearchText(intro: string | null, list: { author: string; text: string }[]): string {
  return [intro ?? '', ...list.map((comment) => `${comment.author}\n${comment.text}`)].filter(Boolean).join('\n');
}

const statements = preparedPerConnection((db) => ({
  insertIndex: db.$client.prepare('INSERT INTO search_index (rowid, body, title, author, card, comments) VALUES (?, ?, ?, ?, ?, ?)'),
  insertDoc: db.$client.prepare('INSERT INTO search_docs (doc, page_id, published_at, captured_at) VALUES (?, ?, ?, ?)'),
  capturedAt: db.$client.prepare('SELECT captured_at FROM captures WHERE id = ?').pluck(),
}));

/**
 * Index a new article version; returns the UTF-8 bytes of text indexed. `bodyTokens` are searchTokens of its
 * text when the caller made them already (off the writing thread).
 */
export function indexArticle(db: Db, article: IndexedArticle, capturedAt?: number, bodyTokens?: string | null): number {
  const fields = articleSearchFields(article);
  const prepared = statements(db);
  const body = bodyTokens !== undefined ? bodyTokens : searchTokens(fields.body);
  prepared.insertIndex.run(article.id, body, searchTokens(fields.title), searchTokens(fields.author), searchTokens(fields.card), null);
  const published = article.publishedAt === null ? Number.NaN : Date.parse(article.publishedAt);
  const captured = capturedAt ?? (prepared.capturedAt.get(article.captureId) as number);
  prepared.insertDoc.run(article.id, article.pageId, Number.isNaN(published) ? null : published, captured);
  return utf8Bytes(fields.title) + utf8Bytes(fields.author) + utf8Bytes(fields.body) + utf8Bytes(fields.card);
}

/** Index a new comment thread under its negated id; returns the UTF-8 bytes of text indexed. */
export function indexThread(
  db: Db,
  thread: { id: number; pageId: number; firstSeenAt: number; intro: string | null },
  list: { author: string; text: string }[],
): number {
  const text = threadSearchText(thread.intro, list);
  const prepared = statements(db);
  prepared.insertIndex.run(-thread.id, null, null, null, null, searchTokens(text));
  prepared.insertDoc.run(-thread.id, thread.pageId, null, thread.firstSeenAt);
  return utf8Bytes(text);
}

/** What the full-text index holds for a text: its folded tokens, or null for no text. */
export function searchTokens(text: string): string | null {
  return text ? indexTokens(foldForSearch(text)) : null;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Empty the index and write every article version and comment thread into it again. */
export function rebuildSearchIndex(db: Db): ReindexSummary {
  db.run(sql`INSERT INTO search_index (search_index) VALUES ('delete-all')`);
  db.run(sql`DELETE FROM search_docs`);
  const summary: ReindexSummary = { articles: 0, threads: 0, textBytes: 0 };
  inBatches(
    (after) =>
      db
        .select({
          id: articles.id,
          pageId: articles.pageId,
          captureId: articles.captureId,
          title: articles.title,
          headline: articles.headline,
          author: articles.author,
          text: articles.text,
          column: articles.column,
          originName: articles.originName,
          topics: articles.topics,
          collection: articles.collection,
          copyright: articles.copyright,
          card: articles.card,
          tags: articles.tags,
          categories: articles.categories,
          publishedAt: articles.publishedAt,
        })
        .from(articles)
        .where(gt(articles.id, after))
        .orderBy(asc(articles.id))
        .limit(REBUILD_BATCH)
        .all(),
    (batch) => {
      for (const article of batch) summary.textBytes += indexArticle(db, article);
      summary.articles += batch.length;
    },
  );
  inBatches(
    (after) =>
      db
        .select({ id: commentThreads.id, pageId: commentThreads.pageId, firstSeenAt: commentThreads.firstSeenAt, intro: commentThreads.intro })
        .from(commentThreads)
        .where(gt(commentThreads.id, after))
        .orderBy(asc(commentThreads.id))
        .limit(REBUILD_BATCH)
        .all(),
    (batch) => {
      const byThread = new Map<number, { author: string; text: string }[]>(batch.map((thread) => [thread.id, []]));
      const rows = db
        .select({ threadId: comments.threadId, author: comments.author, text: comments.text })
        .from(comments)
        .where(inArray(comments.threadId, [...byThread.keys()]))
        .orderBy(asc(comments.threadId), asc(comments.position))
        .all();
      for (const row of rows) byThread.get(row.threadId)!.push(row);
      for (const thread of batch) summary.textBytes += indexThread(db, thread, byThread.get(thread.id)!);
      summary.threads += batch.length;
    },
  );
  return summary;
}

/** Rows by ascending id, a batch at a time: `read` gives the batch after an id, `each` handles it. */
function inBatches<T extends { id: number }>(read: (after: number) => T[], each: (batch: T[]) => void): void {
  for (let batch = read(0); batch.length; batch = read(batch.at(-1)!.id)) each(batch);
}

/** How many documents the index holds against the tables, and (when `size`) the bytes of its own pages. */
export function searchIndexStats(db: Db, size: boolean): SearchIndexStats {
  const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM search_docs`).n;
  const expected = db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM comment_threads) AS n`).n;
  const bytes = size
    ? (db.get<{ n: number | null }>(
        sql`SELECT sum(pgsize) AS n FROM dbstat WHERE aggregate = TRUE AND name IN (${sql.join(INDEX_TABLES.map((name) => sql`${name}`), sql`, `)})`,
      ).n ?? 0)
    : null;
  return { indexedDocuments: indexed, expectedDocuments: expected, indexBytes: bytes };
}

interface HitRow {
  page_id: number;
  score: number;
  article_id: number | null;
  thread_id: number | null;
  latest_article_id: number | null;
  total: number;
}

/** A piece of SQL with its bound values, for the statements searches build from their filters. */
interface Clause {
  text: string;
  values: unknown[];
}

/** Distinct search statements kept prepared per connection: one per shape of filters used. */
const MAX_CACHED_SEARCHES = 64;
const searchStatements = preparedPerConnection(() => new Map<string, Database.Statement>());

/**
 * Pages with a document matching every term, best BM25 first. A page is listed once, with the latest article
 * version and thread that matched; document filters (published, captured, tags) apply to each document before
 * pages are grouped, page filters (source, state, events, removal time) to the page. Written as plain SQL and
 * kept prepared: building and preparing the statement cost more than running it on a typical query.
 */
export function searchPages(db: Db, request: SearchRequest): SearchHits {
  const phrases = request.terms.map(termPhrase).filter((phrase): phrase is string => phrase !== null);
  if (!phrases.length) return { total: 0, hits: [] };
  const { title, author, body, card, comments: commentWeight } = request.weights;
  const conditions = filterConditions(request.filters);
  const where = conditions.length ? `WHERE ${conditions.map((c) => c.text).join(' AND ')}` : '';
  const ranked = `
    -- Materialized: flattened into the grouping below, bm25() would be called out of its MATCH context.
    WITH hits AS MATERIALIZED (
      SELECT rowid AS doc, bm25(search_index, ?, ?, ?, ?, ?) AS score FROM search_index WHERE search_index MATCH ?
    ),
    matched AS (
      SELECT d.page_id AS page_id, min(h.score) AS score,
        max(CASE WHEN h.doc > 0 THEN h.doc END) AS article_id, -min(CASE WHEN h.doc < 0 THEN h.doc END) AS thread_id
      FROM hits h JOIN search_docs d ON d.doc = h.doc ${pageFiltered(request.filters) ? 'JOIN pages p ON p.id = d.page_id' : ''}
      ${where}
      GROUP BY d.page_id
    )`;
  const values = [body, title, author, card, commentWeight, phrases.join(' AND '), ...conditions.flatMap((c) => c.values)];
  // The latest version is looked up for the pages shown only, after the limit.
  const rows = statement(
    db,
    `${ranked}
    SELECT shown.*, (SELECT max(a.id) FROM articles a WHERE a.page_id = shown.page_id) AS latest_article_id
    FROM (SELECT page_id, score, article_id, thread_id, count(*) OVER () AS total FROM matched ORDER BY score, page_id LIMIT ? OFFSET ?) shown
    ORDER BY score, page_id`,
  ).all(...values, request.limit, request.offset) as HitRow[];
  const total = rows[0]?.total ?? (request.offset > 0 ? (statement(db, `${ranked} SELECT count(*) FROM matched`).pluck().get(...values) as number) : 0);
  const pageIds = rows.map((row) => row.page_id);
  const pageById = new Map(
    pageIds.length ? db.select().from(pages).where(inArray(pages.id, pageIds)).all().map((page) => [page.id, page]) : [],
  );
  const lastEvents = lastRemovalEvents(db, pageIds);
  const hits: SearchHit[] = rows.map((row) => ({
    page: pageById.get(row.page_id)!,
    score: row.score,
    articleId: row.article_id,
    threadId: row.thread_id,
    latestArticleId: row.latest_article_id,
    removedAt: lastEvents.get(`${row.page_id}:removed`) ?? null,
    restoredAt: lastEvents.get(`${row.page_id}:restored`) ?? null,
  }));
  return { total, hits };
}

function statement(db: Db, text: string): Database.Statement {
  const cache = searchStatements(db);
  let prepared = cache.get(text);
  if (prepared === undefined) {
    prepared = db.$client.prepare(text);
    // An unusual shape runs prepared but uncached, so the cache stays small whatever the callers ask.
    if (cache.size < MAX_CACHED_SEARCHES) cache.set(text, prepared);
  }
  return prepared;
}

/** The time of each page's latest `removed` and latest `restored` event, keyed "pageId:kind". */
function lastRemovalEvents(db: Db, pageIds: number[]): Map<string, number> {
  if (!pageIds.length) return new Map();
  const rows = db
    .select({ pageId: events.pageId, kind: events.kind, at: sql<number>`max(${events.at})` })
    .from(events)
    .where(and(inArray(events.pageId, pageIds), inArray(events.kind, ['removed', 'restored'])))
    .groupBy(events.pageId, events.kind)
    .all();
  return new Map(rows.map((row) => [`${row.pageId}:${row.kind}`, row.at]));
}

/** True when a filter needs the page row (`p`). */
function pageFiltered(filters: SearchFilters): boolean {
  return Boolean(filters.sourceIds?.length || filters.states?.length || filters.eventKinds?.length || filters.removed);
}

/** The filters as conditions on `d` (search_docs) and `p` (pages, joined when pageFiltered). */
function filterConditions(filters: SearchFilters): Clause[] {
  const conditions: Clause[] = [];
  if (filters.sourceIds?.length) conditions.push(oneOf('p.source_id', filters.sourceIds));
  if (filters.states?.length) {
    const plain = filters.states.filter((state) => state !== 'restored');
    const either: Clause[] = [];
    if (plain.length) either.push(oneOf('p.state', plain));
    if (filters.states.includes('restored')) {
      either.push({ text: "(p.state = 'alive' AND EXISTS (SELECT 1 FROM events e WHERE e.page_id = p.id AND e.kind = 'restored'))", values: [] });
    }
    conditions.push({ text: `(${either.map((c) => c.text).join(' OR ')})`, values: either.flatMap((c) => c.values) });
  }
  if (filters.eventKinds?.length) {
    const kinds = oneOf('e.kind', filters.eventKinds);
    conditions.push({ text: `EXISTS (SELECT 1 FROM events e WHERE e.page_id = p.id AND ${kinds.text})`, values: kinds.values });
  }
  if (filters.removed) {
    const at = inRange('e.at', filters.removed);
    conditions.push({ text: `EXISTS (SELECT 1 FROM events e WHERE e.page_id = p.id AND e.kind = 'removed' AND ${at.text})`, values: at.values });
  }
  if (filters.captured) conditions.push(inRange('d.captured_at', filters.captured));
  if (filters.published) {
    // A thread is dated by its page's latest version, read from the covering index on (page_id, id, ..., published_at).
    const published = 'coalesce(d.published_at, (SELECT unixepoch(a.published_at) * 1000 FROM articles a WHERE a.page_id = d.page_id ORDER BY a.id DESC LIMIT 1))';
    const range = inRange(published, filters.published);
    // Even an open range asks for a date: a page without one was not published in any window.
    conditions.push({ text: `${published} IS NOT NULL AND ${range.text}`, values: range.values });
  }
  if (filters.tags?.length) {
    const wanted = [...new Set(filters.tags.map(foldTag))];
    const marks = wanted.map(() => '?').join(', ');
    const version = '(CASE WHEN d.doc > 0 THEN d.doc ELSE (SELECT max(a.id) FROM articles a WHERE a.page_id = d.page_id) END)';
    conditions.push({
      text: `EXISTS (
        SELECT 1 FROM articles a, json_each(a.topics) t WHERE a.id = ${version} AND search_fold(json_extract(t.value, '$.name')) IN (${marks})
        UNION ALL
        SELECT 1 FROM articles a, json_each(a.tags) t WHERE a.id = ${version} AND search_fold(t.value) IN (${marks}))`,
      values: [...wanted, ...wanted],
    });
  }
  return conditions;
}

function oneOf(column: string, values: readonly string[]): Clause {
  return { text: `${column} IN (${values.map(() => '?').join(', ')})`, values: [...values] };
}

/** The expression within the range; "1" (true) when the range is open at both ends. */
function inRange(expression: string, range: TimeRange): Clause {
  const bounds: string[] = [];
  const values: number[] = [];
  if (range.since !== undefined) {
    bounds.push(`${expression} >= ?`);
    values.push(range.since);
  }
  if (range.until !== undefined) {
    bounds.push(`${expression} <= ?`);
    values.push(range.until);
  }
  return { text: bounds.length ? bounds.join(' AND ') : '1', values };
}
