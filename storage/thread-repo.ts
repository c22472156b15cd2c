/**
 * Queries on comment threads and their comments. A page gets a new thread row only when the hash of its
 * comment set differs from the latest thread's; otherwise the latest thread's sighting window widens.
 * Transactions are opened by sqlite-store.ts. The lookup and the inserts every crawled thread makes are
 * prepared once per connection (a thread of 25 comments would otherwise build 25 queries).
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { StorageError } from './errors.ts';
import { comments, commentThreads } from './schema.ts';
import { indexThread } from './search-repo.ts';
import type { CommentInput, CommentRow, ThreadInput, ThreadRow, ThreadWrite } from './types.ts';

// capture_id duplicates first_capture_id in the table; the Store's thread row leaves it out.
const threadColumns = {
  id: commentThreads.id,
  pageId: commentThreads.pageId,
  intro: commentThreads.intro,
  hash: commentThreads.hash,
  firstCaptureId: commentThreads.firstCaptureId,
  lastCaptureId: commentThreads.lastCaptureId,
  firstSeenAt: commentThreads.firstSeenAt,
  lastSeenAt: commentThreads.lastSeenAt,
};

// Plain text and integer columns: placeholders bind as they are.
const statements = preparedPerConnection((db) => ({
  latestThread: db
    .select(threadColumns)
    .from(commentThreads)
    .where(eq(commentThreads.pageId, sql.placeholder('pageId')))
    .orderBy(desc(commentThreads.id))
    .limit(1)
    .prepare(),
  insertThread: db
    .insert(commentThreads)
    .values({
      pageId: sql.placeholder('pageId'),
      captureId: sql.placeholder('captureId'),
      intro: sql.placeholder('intro'),
      hash: sql.placeholder('hash'),
      firstCaptureId: sql.placeholder('captureId'),
      lastCaptureId: sql.placeholder('captureId'),
      firstSeenAt: sql.placeholder('seenAt'),
      lastSeenAt: sql.placeholder('seenAt'),
    })
    .returning(threadColumns)
    .prepare(),
  insertComment: db
    .insert(comments)
    .values({
      threadId: sql.placeholder('threadId'),
      position: sql.placeholder('position'),
      parentId: sql.placeholder('parentId'),
      author: sql.placeholder('author'),
      text: sql.placeholder('text'),
      postedAt: sql.placeholder('postedAt'),
    })
    .returning({ id: comments.id })
    .prepare(),
}));

export function recordThread(db: Db, thread: ThreadInput, seenAt: number): ThreadWrite {
  const latest = findLatestThread(db, thread.pageId);
  if (latest !== null && latest.hash === thread.hash) {
    return { thread: markSeen(db, latest, thread.captureId, seenAt), created: false };
  }

  // RETURNING always yields the inserted row; the type cannot know that.
  const row = statements(db).insertThread.get({ pageId: thread.pageId, captureId: thread.captureId, intro: thread.intro, hash: thread.hash, seenAt })!;
  insertComments(db, row.id, thread.comments);
  indexThread(db, row, thread.comments);
  return { thread: row, created: true };
}

/**
 * Widen the thread's sighting window to include this capture. Re-extracting an older capture can only move
 * the first sighting earlier, never the last one back.
 */
function markSeen(db: Db, thread: ThreadRow, captureId: number, seenAt: number): ThreadRow {
  const later = seenAt >= thread.lastSeenAt;
  const earlier = seenAt < thread.firstSeenAt;
  if (!later && !earlier) return thread;
  const row = db
    .update(commentThreads)
    .set({
      ...(later ? { lastCaptureId: captureId, lastSeenAt: seenAt } : {}),
      ...(earlier ? { firstCaptureId: captureId, firstSeenAt: seenAt } : {}),
    })
    .where(eq(commentThreads.id, thread.id))
    .returning(threadColumns)
    .get();
  return row ?? thread;
}

function insertComments(db: Db, threadId: number, list: CommentInput[]): void {
  const insert = statements(db).insertComment;
  const ids: number[] = [];
  list.forEach((comment, position) => {
    const parentId = comment.parentIndex === null ? null : ids[comment.parentIndex];
    if (parentId === undefined) {
      throw new StorageError(
        'constraint',
        `Comment ${position} names parent ${comment.parentIndex}, which does not precede it in the thread.`,
        { path: null },
      );
    }
    const row = insert.get({ threadId, position, parentId, author: comment.author, text: comment.text, postedAt: comment.postedAt })!;
    ids.push(row.id);
  });
}

/** The page's newest thread: the highest id, since threads are only ever appended. */
/** Every thread of a page, oldest first. */
export function selectThreads(db: Db, pageId: number): ThreadRow[] {
  return db.select(threadColumns).from(commentThreads).where(eq(commentThreads.pageId, pageId)).orderBy(asc(commentThreads.id)).all();
}

export function findLatestThread(db: Db, pageId: number): ThreadRow | null {
  return statements(db).latestThread.get({ pageId }) ?? null;
}

/** A thread's comments in page order. */
export function selectComments(db: Db, threadId: number): CommentRow[] {
  return db.select().from(comments).where(eq(comments.threadId, threadId)).orderBy(asc(comments.position)).all();
}
