/**
 * memhole serve's removal report, feed and diff pages, in Chromium, over the report tests' archive (pages
 * deleted, censored, edited and restored on a pinned clock): the report page shows the same events and chart
 * as `memhole report`, its downloads and the Atom feed are the CLI's, and a page's timeline leads to a diff
 * that shows the edited word. Screenshots are kept under test-output/serve/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM } from '../../src/fetch/browser-renderer.ts';
import { buildRemovalReport } from '../../src/report/removal-report.ts';
import { startArchiveServer, type ArchiveServer } from '../../src/server/server.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { buildReportScenario, EDIT_REPLACEMENT, type ReportScenario } from '../report/report-scenario.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'serve');
const WINDOW = 'since=2026-03-01&until=2026-03-05';

let s: ReportScenario;
let store: Store;
let app: ArchiveServer;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(DEFAULT_CHROMIUM), 'Chromium is needed for this test: apt-get install -y chromium').toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  s = await buildReportScenario();
  store = await openSqliteStore({ dataDir: join(s.dir, 'memhole-data'), readOnly: true });
  app = await startArchiveServer({ store, host: '127.0.0.1', port: 0, clock: () => s.now() });
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  await s?.close();
});

describe('the removal report in memhole serve', () => {
  it('shows the events and the chart of `memhole report`, with its downloads and the feed linked', async () => {
    const cli = await s.cli(['report', '--since', '2026-03-01', '--until', '2026-03-05', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as { entries: { eventId: number; kind: string }[]; removalsPerDay: { total: number }[] };

    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await page.goto(`${app.url}/report?${WINDOW}`);
    const rows = await page.locator('tr.entry').evaluateAll((trs) => trs.map((tr) => ({ eventId: Number(tr.getAttribute('data-event-id')), kind: tr.getAttribute('data-kind') })));
    expect(rows).toEqual(expected.entries.map((entry) => ({ eventId: entry.eventId, kind: entry.kind })));
    const bars = await page.locator('svg rect.bar').evaluateAll((rects) => rects.reduce((sum, rect) => sum + Number(rect.getAttribute('data-count')), 0));
    expect(bars).toBe(expected.removalsPerDay.reduce((sum, day) => sum + day.total, 0));
    expect(await page.locator('p.counts').innerText()).toContain('6 removed, 1 restored, 1 edited');
    // The chart's colours are inline styles: the page's policy must let them through, and nothing else.
    const swatch = await page.locator('.swatch').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(swatch).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });

    const downloads = await page.locator('p.downloads a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    const json = await (await fetch(`${app.url}${downloads.find((href) => href.startsWith('/report.json'))!}`)).json();
    expect(json.entries.map((entry: { eventId: number }) => entry.eventId)).toEqual(expected.entries.map((entry) => entry.eventId));
    const csv = await (await fetch(`${app.url}${downloads.find((href) => href.startsWith('/report.csv'))!}`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(expected.entries.length + 1);
    const atom = await fetch(`${app.url}${downloads.find((href) => href.startsWith('/feed.atom'))!}`);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    // Chromium's XML parser reads it: well-formed, one entry per removal.
    const entries = await page.evaluate((text) => {
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      return { errors: xml.getElementsByTagName('parsererror').length, entries: xml.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length };
    }, await atom.text());
    expect(entries).toEqual({ errors: 0, entries: 6 });
    await page.context().close();
  });

  it('names, on a censored page\'s timeline, the copy of its text that survives on another source', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const censored = (await store.getPageByKey(s.keys.b))!;
    await page.goto(`${app.url}/pages/${censored.id}`);
    expect(await page.locator('main > p [data-state]').first().getAttribute('data-state')).toBe('removed');
    const copies = page.locator('ul.copies li');
    expect(await copies.evaluateAll((items) => items.map((item) => item.getAttribute('data-key')))).toEqual([s.keys.m]);
    expect(await copies.first().locator('[data-state]').getAttribute('data-state')).toBe('alive');
    await page.context().close();
  });

  it('keeps the counts and chart of the whole window when it builds only the newest entries', async () => {
    const window = { since: Date.parse('2026-03-01T00:00:00+08:00'), until: Date.parse('2026-03-05T23:59:59+08:00'), now: s.now(), fillMissingFingerprints: false };
    const full = await buildRemovalReport(store, window);
    const newest = await buildRemovalReport(store, { ...window, maxEntries: 2 });
    expect(full.entriesOmitted).toBe(0);
    expect(newest.entriesOmitted).toBe(full.entries.length - 2);
    expect(newest.entries.map((e) => e.eventId)).toEqual(full.entries.slice(-2).map((e) => e.eventId));
    expect(newest.counts).toEqual(full.counts);
    expect(newest.removalsPerDay).toEqual(full.removalsPerDay);
    expect(newest.sources).toEqual(full.sources);
  });

  it('refuses a window that does not parse, with a message naming it', async () => {
    const response = await fetch(`${app.url}/report?since=last%20tuesday`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('since');
    // Both parameters are named as the query names them, not as the CLI's flags.
    const reversed = await fetch(`${app.url}/report?since=2026-03-05&until=2026-03-01`);
    expect(reversed.status).toBe(400);
    const message = await reversed.text();
    expect(message).toContain('since 2026-03-05 is after until 2026-03-01');
    expect(message).not.toContain('--');
  });

  it('finds a page typed as its key, its URL or its URL with a fragment, as `memhole show` does', async () => {
    const edited = (await store.getPageByKey(s.keys.e))!;
    for (const typed of [edited.canonicalKey, edited.url, `${edited.url}#comments`]) {
      const answer = await fetch(`${app.url}/lookup?u=${encodeURIComponent(typed)}`, { redirect: 'manual' });
      expect(answer.headers.get('location'), typed).toBe(`/pages/${edited.id}`);
    }
    expect((await fetch(`${app.url}/lookup?u=${encodeURIComponent('https://example.org/nothing')}`, { redirect: 'manual' })).status).toBe(404);
  });

  it('leads from an edited page\'s timeline to the diff of its two versions', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const edited = (await store.getPageByKey(s.keys.e))!;
    await page.goto(`${app.url}/pages/${edited.id}`);
    expect(await page.locator('tr.event[data-event="edited"]').count()).toBe(1);
    await page.locator('ol.versions a.diff').click();
    await page.waitForURL(/\/diff\?page=\d+&from=1&to=2$/);
    expect(await page.locator('table.diff tr.replace td.from del').first().innerText()).toBe(s.editedWord);
    expect(await page.locator('table.diff tr.replace td.to ins').first().innerText()).toBe(EDIT_REPLACEMENT);
    await page.screenshot({ path: join(SHOTS, 'diff.png'), fullPage: true });
    // Any two versions can be chosen; the reverse diff swaps the sides.
    await page.selectOption('select[name=from]', '2');
    await page.selectOption('select[name=to]', '1');
    await page.locator('form.diff-pick button').click();
    await page.waitForURL(/from=2&to=1/);
    expect(await page.locator('table.diff tr.replace td.to ins').first().innerText()).toBe(s.editedWord);
    expect((await fetch(`${app.url}/diff?page=${edited.id}&from=9`)).status).toBe(400);
    await page.context().close();
  });
});
