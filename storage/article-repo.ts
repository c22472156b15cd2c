/**
 * Queries on article versions. A page gets a new row only when the text hash differs from its latest
 * version's, so the table is the page's edit history. Transactions are opened by sqlite-store.ts; the lookups
 * every re-check makes are prepared once per connection.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { insertFingerprint } from './fingerprint-repo.ts';
import { articles } from './schema.ts';
import { indexArticle } from './search-repo.ts';
import type { ArticleInput, ArticleRow, ArticleVersionRef, ArticleWrite } from './types.ts';

/** A placeholder bound as given: JSON columns are encoded by the caller, so a null stays SQL NULL. */
const raw = (name: string) => sql`${sql.placeholder(name)}`;

const statements = preparedPerConnection((db) => ({
  insertArticle: db
    .insert(articles)
    .values({
      pageId: sql.placeholder('pageId'),
      captureId: sql.placeholder('captureId'),
      extractorVersion: sql.placeholder('extractorVersion'),
      title: sql.placeholder('title'),
      headline: sql.placeholder('headline'),
      column: sql.placeholder('column'),
      author: sql.placeholder('author'),
      publishedText: sql.placeholder('publishedText'),
      publishedAt: sql.placeholder('publishedAt'),
      originUrl: sql.placeholder('originUrl'),
      originName: sql.placeholder('originName'),
      topics: raw('topics'),
      collection: raw('collection'),
      copyright: sql.placeholder('copyright'),
      card: raw('card'),
      tags: raw('tags'),
      categories: raw('categories'),
      images: raw('images'),
      embeds: raw('embeds'),
      markdown: sql.placeholder('markdown'),
      text: sql.placeholder('text'),
      textHash: sql.placeholder('textHash'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning({ id: articles.id })
    .prepare(),
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
  const { fingerprint, bodySearchTokens, ...fields } = article;
  // RETURNING always yields the id; the row is the one just written, so it is built from what was written
  // rather than read back (a version's text and markdown are the largest values a crawl writes).
  const { id } = statements(db).insertArticle.get({
    ...fields,
    topics: JSON.stringify(fields.topics),
    collection: fields.collection === null ? null : JSON.stringify(fields.collection),
    card: fields.card === null ? null : JSON.stringify(fields.card),
    tags: JSON.stringify(fields.tags),
    categories: JSON.stringify(fields.categories),
    images: JSON.stringify(fields.images),
    embeds: JSON.stringify(fields.embeds),
    createdAt: now,
  })!;
  const row: ArticleRow = { ...fields, id, createdAt: now };
  insertFingerprint(db, row, fingerprint);
  indexArticle(db, row, capturedAt, bodySearchTokens);
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
