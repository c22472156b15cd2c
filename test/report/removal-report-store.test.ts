/**
 * The removal report built over checks and events written through the store API: who removed a page when
 * only the notice was recorded, and the chart's days over a long window.
 */
import { describe, expect, it } from 'vitest';
import { buildRemovalReport } from '../../src/report/removal-report.ts';
import { openSqliteStore, type CheckInput, type Store } from '../../storage/index.ts';
import { articleInput, captureInput, pageUpsert } from '../storage/store-fixtures.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 4);

/** A page archived at T0 and found removed at `at` by two checks an hour apart, showing `notice`. */
async function removedPage(store: Store, key: string, at: number, notice: string | null): Promise<void> {
  const page = await store.upsertPage(pageUpsert({ canonicalKey: key, url: `https://example.org/${key}`, seenAt: T0 }));
  const capture = await store.recordCapture(captureInput(page.id, { capturedAt: T0 }));
  await store.recordArticle(articleInput(page.id, capture.id, { textHash: key.padEnd(64, '0') }));
  const check = (checkedAt: number, extra: Partial<CheckInput>): CheckInput => {
    const { pageId: _, ...capture } = captureInput(page.id, { capturedAt: checkedAt });
    return { pageId: page.id, capture, checkedAt, outcome: 'soft_deleted', notice, detail: {}, stateAfter: 'suspect', nextCheckAt: null, events: [], ...extra };
  };
  const first = await store.recordCheck(check(at - 3_600_000, { events: [{ kind: 'suspect', fromState: 'alive', toState: 'suspect', priorCheckIds: [], removalKind: 'soft_deleted', notice }] }));
  await store.recordCheck(
    check(at, { stateAfter: 'removed', events: [{ kind: 'removed', fromState: 'suspect', toState: 'removed', priorCheckIds: [first.check.id], removalKind: 'soft_deleted', notice }] }),
  );
}

describe('the removal report over store rows', () => {
  it('reads who removed a page from the notice table when the event recorded only the notice', async () => {
    const store = await openSqliteStore({ memory: true }, () => T0);
    await removedPage(store, 'cdt:1', T0 + DAY, '此内容因违规无法查看。');
    await removedPage(store, 'cdt:2', T0 + DAY, null);
    const report = await buildRemovalReport(store, { since: T0, until: T0 + 2 * DAY, now: T0 + 2 * DAY });
    expect(report.entries.map((entry) => [entry.page.key, entry.removal])).toEqual([
      ['cdt:1', { kind: 'soft_deleted', removedBy: 'platform', notice: '此内容因违规无法查看。', noticePlatform: 'wechat' }],
      ['cdt:2', { kind: 'soft_deleted', removedBy: null, notice: null, noticePlatform: null }],
    ]);
    expect(report.entries[0]!.evidence).toHaveLength(2);
    await store.close();
  });

  it('charts a long window from its first removal, every day after it counted', async () => {
    const store = await openSqliteStore({ memory: true }, () => T0);
    await removedPage(store, 'cdt:1', T0 + 200 * DAY, null);
    await removedPage(store, 'cdt:2', T0 + 202 * DAY, null);
    const report = await buildRemovalReport(store, { since: T0 - 365 * DAY, until: T0 + 203 * DAY, now: T0 + 203 * DAY });
    expect(report.removalsPerDay.map((day) => [day.day, day.total])).toEqual([
      ['2026-07-29', 1],
      ['2026-07-30', 0],
      ['2026-07-31', 1],
      ['2026-08-01', 0],
    ]);
    await store.close();
  });
});
