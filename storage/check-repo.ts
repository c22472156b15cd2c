/**
 * Queries on re-checks, events, page links and the schedule. `recordCheck` writes one check and everything it
 * decided (capture, article version, thread, page state, next check, events) so that a crash leaves either
 * all of it or none. Checks and events are append-only (triggers in migration 0002 enforce it).
 * Transactions are opened by sqlite-store.ts. The statements of every re-check are prepared once per connection.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { findLatestVersion, recordArticle } from './article-repo.ts';
import { findCapture, insertCapture, type PreparedBlob } from './capture-repo.ts';
import { preparedPerConnection, type Db } from './connection.ts';
import { StorageError } from './errors.ts';
import { captures, checks, events, pageLinks, pages } from './schema.ts';
import { recordThread } from './thread-repo.ts';
import type {
  CaptureHow,
  CaptureRow,
  CheckInput,
  CheckOutcome,
  CheckRow,
  CheckWrite,
  EventKind,
  EventRow,
  PageLinkRow,
  PageRow,
  RecheckBasis,
} from './types.ts';

/** Distinct outcome filters whose latest-check statement is kept; callers use one or two. */
const MAX_OUTCOME_FILTERS = 16;

// Events and checks have no nullable JSON column, so a placeholder's encoding (JSON.stringify) is always right.
const statements = preparedPerConnection((db) => ({
  page: db
    .select()
    .from(pages)
    .where(eq(pages.id, sql.placeholder('id')))
    .prepare(),
  insertCheck: db
    .insert(checks)
    .values({
      pageId: sql.placeholder('pageId'),
      captureId: sql.placeholder('captureId'),
      checkedAt: sql.placeholder('checkedAt'),
      outcome: sql.placeholder('outcome'),
      status: sql.placeholder('status'),
      finalUrl: sql.placeholder('finalUrl'),
      failureKind: sql.placeholder('failureKind'),
      notice: sql.placeholder('notice'),
      noticePlatform: sql.placeholder('noticePlatform'),
      removedBy: sql.placeholder('removedBy'),
      articleId: sql.placeholder('articleId'),
      detail: sql.placeholder('detail'),
      stateBefore: sql.placeholder('stateBefore'),
      stateAfter: sql.placeholder('stateAfter'),
    })
    .returning()
    .prepare(),
  // set() does not type placeholders (insert's values() does); wrapped in sql they bind as they are, which
  // is right for these plain text and integer columns.
  updatePage: db
    .update(pages)
    .set({
      state: sql`${sql.placeholder('state')}`,
      stateSince: sql`${sql.placeholder('stateSince')}`,
      nextCheckAt: sql`${sql.placeholder('nextCheckAt')}`,
      checkCount: sql`${pages.checkCount} + 1`,
    })
    .where(eq(pages.id, sql.placeholder('id')))
    .prepare(),
  insertEvent: db
    .insert(events)
    .values({
      pageId: sql.placeholder('pageId'),
      kind: sql.placeholder('kind'),
      fromState: sql.placeholder('fromState'),
      toState: sql.placeholder('toState'),
      at: sql.placeholder('at'),
      checkIds: sql.placeholder('checkIds'),
      fromArticleId: sql.placeholder('fromArticleId'),
      toArticleId: sql.placeholder('toArticleId'),
      removalKind: sql.placeholder('removalKind'),
      removedBy: sql.placeholder('removedBy'),
      notice: sql.placeholder('notice'),
      detail: sql.placeholder('detail'),
    })
    .returning()
    .prepare(),
  /** The latest check among some outcomes, one statement per distinct filter (the outcomes are bound in it). */
  latestCheck: new Map<string, ReturnType<typeof latestCheckQuery>>(),
}));

function latestCheckQuery(db: Db, outcomes: CheckOutcome[]) {
  const conditions: SQL[] = [eq(checks.pageId, sql.placeholder('pageId'))];
  if (outcomes.length) conditions.push(inArray(checks.outcome, outcomes));
  return db.select().from(checks).where(and(...conditions)).orderBy(desc(checks.id)).limit(1).prepare();
}

export function insertCheck(
  db: Db,
  input: CheckInput,
  body: { hash: string | null; size: number | null },
  blob: PreparedBlob | null,
  now: number,
): CheckWrite {
  const prepared = statements(db);
  const page = prepared.page.get({ id: input.pageId });
  if (!page) throw new StorageError('constraint', `no page ${input.pageId} to record a check for`, { path: null });
  const capture = insertCapture(db, { ...input.capture, pageId: page.id }, body, blob);
  const article = input.article ? recordArticle(db, { ...input.article, pageId: page.id, captureId: capture.id }, now, capture.capturedAt) : null;
  if (input.thread) recordThread(db, { ...input.thread, pageId: page.id, captureId: capture.id }, input.checkedAt);
  // RETURNING always yields the inserted row; the type cannot know that.
  const check = prepared.insertCheck.get({
    pageId: page.id,
    captureId: capture.id,
    checkedAt: input.checkedAt,
    outcome: input.outcome,
    status: input.capture.status,
    finalUrl: input.capture.finalUrl,
    failureKind: input.capture.failureKind,
    notice: input.notice ?? null,
    noticePlatform: input.noticePlatform ?? null,
    removedBy: input.removedBy ?? null,
    articleId: article?.article.id ?? null,
    detail: input.detail,
    stateBefore: page.state,
    stateAfter: input.stateAfter,
  })!;
  // The page row was read in this write transaction, so keeping its state_since is the same as not setting it.
  const stateChanged = input.stateAfter !== page.state;
  prepared.updatePage.run({
    id: page.id,
    state: input.stateAfter,
    stateSince: stateChanged ? input.checkedAt : page.stateSince,
    nextCheckAt: input.nextCheckAt,
  });
  const written = input.events.map(
    (event) =>
      prepared.insertEvent.get({
        pageId: page.id,
        kind: event.kind,
        fromState: event.fromState,
        toState: event.toState,
        at: input.checkedAt,
        checkIds: [...event.priorCheckIds, check.id],
        fromArticleId: event.fromArticleId ?? null,
        toArticleId: event.toThisArticle ? (article?.article.id ?? null) : null,
        removalKind: event.removalKind ?? null,
        removedBy: event.removedBy ?? null,
        notice: event.notice ?? null,
        detail: event.detail ?? {},
      })!,
  );
  return { check, capture, article, events: written };
}

