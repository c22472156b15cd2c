/**
 * Queries on article versions. A page gets a new row only when the text hash differs from its latest
 * version's, so the table is the page's edit history. Transactions are opened by sqlite-store.ts.
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from './connection.ts';
import { articles } from './schema.ts';
import type { ArticleInput, ArticleRow, ArticleVersionRef, ArticleWrite } from './types.ts';

export function recordArticle(db: Db, article: ArticleInput, now: number): ArticleWrite {
  const latest = findLatestArticle(db, article.pageId);
  if (latest !== null && latest.textHash === article.textHash) return { article: latest, created: false };
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
  return { article: row, created: true };
}

/** The page's newest version: the highest id, since versions are only ever appended. */
export function findLatestArticle(db: Db, pageId: number): ArticleRow | null {
  return (
    db.select().from(articles).where(eq(articles.pageId, pageId)).orderBy(desc(articles.id)).limit(1).get() ?? null
  );
}

export function findLatestVersion(db: Db, pageId: number): ArticleVersionRef | null {
  return (
    db
      .select({ id: articles.id, captureId: articles.captureId, textHash: articles.textHash, publishedAt: articles.publishedAt })
      .from(articles)
      .where(eq(articles.pageId, pageId))
      .orderBy(desc(articles.id))
      .limit(1)
      .get() ?? null
  );
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
