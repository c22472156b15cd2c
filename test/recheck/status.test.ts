/**
 * `memhole status`'s read model: counts by state, what is due, and the warning when a source's share of
 * extraction failures jumps (the site changed; the adapter needs attention), on a real store and a fixed clock.
 */
import { describe, expect, it } from 'vitest';
import { archiveStatus } from '../../src/recheck/status.ts';
import { openSqliteStore, type CheckOutcome, type Store } from '../../storage/index.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 3, 1, 12);

async function check(store: Store, pageId: number, at: number, outcome: CheckOutcome): Promise<void> {
  await store.recordCheck({
    pageId,
    capture: {
      how: 'http', requestedUrl: 'https://example.org/', finalUrl: 'https://example.org/', status: 200, redirects: [], headers: [], requestHeaders: [],
      remoteAddress: null, failureKind: null, failureMessage: null, truncated: false, body: null, contentType: 'text/html', contentEncoding: null,
      charset: 'utf-8', capturedAt: at, durationMs: 1,
    },
    checkedAt: at,
    outcome,
    detail: {},
    stateAfter: 'alive',
    nextCheckAt: at + 48 * HOUR,
    events: [],
  });
}

async function sourceWithChecks(store: Store, sourceId: string, earlier: CheckOutcome[], recent: CheckOutcome[]): Promise<void> {
  const pages = await Promise.all(
    Array.from({ length: 10 }, (_, i) => store.upsertPage({ canonicalKey: `${sourceId}:${i}`, sourceId, kind: 'article', url: `https://${sourceId}.example/${i}`, seenAt: NOW - 10 * 24 * HOUR })),
  );
  for (const [i, outcome] of earlier.entries()) await check(store, pages[i % 10]!.id, NOW - (3 * 24 + i) * HOUR, outcome);
  for (const [i, outcome] of recent.entries()) await check(store, pages[i % 10]!.id, NOW - (i + 1) * HOUR, outcome);
}

describe('archiveStatus', () => {
  it('warns only for the source whose extraction failures jumped', async () => {
    const store = await openSqliteStore({ memory: true }, () => NOW);
    await sourceWithChecks(store, 'broken', Array(10).fill('unchanged'), [...Array(6).fill('extraction_failed'), ...Array(2).fill('unchanged')]);
    await sourceWithChecks(store, 'steady', Array(10).fill('extraction_failed'), Array(8).fill('extraction_failed'));
    await sourceWithChecks(store, 'fine', Array(10).fill('unchanged'), [...Array(1).fill('extraction_failed'), ...Array(7).fill('unchanged')]);
    const status = await archiveStatus(store, NOW);
    expect(status.adapterWarnings.map((w) => w.sourceId)).toEqual(['broken']);
    expect(status.adapterWarnings[0]).toMatchObject({ recentChecks: 8, recentFailureShare: 0.75, earlierFailureShare: 0 });
    expect(status.adapterWarnings[0]!.message).toContain('adapter needs attention');
    expect(status.pages).toBe(30);
    expect(status.byState.alive).toBe(30);
    // Pages 8 and 9 of each source were last checked three days ago, the others in the last hours (+48 h each).
    expect(status.due.now).toBe(6);
    expect(status.due.next24h).toBe(0);
    await store.close();
  });
});
