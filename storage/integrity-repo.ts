/**
 * Read-only queries for integrity checks (`memhole verify`, src/verify): blobs as stored, references between
 * rows that find no row, the rows that point at a given row, and SQLite's own structural check. Every reference
 * of the schema is listed once here, foreign keys and the check lists of events alike, so a new table or
 * column is checked by adding one line.
 */
import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from './connection.ts';
import { blobs } from './schema.ts';
import type { ArchiveTable, DanglingReference, Referrer, StoredBlob } from './types.ts';

/** One row-to-row reference: `table.column` holds a key of `target`. */
interface Reference {
  table: ArchiveTable;
  column: string;
  target: ArchiveTable;
  /** The column holds a JSON list of keys rather than one key. */
  list?: boolean;
}

const REFERENCES: readonly Reference[] = [
  { table: 'page_urls', column: 'page_id', target: 'pages' },
  { table: 'captures', column: 'page_id', target: 'pages' },
  { table: 'captures', column: 'parent_capture_id', target: 'captures' },
  { table: 'captures', column: 'body_hash', target: 'blobs' },
  { table: 'articles', column: 'page_id', target: 'pages' },
  { table: 'articles', column: 'capture_id', target: 'captures' },
  { table: 'comment_threads', column: 'page_id', target: 'pages' },
  { table: 'comment_threads', column: 'capture_id', target: 'captures' },
  { table: 'comment_threads', column: 'first_capture_id', target: 'captures' },
  { table: 'comment_threads', column: 'last_capture_id', target: 'captures' },
  { table: 'comments', column: 'thread_id', target: 'comment_threads' },
  { table: 'comments', column: 'parent_id', target: 'comments' },
  { table: 'checks', column: 'page_id', target: 'pages' },
  { table: 'checks', column: 'capture_id', target: 'captures' },
  { table: 'checks', column: 'article_id', target: 'articles' },
  { table: 'events', column: 'page_id', target: 'pages' },
  { table: 'events', column: 'check_ids', target: 'checks', list: true },
  { table: 'events', column: 'from_article_id', target: 'articles' },
  { table: 'events', column: 'to_article_id', target: 'articles' },
  { table: 'page_links', column: 'from_page_id', target: 'pages' },
  { table: 'page_links', column: 'to_page_id', target: 'pages' },
];

/** How each table names a row (as text) and the page it belongs to, over the alias `r`. */
const ROWS: Record<ArchiveTable, { key: string; keyColumn: string; page: string }> = {
  pages: { key: 'r.id', keyColumn: 'id', page: 'r.id' },
  page_urls: { key: 'r.url', keyColumn: 'url', page: 'r.page_id' },
  blobs: { key: 'r.hash', keyColumn: 'hash', page: 'NULL' },
  captures: { key: 'r.id', keyColumn: 'id', page: 'r.page_id' },
  articles: { key: 'r.id', keyColumn: 'id', page: 'r.page_id' },
  comment_threads: { key: 'r.id', keyColumn: 'id', page: 'r.page_id' },
  comments: { key: 'r.id', keyColumn: 'id', page: '(SELECT t.page_id FROM comment_threads t WHERE t.id = r.thread_id)' },
  checks: { key: 'r.id', keyColumn: 'id', page: 'r.page_id' },
  events: { key: 'r.id', keyColumn: 'id', page: 'r.page_id' },
  page_links: { key: "r.from_page_id || '->' || r.to_page_id || ' ' || r.kind", keyColumn: '', page: 'r.from_page_id' },
};

interface FoundRow {
  key: string;
  pageId: number | null;
  value: string;
}

/** Blobs in hash order after `afterHash`, at most `limit`. */
export function selectStoredBlobs(db: Db, afterHash: string | null, limit: number): StoredBlob[] {
  return db
    .select()
    .from(blobs)
    .where(afterHash === null ? undefined : gt(blobs.hash, afterHash))
    .orderBy(asc(blobs.hash))
    .limit(limit)
    .all();
}

/** Every reference that finds no row, in the order of REFERENCES and then of the referring rows. */
export function selectDanglingReferences(db: Db): DanglingReference[] {
  const found: DanglingReference[] = [];
  for (const reference of REFERENCES) {
    const rows = ROWS[reference.table];
    const targetKey = ROWS[reference.target].keyColumn;
    // Table and column names come from the constant lists above, never from input.
    const query = reference.list
      ? `SELECT CAST(${rows.key} AS TEXT) AS key, ${rows.page} AS pageId, CAST(j.value AS TEXT) AS value
         FROM ${reference.table} r, json_each(CASE WHEN json_valid(r.${reference.column}) THEN r.${reference.column} ELSE '[]' END) j
         WHERE NOT EXISTS (SELECT 1 FROM ${reference.target} t WHERE t.${targetKey} = j.value)`
      : `SELECT CAST(${rows.key} AS TEXT) AS key, ${rows.page} AS pageId, CAST(r.${reference.column} AS TEXT) AS value
         FROM ${reference.table} r
         WHERE r.${reference.column} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${reference.target} t WHERE t.${targetKey} = r.${reference.column})`;
    for (const row of db.all<FoundRow>(sql.raw(query))) {
      found.push({
        row: { table: reference.table, key: row.key, pageId: row.pageId },
        column: reference.column,
        target: reference.target,
        value: row.value,
      });
    }
  }
  return found;
}

/** The rows that refer to the row of `table` keyed `key`, with the column that does. */
export function selectReferrers(db: Db, table: ArchiveTable, key: string): Referrer[] {
  const referrers: Referrer[] = [];
  // Integer keys are compared as numbers: json_each yields numbers, which never equal a text key.
  const value = ROWS[table].keyColumn === 'id' ? Number(key) : key;
  for (const reference of REFERENCES.filter((r) => r.target === table)) {
    const rows = ROWS[reference.table];
    const condition = reference.list
      ? sql.raw(`json_valid(r.${reference.column}) AND EXISTS (SELECT 1 FROM json_each(r.${reference.column}) j WHERE j.value = `)
      : sql.raw(`r.${reference.column} = `);
    const query = sql.join([
      sql.raw(`SELECT CAST(${rows.key} AS TEXT) AS key, ${rows.page} AS pageId, '' AS value FROM ${reference.table} r WHERE `),
      condition,
      sql`${value}`,
      sql.raw(`${reference.list ? ')' : ''} ORDER BY r.rowid`),
    ]);
    for (const row of db.all<FoundRow>(query)) {
      referrers.push({ row: { table: reference.table, key: row.key, pageId: row.pageId }, column: reference.column });
    }
  }
  return referrers;
}

/** SQLite's structural check of the whole file (b-trees, indexes, free list): empty when sound. */
export function checkDatabaseFile(db: Db): string[] {
  const lines = db.all<{ quick_check: string }>(sql.raw('PRAGMA quick_check')).map((row) => row.quick_check);
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}