export function selectDuePages(db: Db, now: number, options: { limit?: number; sourceId?: string } = {}): PageRow[] {
  const conditions: SQL[] = [lte(pages.nextCheckAt, now)];
  if (options.sourceId) conditions.push(eq(pages.sourceId, options.sourceId));
  const query = db.select().from(pages).where(and(...conditions)).orderBy(asc(pages.nextCheckAt), asc(pages.id));
  return options.limit ? query.limit(options.limit).all() : query.all();
}

export function selectUnscheduledPages(db: Db): PageRow[] {
  return db.select().from(pages).where(isNull(pages.nextCheckAt)).orderBy(asc(pages.id)).all();
}

export function updateNextCheck(db: Db, pageId: number, at: number | null): void {
  db.update(pages).set({ nextCheckAt: at }).where(eq(pages.id, pageId)).run();
}

export function findLastCapture(db: Db, pageId: number, how?: CaptureHow[]): CaptureRow | null {
  const conditions: SQL[] = [eq(captures.pageId, pageId)];
  if (how?.length) conditions.push(inArray(captures.how, how));
  return db.select().from(captures).where(and(...conditions)).orderBy(desc(captures.id)).limit(1).get() ?? null;
}

export function selectChecks(db: Db, pageId: number): CheckRow[] {
  return db.select().from(checks).where(eq(checks.pageId, pageId)).orderBy(asc(checks.id)).all();
}

export function findLatestCheck(db: Db, pageId: number, outcomes: CheckOutcome[] = []): CheckRow | null {
  const cache = statements(db).latestCheck;
  const key = [...new Set(outcomes)].sort().join(',');
  let query = cache.get(key);
  if (query === undefined) {
    query = latestCheckQuery(db, outcomes);
    // An unusual filter runs prepared but uncached, so the cache stays small whatever the callers pass.
    if (cache.size < MAX_OUTCOME_FILTERS) cache.set(key, query);
  }
  return query.get({ pageId }) ?? null;
}

/** The latest version, the latest check among `outcomes`, and the capture of whichever is newer. */
export function findRecheckBasis(db: Db, pageId: number, outcomes: CheckOutcome[]): RecheckBasis {
  const version = findLatestVersion(db, pageId);
  const check = findLatestCheck(db, pageId, outcomes);
  // Capture ids grow with time, so the larger one is the newer capture.
  const captureId = Math.max(check?.captureId ?? 0, version?.captureId ?? 0);
  return { version, check, capture: captureId ? findCapture(db, captureId) : null };
}

export function selectChecksSince(db: Db, since: number): CheckRow[] {
  return db.select().from(checks).where(gte(checks.checkedAt, since)).orderBy(asc(checks.id)).all();
}

export function selectChecksByIds(db: Db, ids: number[]): CheckRow[] {
  return ids.length ? db.select().from(checks).where(inArray(checks.id, ids)).orderBy(asc(checks.id)).all() : [];
}

export function selectEvents(
  db: Db,
  filter: { pageId?: number; since?: number; until?: number; kinds?: EventKind[] } = {},
): EventRow[] {
  const conditions: SQL[] = [];
  if (filter.pageId !== undefined) conditions.push(eq(events.pageId, filter.pageId));
  if (filter.since !== undefined) conditions.push(gte(events.at, filter.since));
  if (filter.until !== undefined) conditions.push(lte(events.at, filter.until));
  if (filter.kinds?.length) conditions.push(inArray(events.kind, filter.kinds));
  return db
    .select()
    .from(events)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(events.id))
    .all();
}

export function insertPageLink(db: Db, fromPageId: number, toPageId: number, kind: 'origin', at: number): void {
  db.insert(pageLinks).values({ fromPageId, toPageId, kind, firstSeenAt: at }).onConflictDoNothing().run();
}

export function selectLinkedPages(db: Db, pageId: number, direction: 'from' | 'to'): PageLinkRow[] {
  const [own, other] = direction === 'from' ? [pageLinks.fromPageId, pageLinks.toPageId] : [pageLinks.toPageId, pageLinks.fromPageId];
  return db
    .select({ page: pages, kind: pageLinks.kind, firstSeenAt: pageLinks.firstSeenAt })
    .from(pageLinks)
    .innerJoin(pages, eq(pages.id, other))
    .where(eq(own, pageId))
    .orderBy(asc(pageLinks.firstSeenAt), asc(pages.id))
    .all();
}
