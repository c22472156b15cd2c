/**
 * Removal reports, feeds and diffs over an archive built by crawling and re-checking on a pinned clock
 * (report-scenario.ts): the right pages in the right window with the right evidence, in JSON, CSV and
 * Markdown; the last good markdown where `memhole export markdown` writes it; the surviving copy found by its
 * text; `memhole diff` of an edit and of a removal capture. The HTML report and the Atom feed are checked in
 * Chromium by report-browser.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '../../crawlers/common/dates.ts';
import { CSV_COLUMNS } from '../../src/report/report-csv.ts';
import type { RemovalReport, ReportEntry } from '../../src/report/removal-report.ts';
import { parseCsv } from '../helpers/csv.ts';
import { buildReportScenario, EDIT_REPLACEMENT, HOSTILE_TITLE, T0, type ReportScenario } from './report-scenario.ts';

let s: ReportScenario;

beforeAll(async () => {
  s = await buildReportScenario();
}, 120_000);

afterAll(async () => {
  await s?.close();
});

async function jsonReport(...args: string[]): Promise<RemovalReport> {
  const run = await s.cli(['report', '--format', 'json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as RemovalReport;
}

const iso = toShanghaiIso;
const summary = (report: RemovalReport): string[] => report.entries.map((entry) => `${entry.kind} ${entry.page.key}`);
/**
 * The entries, oldest first, as groups of the same moment: pages re-checked in one run are checked
 * concurrently, so the order of their events within that moment is not theirs to promise.
 */
const summaryByMoment = (report: RemovalReport): string[][] => {
  const groups = new Map<string, string[]>();
  for (const e of report.entries) groups.set(e.at, [...(groups.get(e.at) ?? []), `${e.kind} ${e.page.key}`]);
  return [...groups.values()].map((group) => group.sort());
};
const entry = (report: RemovalReport, kind: string, key: string): ReportEntry => {
  const found = report.entries.find((e) => e.kind === kind && e.page.key === key);
  expect(found, `${kind} ${key}`).toBeDefined();
  return found!;
};

