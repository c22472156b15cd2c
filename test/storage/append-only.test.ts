/**
 * Checks and events are evidence: the database itself refuses to rewrite or delete them, whatever code asks.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../storage/index.ts';
import { captureInput, NOW, pageUpsert, tempDir } from './store-fixtures.ts';

describe('append-only evidence', () => {
  it('refuses UPDATE and DELETE on checks and events', async () => {
    const temp = tempDir();
    const dir = temp.path;
    const store = await openSqliteStore({ dataDir: dir });
    const page = await store.upsertPage(pageUpsert());
    const { pageId: _ignored, ...capture } = captureInput(page.id, { status: 404 });
    const written = await store.recordCheck({
      pageId: page.id,
      capture,
      checkedAt: NOW,
      outcome: 'not_found',
      detail: { status: 404 },
      stateAfter: 'suspect',
      nextCheckAt: NOW + 1,
      events: [{ kind: 'suspect', fromState: 'alive', toState: 'suspect', priorCheckIds: [], removalKind: 'not_found' }],
    });
    expect(written.events[0]!.checkIds).toEqual([written.check.id]);
    expect((await store.getPage(page.id))!).toMatchObject({ state: 'suspect', checkCount: 1, nextCheckAt: NOW + 1 });
    await store.close();

    const db = new Database(join(dir, 'memhole.db'));
    try {
      expect(() => db.prepare("UPDATE checks SET outcome = 'unchanged'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM checks').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE events SET kind = 'alive'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT count(*) AS n FROM checks').get()).toEqual({ n: 1 });
    } finally {
      db.close();
      temp.remove();
    }
  });
});
