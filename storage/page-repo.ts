/**
 * Queries on pages and their URL aliases. A page is found by canonical key; every URL it was seen at is an
 * alias in page_urls, so several URLs resolve to one page. Transactions are opened by sqlite-store.ts; the
 * alias list a re-check reads after a redirect is prepared once per connection.
 */
import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { pages, pageUrls } from './schema.ts';
import type { PageKind, PageRow, PageUpsert } from './types.ts';

const statements = preparedPerConnection((db) => ({
  pageUrls: db
    .select({ url: pageUrls.url })
    .from(pageUrls)
    .where(eq(pageUrls.pageId, sql.placeholder('pageId')))
    // rowid breaks ties between aliases recorded in the same millisecond by insertion order.
    .orderBy(asc(pageUrls.firstSeenAt), asc(sql`rowid`))
    .prepare(),
}));

/** The page with this canonical key, created if needed, with `url` recorded as an alias either way. */
export function upsertPage(db: Db, page: PageUpsert): PageRow {
  const row =
    findPageByKey(db, page.canonicalKey) ??
    db
      .insert(pages)
      .values({
        canonicalKey: page.canonicalKey,
        sourceId: page.sourceId,
        kind: page.kind,
        url: page.url,
        stateSince: page.seenAt,
        firstSeenAt: page.seenAt,
      })
      .returning()
      .get();
  insertPageUrl(db, row.id, page.url, page.seenAt);
  return row;
}

/** Record an alias; a URL already known (for this page or another) keeps its first owner. */
export function insertPageUrl(db: Db, pageId: number, url: string, seenAt: number): void {
  db.insert(pageUrls).values({ url, pageId, firstSeenAt: seenAt }).onConflictDoNothing().run();
}

export function findPage(db: Db, id: number): PageRow | null {
  return db.select().from(pages).where(eq(pages.id, id)).get() ?? null;
}

export function findPageByKey(db: Db, canonicalKey: string): PageRow | null {
  return db.select().from(pages).where(eq(pages.canonicalKey, canonicalKey)).get() ?? null;
}

export function findPageByUrl(db: Db, url: string): PageRow | null {
  return (
    db
      .select(getTableColumns(pages))
      .from(pageUrls)
      .innerJoin(pages, eq(pages.id, pageUrls.pageId))
      .where(eq(pageUrls.url, url))
      .get() ?? null
  );
}

export function selectPages(db: Db, filter: { sourceId?: string; kind?: PageKind } = {}): PageRow[] {
  const conditions: SQL[] = [];
  if (filter.sourceId !== undefined) conditions.push(eq(pages.sourceId, filter.sourceId));
  if (filter.kind !== undefined) conditions.push(eq(pages.kind, filter.kind));
  return db
    .select()
    .from(pages)
    .where(and(...conditions))
    .orderBy(asc(pages.id))
    .all();
}

/** A page's aliases in the order they were recorded. */
export function selectPageUrls(db: Db, pageId: number): string[] {
  return statements(db)
    .pageUrls.all({ pageId })
    .map((row) => row.url);
}