describe('the report window', () => {
  it('lists what was removed, restored or edited in the last two days, oldest first, and nothing older', async () => {
    const { keys, times } = s;
    const report = await jsonReport('--since', '2d');
    expect(report).toMatchObject({ format: 'memhole.removal-report', version: 1, source: null, generatedAt: iso(times.end) });
    expect(report.window).toEqual({ since: iso(times.end - 2 * 86_400_000), until: iso(times.end) });
    expect(summaryByMoment(report)).toEqual([[`edited ${keys.e}`], [`removed ${keys.b}`, `removed ${keys.c}`, `removed ${keys.g}`].sort(), [`restored ${keys.a}`]]);
    expect(report.counts).toEqual({ removed: 3, restored: 1, edited: 1 });
    expect(report.sources).toEqual(['cdt', 'generic']);
  });

  it('reaches back to the first removals with a wider window, and per day and source', async () => {
    const { keys } = s;
    const report = await jsonReport('--since', '4d');
    expect(summaryByMoment(report)).toEqual([
      [`removed ${keys.a}`, `removed ${keys.origin}`, `removed ${keys.dead}`].sort(),
      [`edited ${keys.e}`],
      [`removed ${keys.b}`, `removed ${keys.c}`, `removed ${keys.g}`].sort(),
      [`restored ${keys.a}`],
    ]);
    expect(report.entries.map((e) => e.at)).toEqual(report.entries.map((e) => e.at).sort());
    expect(report.removalsPerDay).toEqual([
      { day: '2026-03-01', bySource: {}, total: 0 },
      { day: '2026-03-02', bySource: { cdt: 3 }, total: 3 },
      { day: '2026-03-03', bySource: {}, total: 0 },
      { day: '2026-03-04', bySource: { cdt: 2, generic: 1 }, total: 3 },
      { day: '2026-03-05', bySource: {}, total: 0 },
    ]);
  });

  it('ends the window at --until, as a duration or as a whole day', async () => {
    const { keys } = s;
    expect(summary(await jsonReport('--since', '4d', '--until', '1d'))).not.toContain(`restored ${keys.a}`);
    const day2 = await jsonReport('--since', '2026-03-04', '--until', '2026-03-04');
    expect(summaryByMoment(day2)).toEqual([[`edited ${keys.e}`], [`removed ${keys.b}`, `removed ${keys.c}`, `removed ${keys.g}`].sort()]);
    expect(day2.window).toEqual({ since: '2026-03-04T00:00:00+08:00', until: '2026-03-04T23:59:59+08:00' });
    expect((await jsonReport('--since', '2026-03-05T11:00')).entries).toEqual([]);
  });

  it('keeps to one source with --source, and says so when the archive has no such source', async () => {
    expect(summary(await jsonReport('--since', '4d', '--source', 'generic'))).toEqual([`removed ${s.keys.g}`]);
    const unknown = await s.cli(['report', '--source', 'nosuch']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toBe('memhole: the archive has no pages of source "nosuch" (sources: cdt, generic)\n');
  });

  it('refuses a malformed or inverted window with one clear line', async () => {
    const bad = await s.cli(['report', '--since', 'last tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('memhole: --since "last tuesday" is neither a duration (7d, 12h) nor a date (2026-03-01, 2026-03-01T08:00)\n');
    const inverted = await s.cli(['report', '--since', '1d', '--until', '3d']);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/^memhole: --since 1d is after --until 3d/);
    expect((await s.cli(['report', '--since', '2026-02-30'])).code).toBe(2);
    expect((await s.cli(['report', '--format', 'pdf'])).code).toBe(2);
  });
});

describe('what each entry proves', () => {
  it('gives a censored page its notice, who removed it, both checks and its dates', async () => {
    const { keys, times, demo } = s;
    const b = entry(await jsonReport('--since', '2d'), 'removed', keys.b);
    const url = `${demo.url}/chinese/${keys.b.slice(4)}.html`;
    expect(b.page).toMatchObject({ key: keys.b, url, sourceId: 'cdt', kind: 'article', state: 'removed', stateSince: iso(times.confirm2) });
    expect(b.removal).toEqual({ kind: 'soft_deleted', removedBy: 'platform', notice: '此内容因违规无法查看', noticePlatform: 'wechat' });
    expect(b.evidence.map(({ checkId: _, ...check }) => check)).toEqual([
      { checkedAt: iso(times.sighting2), outcome: 'soft_deleted', status: 200, finalUrl: url, failureKind: null, notice: '此内容因违规无法查看', noticePlatform: 'wechat' },
      { checkedAt: iso(times.confirm2), outcome: 'soft_deleted', status: 200, finalUrl: url, failureKind: null, notice: '此内容因违规无法查看', noticePlatform: 'wechat' },
    ]);
    expect(b.at).toBe(iso(times.confirm2));
    expect(b.foundRemoved).toBe(iso(times.sighting2));
    // The last check that saw it alive was the second round on day 0.
    expect(b.lastSeenAlive).toBe(iso(times.confirm0));
    expect(b.firstArchived).toBe(iso(T0));
    expect(b.title).toBe(s.demo.articles.find((a) => `cdt:${a.id}` === keys.b)!.title);
    expect(b.published).toBe(s.demo.articles.find((a) => `cdt:${a.id}` === keys.b)!.publishedAt);
  });

  it('gives plain deletions their status codes', async () => {
    const report = await jsonReport('--since', '2d');
    const c = entry(report, 'removed', s.keys.c);
    expect(c.removal).toMatchObject({ kind: 'gone', removedBy: null, notice: null });
    expect(c.evidence.map((check) => [check.outcome, check.status])).toEqual([['gone', 410], ['gone', 410]]);
    const g = entry(report, 'removed', s.keys.g);
    expect(g.page.sourceId).toBe('generic');
    expect(g.title).toBe(HOSTILE_TITLE);
    expect(g.evidence.map((check) => [check.outcome, check.status])).toEqual([['not_found', 404], ['not_found', 404]]);
  });

  it('names where the removed text survives: the mirror on another source, never the unrelated page', async () => {
    const report = await jsonReport('--since', '2d');
    const b = entry(report, 'removed', s.keys.b);
    expect(b.copies).toHaveLength(1);
    expect(b.copies[0]).toMatchObject({ key: s.keys.m, url: s.urls.m, sourceId: 'generic', state: 'alive', match: 'text' });
    expect(b.copies[0]!.similarity).toBeGreaterThan(0.6);
    expect(entry(report, 'removed', s.keys.g).copies).toEqual([]);
    expect(entry(report, 'removed', s.keys.c).copies).toEqual([]);
  });

  it('says of a censored original that the archived copy lives on', async () => {
    const origin = entry(await jsonReport('--since', '4d'), 'removed', s.keys.origin);
    expect(origin.page.kind).toBe('origin');
    expect(origin.removal).toMatchObject({ kind: 'soft_deleted', removedBy: 'author', notice: '该内容已被发布者删除' });
    expect(origin.links).toEqual([expect.objectContaining({ relation: 'copy', key: s.keys.originCitedBy, state: 'alive' })]);
    expect(origin.linkNote).toBe(`cdt's copy ${s.keys.originCitedBy} is alive; the original was deleted by its author on 2026-03-02`);
    expect(origin.copies).toContainEqual(expect.objectContaining({ key: s.keys.originCitedBy, match: 'card', similarity: null }));
    // The original was never seen with its content; its title is the one its copy's archive card gives.
    expect(origin.firstArchived).toBeNull();
    expect(origin.title).toBeTruthy();
  });

  it('gives a restored page the removal it undoes and the check that saw it again', async () => {
    const a = entry(await jsonReport('--since', '2d'), 'restored', s.keys.a);
    expect(a.removal).toMatchObject({ kind: 'not_found' });
    expect(a.foundRemoved).toBe(iso(s.times.sighting0));
    expect(a.evidence.map((check) => [check.checkedAt, check.outcome])).toEqual([[iso(s.times.restore3), 'unchanged']]);
    expect(a.page.state).toBe('alive');
  });

  it('gives an edit its word-level diff', async () => {
    const e = entry(await jsonReport('--since', '2d'), 'edited', s.keys.e);
    expect(e.diff!.stats).toEqual({ linesAdded: 0, linesRemoved: 0, linesChanged: 1, wordsAdded: 1, wordsRemoved: 1 });
    expect(e.diff!.from.version).toBe(1);
    expect(e.diff!.to.version).toBe(2);
    const replaced = e.diff!.rows.filter((row) => row.op === 'replace');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ parts: expect.arrayContaining([{ op: 'delete', text: s.editedWord }, { op: 'insert', text: EDIT_REPLACEMENT }]) });
    expect(e.diff!.unified).toContain(`[-${s.editedWord}-]{+${EDIT_REPLACEMENT}+}`);
    expect(e.lastGood?.version).toBe(1);
  });

  it('points at the last good markdown where `memhole export markdown` writes it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'memhole-report-md-'));
    expect((await s.cli(['export', 'markdown', out])).code).toBe(0);
    const report = await jsonReport('--since', '4d', '--markdown-base', out);
    const withMarkdown = report.entries.filter((e) => e.lastGood);
    expect(withMarkdown.map((e) => e.page.key)).toEqual(expect.arrayContaining([s.keys.a, s.keys.b, s.keys.c, s.keys.e, s.keys.g]));
    for (const e of withMarkdown) {
      expect(existsSync(e.lastGood!.markdownPath), e.lastGood!.markdownPath).toBe(true);
      const markdown = readFileSync(e.lastGood!.markdownPath, 'utf8');
      expect(markdown).toContain(`text_hash: ${e.lastGood!.textHash}`);
    }
  });
});

