/**
 * Queries on article versions. A page gets a new row only when the text hash differs from its latest
 * version's, so the table is the page's edit history. Transactions are opened by sqlite-store.ts; the lookups
 * every re-check makes are prepared once per connection.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { articles } from './schema.ts';
import { indexArticle } from './search-repo.ts';
import type { ArticleInput, ArticleRow, ArticleVersionRef, ArticleWrite } from './types.ts';

const statements = preparedPerConnection((db) => ({
  article: db
    .select()
    .from(articles)
    .where(eq(articles.id, sql.placeholder('id')))
    .prepare(),
  latestArticle: db
    .select()
    .from(articles)
    .where(eq(articles.pageId, sql.placeholder('pageId')))
    .orderBy(desc(articles.id))
    .limit(1)
    .prepare(),
  latestVersion: db
    .select({ id: articles.id, captureId: articles.captureId, textHash: articles.textHash, publishedAt: articles.publishedAt })
    .from(articles)
    .where(eq(articles.pageId, sql.placeholder('pageId')))
    .orderBy(desc(articles.id))
    .limit(1)
    .prepare(),
}));

/**
 * Write a new version unless the latest has this text hash, indexing it for search in the same transaction.
 * `capturedAt` is the capture's time when the caller has it at hand (saves reading the capture row).
 */
export function recordArticle(db: Db, article: ArticleInput, now: number, capturedAt?: number): ArticleWrite {
  // The hash alone decides; the whole row (text and markdown) is read only to return an unchanged version,
  // in the same transaction, so it is the row just found.
  const latest = findLatestVersion(db, article.pageId);
  if (latest !== null && latest.textHash === article.textHash) return { article: findLatestArticle(db, article.pageId)!, created: false };
  const row = db
    .insert(articles)
    .values({
      pageId: article.pageId,
      captureId: article.captureId,
      extractorVersion: article.extractorVersion,
      title: article.title,
      headline: article.headline,
      column: article.column,
      author: article.author,
      publishedText: article.publishedText,
      publishedAt: article.publishedAt,
      originUrl: article.originUrl,
      originName: article.originName,
      topics: article.topics,
      collection: article.collection,
      copyright: article.copyright,
      card: article.card,
      tags: article.tags,
      categories: article.categories,
      images: article.images,
      embeds: article.embeds,
      markdown: article.markdown,
      text: article.text,
      textHash: article.textHash,
      createdAt: now,
    })
    .returning()
    .get();
  indexArticle(db, row, capturedAt);
  return { article: row, created: true };
}

/** The page's newest version: the highest id, since versions are only ever appended. */
export function findLatestArticle(db: Db, pageId: number): ArticleRow | null {
  return statements(db).latestArticle.get({ pageId }) ?? null;
}

export function findLatestVersion(db: Db, pageId: number): ArticleVersionRef | null {
  return statements(db).latestVersion.get({ pageId }) ?? null;
}

/** One version by id (each result of a search reads one). */
export function findArticle(db: Db, id: number): ArticleRow | null {
  return statements(db).article.get({ id }) ?? null;
}

/** Versions oldest first, of one page or of all. */
export function selectArticles(db: Db, pageId?: number): ArticleRow[] {
  return db
    .select()
    .from(articles)
    .where(pageId === undefined ? undefined : eq(articles.pageId, pageId))
    .orderBy(asc(articles.id))
    .all();
}
