/**
 * `memhole verify` on an archive crawled through the CLI: clean, it exits 0; with a blob's bytes changed on disk,
 * a blob's bytes replaced in the database, a blob deleted and a comment thread deleted, it names each one with the
 * rows that depend on it, exits 1, and leaves the database file exactly as it was.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/verify/verify-archive.ts';
import { DATABASE_FILE } from '../../storage/index.ts';
import { buildCrawledArchive, type CrawledArchive } from '../helpers/crawled-archive.ts';

let archive: CrawledArchive;
let dbFile: string;

beforeAll(async () => {
  archive = await buildCrawledArchive();
  dbFile = join(archive.dataDir, DATABASE_FILE);
}, 120_000);

afterAll(async () => {
  await archive?.close();
});

const fileHash = (): string => createHash('sha256').update(readFileSync(dbFile)).digest('hex');

/** Work on the database file directly, as damage or a careless hand would, foreign keys not enforced. */
function tamper<T>(work: (db: Database.Database) => T): T {
  const db = new Database(dbFile);
  try {
    db.pragma('foreign_keys = OFF');
    return work(db);
  } finally {
    db.close();
  }
}

interface BlobTarget {
  hash: string;
  captureIds: string[];
  articleIds: string[];
  /** The canonical key of each capture's page. */
  pages: Record<string, string>;
}

/** A blob that is the body of an article's capture, with the captures holding it and the articles made from them. */
function articleBlob(db: Database.Database, skip: string[]): BlobTarget {
  const hash = (
    db
      .prepare(
        `SELECT b.hash FROM blobs b JOIN captures c ON c.body_hash = b.hash JOIN articles a ON a.capture_id = c.id
         WHERE b.stored_size < 3000 AND b.hash NOT IN (SELECT value FROM json_each(?)) ORDER BY b.hash LIMIT 1`,
      )
      .get(JSON.stringify(skip)) as { hash: string }
  ).hash;
  const captures = db.prepare('SELECT c.id, p.canonical_key AS page FROM captures c JOIN pages p ON p.id = c.page_id WHERE c.body_hash = ? ORDER BY c.id').all(hash) as { id: number; page: string }[];
  const captureIds = captures.map((r) => String(r.id));
  const pages = Object.fromEntries(captures.map((r) => [String(r.id), r.page]));
  const articleIds = (
    db.prepare(`SELECT id FROM articles WHERE capture_id IN (SELECT id FROM captures WHERE body_hash = ?) ORDER BY id`).all(hash) as { id: number }[]
  ).map((r) => String(r.id));
  return { hash, captureIds, articleIds, pages };
}

async function verify(args: string[] = []): Promise<{ code: number; report: VerifyReport; stderr: string }> {
  const run = await archive.run(['verify', '--json', ...args]);
  return { code: run.code, report: JSON.parse(run.stdout) as VerifyReport, stderr: run.stderr };
}

describe('memhole verify', () => {
  it('passes a clean archive: every blob re-hashed, no link broken, exit 0', async () => {
    const blobs = tamper((db) => (db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n);
    const { code, report } = await verify();
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, problems: [], danglingReferences: 0, blobs: { checked: blobs, corrupt: 0 } });
    const text = await archive.run(['verify']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${blobs} blobs re-hashed`);
    expect(text.stdout).toContain('ok: nothing corrupt or missing');
  });

  it('names a corrupt and a missing blob and a missing thread with the rows that depend on them, exit 1, read-only', async () => {
    const { onDisk, inDb, deleted, thread } = tamper((db) => {
      const onDisk = articleBlob(db, []);
      const inDb = articleBlob(db, [onDisk.hash]);
      const deleted = articleBlob(db, [onDisk.hash, inDb.hash]);
      // Replaced in the database: valid brotli, but of other bytes.
      db.prepare('UPDATE blobs SET data = ? WHERE hash = ?').run(brotliCompressSync(Buffer.from('<html>其他内容</html>')), inDb.hash);
      db.prepare('DELETE FROM blobs WHERE hash = ?').run(deleted.hash);
      const thread = db.prepare('SELECT t.id, (SELECT count(*) FROM comments c WHERE c.thread_id = t.id) AS comments FROM comment_threads t ORDER BY t.id LIMIT 1').get() as { id: number; comments: number };
      db.prepare('DELETE FROM comment_threads WHERE id = ?').run(thread.id);
      const data = (db.prepare('SELECT data FROM blobs WHERE hash = ?').get(onDisk.hash) as { data: Buffer }).data;
      return { onDisk: { ...onDisk, data }, inDb, deleted, thread };
    });

    // Changed on disk: one byte of the stored blob flipped in the file itself, behind SQLite's back.
    const file = readFileSync(dbFile);
    const probe = onDisk.data.subarray(0, 48);
    const at = file.indexOf(probe);
    expect(at).toBeGreaterThan(-1);
    expect(file.indexOf(probe, at + 1)).toBe(-1);
    file[at + 24] = file[at + 24]! ^ 0xff;
    writeFileSync(dbFile, file);

    const before = fileHash();
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(fileHash()).toBe(before);

    const problem = (table: string, key: string) => report.problems.find((p) => p.subject?.table === table && p.subject.key === key);
    // Rows that refer to the subject through `via` (the articles made from its captures, say).
    const dependents = (table: string, key: string, via: string) =>
      problem(table, key)!.dependents.filter((d) => d.via === via).map((d) => d.key).sort((a, b) => Number(a) - Number(b));

    for (const [blob, kind] of [[onDisk, 'corrupt_blob'], [inDb, 'corrupt_blob'], [deleted, 'missing_row']] as const) {
      expect(problem('blobs', blob.hash), blob.hash).toMatchObject({ kind });
      expect(dependents('blobs', blob.hash, 'captures.body_hash')).toEqual(blob.captureIds);
      expect(dependents('blobs', blob.hash, 'articles.capture_id')).toEqual(blob.articleIds);
      for (const row of problem('blobs', blob.hash)!.dependents.filter((d) => d.table === 'captures' && d.via === 'captures.body_hash')) {
        expect(row.page).toBe(blob.pages[row.key]);
      }
    }
    expect(problem('blobs', inDb.hash)!.message).toContain('not its key');
    expect(problem('blobs', deleted.hash)!.message).toContain('is missing');
    expect(problem('comment_threads', String(thread.id))).toMatchObject({ kind: 'missing_row' });
    expect(dependents('comment_threads', String(thread.id), 'comments.thread_id')).toHaveLength(thread.comments);
    expect(report.problems).toHaveLength(4);
    expect(report.blobs.corrupt).toBe(2);

    const text = await archive.run(['verify']);
    expect(text.code).toBe(1);
    for (const hash of [onDisk.hash, inDb.hash, deleted.hash]) expect(text.stdout).toContain(`blob ${hash}`);
    const first = deleted.captureIds[0]!;
    expect(text.stdout).toContain(`captures ${first} (page ${deleted.pages[first]}) via captures.body_hash`);
    expect(text.stdout).toContain(`comment_threads ${thread.id} is missing`);
    expect(text.stdout).toContain('4 problems found');
    expect(fileHash()).toBe(before);
  });

  it('says there is no archive rather than creating one', async () => {
    const run = await archive.run(['verify', '--data', join(archive.dir, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no archive at');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