describe('CSV and Markdown', () => {
  it('writes one CSV row per event that parses back field for field', async () => {
    const run = await s.cli(['report', '--since', '4d', '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('\uFEFF')).toBe(false);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(CSV_COLUMNS.map(([name]) => name));
    const report = await jsonReport('--since', '4d');
    expect(rows).toHaveLength(report.entries.length);
    const field = (row: string[], name: string): string => row[header!.indexOf(name)]!;
    rows.forEach((row, index) => {
      const e = report.entries[index]!;
      expect(field(row, 'event_id')).toBe(String(e.eventId));
      expect(field(row, 'event')).toBe(e.kind);
      expect(field(row, 'key')).toBe(e.page.key);
      expect(field(row, 'title')).toBe(e.title ?? '');
      expect(field(row, 'evidence_check_ids')).toBe(e.evidence.map((check) => check.checkId).join(' '));
      expect(field(row, 'diff')).toBe(e.diff?.unified ?? '');
    });
    const b = rows.find((row) => field(row, 'key') === s.keys.b && field(row, 'event') === 'removed')!;
    expect([field(b, 'removal_kind'), field(b, 'removed_by'), field(b, 'notice'), field(b, 'notice_platform')]).toEqual(['soft_deleted', 'platform', '此内容因违规无法查看', 'wechat']);
    expect(field(b, 'copies')).toContain(s.urls.m);
    expect(field(b, 'evidence').split('\n')).toHaveLength(2);
    // The hostile title, quotes and all, is one field.
    expect(rows.find((row) => field(row, 'key') === s.keys.g)!.includes(HOSTILE_TITLE)).toBe(true);
    const bom = await s.cli(['report', '--since', '4d', '--format', 'csv', '--bom']);
    expect(bom.stdout.startsWith('\uFEFF"event_id"')).toBe(true);
  });

  it('writes Markdown with the table per day, a section per event, the diff fenced and archived text escaped', async () => {
    const run = await s.cli(['report', '--since', '4d', '--format', 'md']);
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md).toContain('| day | cdt | generic | total |');
    expect(md).toContain('| 2026-03-04 | 2 | 1 | 3 |');
    expect(md.match(/^## \d+\. (Removed|Restored|Edited): /gm)).toHaveLength(8);
    expect(md).toContain(`## 5. Removed: ${s.demo.articles.find((a) => `cdt:${a.id}` === s.keys.b)!.title}`);
    expect(md).toMatch(/```diff\n--- cdt:\d+ v1 .*\n\+\+\+ cdt:\d+ v2 .*\n@@ [^\n]+ @@\n/);
    expect(md).toContain(`[-${s.editedWord}-]{+${EDIT_REPLACEMENT}+}`);
    expect(md).toContain('soft\\_deleted, by the platform (wechat notice: 此内容因违规无法查看)');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('writes to a file with --out and says where', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'memhole-report-out-')), 'report.json');
    const run = await s.cli(['report', '--since', '4d', '--format', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote the report of 6 removed, 1 restored and 1 edited pages to ${out}\n`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as RemovalReport).entries).toHaveLength(8);
    const nowhere = await s.cli(['report', '--out', '/nonexistent/dir/report.md']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^memhole: cannot write \/nonexistent\/dir\/report\.md \(.*\); choose a file in a folder that exists and is writable\n$/);
  });
});

describe('memhole diff', () => {
  it('shows the edit word by word, as unified text, JSON and side-by-side HTML', async () => {
    const unified = await s.cli(['diff', s.keys.e]);
    expect(unified.code, unified.stderr).toBe(0);
    expect(unified.stdout).toMatch(new RegExp(`^~.*\\[-${s.editedWord}-\\]\\{\\+${EDIT_REPLACEMENT}\\+\\}`, 'm'));
    expect(unified.stdout.split('\n').filter((line) => /^[-+~]/.test(line) && !/^(---|\+\+\+) /.test(line))).toHaveLength(1);
    const json = JSON.parse((await s.cli(['diff', `${s.demo.url}/chinese/${s.keys.e.slice(4)}.html`, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ page: { key: s.keys.e }, from: { version: 1 }, to: { version: 2 }, identical: false, stats: { wordsAdded: 1, wordsRemoved: 1 } });
    const html = (await s.cli(['diff', s.keys.e, '--format', 'html'])).stdout;
    expect(html).toContain(`<del>${s.editedWord}</del>`);
    expect(html).toContain(`<ins>${EDIT_REPLACEMENT}</ins>`);
    const same = JSON.parse((await s.cli(['diff', s.keys.e, '--from', 'v2', '--to', '2', '--format', 'json'])).stdout);
    expect(same.identical).toBe(true);
  });

  it('compares the capture that saw a notice with the last good version', async () => {
    const shown = JSON.parse((await s.cli(['show', s.keys.b, '--json'])).stdout) as { checks: { captureId: number; outcome: string }[] };
    const notice = shown.checks.filter((check) => check.outcome === 'soft_deleted').at(-1)!;
    const run = await s.cli(['diff', '--capture', String(notice.captureId), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const diff = JSON.parse(run.stdout) as { from: { version: number }; to: { label: string; captureId: number }; rows: { op: string; text?: string; to?: string }[] };
    expect(diff.from.version).toBe(1);
    expect(diff.to.captureId).toBe(notice.captureId);
    expect(diff.to.label).toContain('no article extracted');
    expect(diff.rows.some((row) => (row.text ?? row.to ?? '').includes('此内容因违规无法查看'))).toBe(true);
    expect(diff.rows.filter((row) => row.op === 'equal')).toEqual([]);
  });

  it('says clearly what is wrong with the request', async () => {
    const cases: [string[], number, string][] = [
      [['diff', s.keys.e, '--from', 'v9'], 2, `memhole: --from v9: ${s.keys.e} has versions v1 to v2; write --from v1\n`],
      [['diff', 'cdt:123456'], 4, 'memhole: nothing archived for "cdt:123456"; give a URL crawled before or a key such as cdt:685611\n'],
      [['diff', s.keys.c], 4, `memhole: ${s.keys.c} has one version only; it has not changed since it was archived\n`],
      [['diff'], 2, 'memhole: name a page (a URL or a key such as cdt:685611), or a capture with --capture <id>\n'],
      [['diff', '--capture', '999999'], 4, 'memhole: no capture #999999 in the archive; `memhole show <url|key>` lists a page\'s captures\n'],
    ];
    for (const [args, code, stderr] of cases) {
      const run = await s.cli(args);
      expect([run.code, run.stderr], args.join(' ')).toEqual([code, stderr]);
    }
  });
});
