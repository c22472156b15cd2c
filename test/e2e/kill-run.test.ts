/**
 * `memhole run` killed with `kill -9` at random moments, 20 times, restarted each time, over a demo site whose
 * pages keep being crawled and re-checked: afterwards every row is accounted for and none is doubled. Then a
 * SIGTERM stops it cleanly. Bounded: loopback only, a fixed number of runs, each killed within seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/bench/prng.ts';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';

const KILLS = 20;
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'memhole.js');

let site: DemoSite;
let dir: string;
const children = new Set<ChildProcess>();

/** How long start-up may take on a busy machine before the test gives up waiting for the banner. */
const START_UP_LIMIT_MS = 60_000;

function startRun(): {
  child: ChildProcess;
  /** Resolves once the daemon has opened the archive and printed its banner. */
  started: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, 'run', '--poll', '100'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  let markStarted = (): void => {};
  let startUpTimer: NodeJS.Timeout | undefined;
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    startUpTimer = setTimeout(() => reject(new Error(`memhole run printed no banner within ${START_UP_LIMIT_MS} ms: ${stderr}`)), START_UP_LIMIT_MS);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('memhole run: ')) markStarted();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(startUpTimer);
      children.delete(child);
      resolve({ code, signal, stderr });
    }),
  );
  return { child, started, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  site = await startDemoSite();
  dir = mkdtempSync(join(tmpdir(), 'memhole-kill-'));
  writeFileSync(
    join(dir, 'memhole.config.yaml'),
    [
      'retries: 0',
      'timeoutMs: 2000',
      'hosts:',
      '  default: { maxConcurrency: 4, minDelayMs: 0 }',
      'recheck:',
      '  schedule: { ages: [200ms], thereafter: 300ms, jitter: 0.2, confirmationGap: 0 }',
      'sources:',
      '  - id: demo',
      '    adapter: cdt',
      `    feeds: ["${site.url}/chinese/feed"]`,
      `    startUrls: ["${site.url}/chinese/"]`,
      '    crawlEvery: 700ms',
      '',
    ].join('\n'),
  );
  // Some pages are removed and one is edited meanwhile, so states, events and versions are written too.
  site.setOverride(site.articles[0]!.path, { status: 404 });
  site.setOverride(site.articles[1]!.path, {
    status: 200,
    body: '<html><head><title>微信公众平台</title></head><body><div class="global_error_msg">该内容已被发布者删除</div></body></html>',
  });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await site?.close();
});

describe('memhole run under kill -9', () => {
  it(`loses and doubles nothing over ${KILLS} kills and restarts`, async () => {
    const random = mulberry32(20261123);
    for (let i = 0; i < KILLS; i++) {
      const { child, started, exited } = startRun();
      // Every fourth kill lands during start-up (migrations, the first reads); the others anywhere from the
      // banner to a few cycles in, however long start-up takes on a busy machine.
      if (i % 4 === 0) await sleep(Math.floor(random() * 1200));
      else await started.then(() => sleep(Math.floor(random() * 2400)));
      child.kill('SIGKILL');
      const end = await exited;
      expect(end.signal, end.stderr).toBe('SIGKILL');
    }

    const db = new Database(join(dir, 'memhole-data', 'memhole.db'), { readonly: true });
    try {
      const all = <T>(query: string): T[] => db.prepare(query).all() as T[];
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(all('PRAGMA foreign_key_check')).toEqual([]);
      const counts = db.prepare('SELECT (SELECT count(*) FROM checks) AS checks, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM captures) AS captures').get() as Record<string, number>;
      expect(counts.checks).toBeGreaterThan(20);

      // Every check is counted on its page exactly once: no check half-written, none written twice.
      expect(all('SELECT p.id FROM pages p WHERE p.check_count != (SELECT count(*) FROM checks c WHERE c.page_id = p.id)')).toEqual([]);
      // Each check has its own capture of its own page.
      expect(all('SELECT capture_id FROM checks GROUP BY capture_id HAVING count(*) > 1')).toEqual([]);
      expect(all('SELECT c.id FROM checks c JOIN captures k ON k.id = c.capture_id WHERE k.page_id != c.page_id')).toEqual([]);
      // Every event names checks that exist on its page, the last being the one that moved it.
      const events = all<{ id: number; page_id: number; kind: string; from_state: string | null; to_state: string | null; check_ids: string }>('SELECT * FROM events ORDER BY id');
      const checks = new Map(all<{ id: number; page_id: number; state_before: string; state_after: string }>('SELECT id, page_id, state_before, state_after FROM checks').map((c) => [c.id, c]));
      for (const event of events) {
        const ids = JSON.parse(event.check_ids) as number[];
        expect(ids.length, `event ${event.id}`).toBeGreaterThan(0);
        for (const id of ids) expect(checks.get(id)?.page_id, `event ${event.id} check ${id}`).toBe(event.page_id);
        if (event.to_state) expect(checks.get(ids.at(-1)!)!.state_after, `event ${event.id}`).toBe(event.to_state);
      }
      // State events chain: each starts where the page's previous one ended; checks chain the same way.
      const lastState = new Map<number, string>();
      for (const event of events.filter((e) => e.to_state)) {
        const previous = lastState.get(event.page_id) ?? 'alive';
        expect(event.from_state, `event ${event.id}`).toBe(previous);
        lastState.set(event.page_id, event.to_state!);
      }
      const checkChain = all<{ page_id: number; state_before: string; state_after: string }>('SELECT page_id, state_before, state_after FROM checks ORDER BY id');
      const pageState = new Map<number, string>();
      for (const check of checkChain) {
        expect(check.state_before).toBe(pageState.get(check.page_id) ?? 'alive');
        pageState.set(check.page_id, check.state_after);
      }
      for (const page of all<{ id: number; state: string }>('SELECT id, state FROM pages')) {
        expect(page.state).toBe(pageState.get(page.id) ?? 'alive');
      }
      // Versions and threads are written only when their hash changes; blobs are stored once and present.
      expect(all('SELECT a.id FROM articles a JOIN articles b ON b.page_id = a.page_id AND b.id = (SELECT min(id) FROM articles WHERE page_id = a.page_id AND id > a.id) WHERE a.text_hash = b.text_hash')).toEqual([]);
      expect(all('SELECT a.id FROM comment_threads a JOIN comment_threads b ON b.page_id = a.page_id AND b.id = (SELECT min(id) FROM comment_threads WHERE page_id = a.page_id AND id > a.id) WHERE a.hash = b.hash')).toEqual([]);
      expect(all('SELECT id FROM captures WHERE body_hash IS NOT NULL AND body_hash NOT IN (SELECT hash FROM blobs)')).toEqual([]);
      expect(all('SELECT canonical_key FROM pages GROUP BY canonical_key HAVING count(*) > 1')).toEqual([]);
      // The removed pages were seen as removed despite the kills.
      const removed = all<{ canonical_key: string }>("SELECT canonical_key FROM pages WHERE state = 'removed' ORDER BY canonical_key").map((p) => p.canonical_key);
      expect(removed).toEqual(expect.arrayContaining([`cdt:${site.articles[0]!.id}`, `cdt:${site.articles[1]!.id}`]));
    } finally {
      db.close();
    }
  }, 600_000);

  it('stops cleanly on SIGTERM', async () => {
    const { child, started, exited } = startRun();
    await started;
    await sleep(500);
    child.kill('SIGTERM');
    const end = await exited;
    expect(end.code, end.stderr).toBe(0);
    expect(end.stderr).toContain('memhole run: stopped');
  }, 90_000);
});
