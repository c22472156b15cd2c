/**
 * `memhole search` and `memhole reindex` as users run them, in-process against an archive on disk built
 * through the store: results marked with their state, filters from flags, malformed queries and flags as one
 * clear line with exit code 2, no match as exit code 4, and an archive indexed after the fact by reindex.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore } from '../../storage/index.ts';
import { runCli, type CliRun } from '../helpers/run-cli.ts';
import { pinnedClock } from '../storage/store-fixtures.ts';
import { buildArchive, NOW } from './search-fixtures.ts';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'memhole-search-cli-'));
  const store = await openSqliteStore({ dataDir: join(dir, 'data') }, pinnedClock);
  await buildArchive(store);
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memhole(...args: string[]): Promise<CliRun> {
  return runCli([...args, '--data', join(dir, 'data')], { cwd: dir, clock: () => NOW });
}

async function foundKeys(...args: string[]): Promise<string[]> {
  const run = await memhole('search', ...args, '--json');
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { results: { key: string }[] }).results.map((r) => r.key).sort();
}

describe('memhole search', () => {
  it.each([['search'], ['reindex']])('%s --help prints its usage', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: memhole ${command}`));
  });

  it('lists the pages found, best first, a removed one marked removed, hits marked in the snippet', async () => {
    const run = await memhole('search', '随申碼');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 page matches "随申碼"');
    expect(run.stdout).toContain('1. 【网络民议】上海健康码故障  [REMOVED 2024-06-02 08:00]');
    expect(run.stdout).toContain('cdt:101  https://cdt.example/101');
    expect(run.stdout).toContain('«随申码»');
  });

  it('prints JSON with the state, the version and the snippet highlights', async () => {
    const run = await memhole('search', '言论自由', '--json');
    expect(run.code).toBe(0);
    const found = JSON.parse(run.stdout);
    expect(found).toMatchObject({ terms: ['言论自由'], total: 1, offset: 0, limit: 20 });
    expect(found.results[0]).toMatchObject({ key: 'cdt:105', state: 'alive', matchedIn: ['comments'], snippet: { field: 'comments' } });
    const [[start, end]] = found.results[0].snippet.highlights;
    expect(found.results[0].snippet.text.slice(start, end)).toBe('言论自由');
  });

  it('applies the filters given as flags', async () => {
    expect(await foundKeys('健康码')).toEqual(['cdt:101', 'cdt:102']);
    expect(await foundKeys('健康码', '--state', 'alive')).toEqual(['cdt:102']);
    expect(await foundKeys('疫情', '--state', 'removed,restored')).toEqual(['cdt:103']);
    expect(await foundKeys('漏洞', '--source', 'cdt', '--source', 'freebuf')).toEqual(['freebuf:201']);
    expect(await foundKeys('热搜', '--event', 'edited')).toEqual(['cdt:104']);
    expect(await foundKeys('健康码', '--tag', '上海')).toEqual(['cdt:101']);
    expect(await foundKeys('健康码', '--published-since', '2023-01-01')).toEqual(['cdt:102']);
    expect(await foundKeys('健康码', '--published-until', '2022-12-24')).toEqual(['cdt:101']);
    expect(await foundKeys('健康码', '--captured-since', '25d')).toEqual(['cdt:102']);
    expect(await foundKeys('健康码', '--removed-since', '3d')).toEqual(['cdt:101']);
    expect(await foundKeys('疫情', '--removed-until', '2024-05-29T00:00Z')).toEqual(['cdt:103']);
  });

  it('pages with --limit and --offset', async () => {
    const first = await memhole('search', '健康码', '--limit', '1');
    const second = await memhole('search', '健康码', '--limit', '1', '--offset', '1');
    expect(first.stdout).toContain('2 pages match "健康码" (1-1, best first)');
    expect(second.stdout).toContain('2 pages match "健康码" (2-2, best first)');
  });

  it('exits 4 when nothing matches', async () => {
    const run = await memhole('search', '不存在的词');
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('no archived page matches "不存在的词"\n');
  });

  it.each([
    [['"健康码'], 'memhole: cannot search "\\"健康码": unbalanced quote: the " before 健康码 is never closed; add a closing " or remove it\n'],
    [['！？'], 'memhole: cannot search "！？": the query "！？" has no letters, digits or Chinese characters to search for\n'],
    [['健康码', '--state', 'gone'], 'memhole: --state "gone" is not one of: alive, suspect, removed, restored, blocked, unreachable\n'],
    [['健康码', '--published-since', 'yesterday'], 'memhole: --published-since "yesterday" is neither a duration (7d, 12h) nor a date (2026-03-01, 2026-03-01T08:00)\n'],
    [['健康码', '--captured-since', '2024-06-01', '--captured-until', '2024-05-01'], 'memhole: --captured-since is after --captured-until: nothing can match; swap them\n'],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const run = await memhole('search', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe('');
  });
});

describe('memhole reindex', () => {
  it('indexes an archive written before the index existed, and search finds it again', async () => {
    const before = await foundKeys('数据泄露');
    // An archive from before migrations 0005 and 0006 had no index and no fingerprints: empty this one the way
    // such a database looks.
    const db = new Database(join(dir, 'data', DATABASE_FILE));
    db.exec("INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_docs; DELETE FROM article_fingerprint_bands; DELETE FROM article_fingerprints;");
    db.close();

    const stale = await memhole('search', '数据泄露');
    expect(stale.code).toBe(4);
    expect(stale.stderr).toBe('memhole: the search index holds 0 of 8 documents; run `memhole reindex` to search them all\n');

    const reindex = await memhole('reindex');
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(/^indexed 7 article versions and 1 comment threads \([\d.]+ MB of text\) in [\d.]+ s; the index takes [\d.]+ MB; fingerprinted 7 older versions\n$/);
    expect(await foundKeys('数据泄露')).toEqual(before);
    expect(before).toEqual(['cdt:101', 'cdt:102']);
    const again = JSON.parse((await memhole('reindex', '--json')).stdout);
    expect(again).toMatchObject({ articles: 7, threads: 1, fingerprinted: 0 });
    // The index's own pages, counted: at least one page for each of its tables.
    expect(again.indexBytes).toBeGreaterThanOrEqual(4 * 4096);
  });
});
