/**
 * The HTML removal report and the Atom feed, opened in Debian's Chromium: the report's rows and chart bars
 * (per day and source) read from its DOM, nothing fetched and no script run, a screenshot kept under
 * test-output/report/; the feed parsed by the browser's XML parser, with stable entry ids. Over the archive
 * of report-scenario.ts.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM } from '../../src/fetch/browser-renderer.ts';
import type { RemovalReport } from '../../src/report/removal-report.ts';
import { buildReportScenario, EDIT_REPLACEMENT, HOSTILE_TITLE, type ReportScenario } from './report-scenario.ts';

const OUTPUT = fileURLToPath(new URL('../../test-output/report/', import.meta.url));

let s: ReportScenario;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(DEFAULT_CHROMIUM), 'Chromium is needed for this test: apt-get install -y chromium').toBe(true);
  mkdirSync(OUTPUT, { recursive: true });
  s = await buildReportScenario();
  browser = await chromium.launch({
    executablePath: DEFAULT_CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** A page that records every request it makes and every script error. */
async function openPage(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, requests, errors };
}

describe('the HTML report in Chromium', () => {
  it('shows every event as a row and every removal as a bar of its day and source, fetching nothing', async () => {
    const file = `${OUTPUT}removal-report.html`;
    const run = await s.cli(['report', '--since', '4d', '--format', 'html', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse((await s.cli(['report', '--since', '4d', '--format', 'json'])).stdout) as RemovalReport;

    const { page, requests, errors } = await openPage();
    await page.goto(pathToFileURL(file).href);
    // The report is the only thing loaded: no stylesheet, font, image or script from anywhere.
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);

    const rows = await page.locator('tr.entry').evaluateAll((trs) =>
      trs.map((tr) => ({ id: Number(tr.getAttribute('data-event-id')), kind: tr.getAttribute('data-kind'), key: tr.getAttribute('data-key'), title: tr.children[5]!.textContent })),
    );
    expect(rows).toEqual(report.entries.map((e) => ({ id: e.eventId, kind: e.kind, key: e.page.key, title: e.title ?? e.page.key })));
    expect(rows.find((row) => row.key === s.keys.g)!.title).toBe(HOSTILE_TITLE);
    expect(await page.locator('.counts').textContent()).toBe('6 removed, 1 restored, 1 edited.');

    // The chart: one bar segment per day and source with removals, its height proportional to the count.
    const bars = await page.locator('svg.removal-chart rect.bar').evaluateAll((rects) =>
      rects.map((rect) => ({ day: rect.getAttribute('data-day'), source: rect.getAttribute('data-source'), count: Number(rect.getAttribute('data-count')), height: Number(rect.getAttribute('height')), title: rect.querySelector('title')!.textContent })),
    );
    expect(bars.map(({ day, source, count }) => ({ day, source, count }))).toEqual([
      { day: '2026-03-02', source: 'cdt', count: 3 },
      { day: '2026-03-04', source: 'cdt', count: 2 },
      { day: '2026-03-04', source: 'generic', count: 1 },
    ]);
    const [three, two, one] = bars as [(typeof bars)[0], (typeof bars)[0], (typeof bars)[0]];
    expect(two.height / three.height).toBeCloseTo(2 / 3, 1);
    expect(one.height / three.height).toBeCloseTo(1 / 3, 1);
    expect(one.title).toBe('2026-03-04 · generic: 1 removal');
    // Labelled for screen readers: a named image with a summary, and its numbers as a table.
    const svg = page.locator('svg.removal-chart');
    expect(await svg.getAttribute('role')).toBe('img');
    const label = await page.evaluate(() => {
      const chart = document.querySelector('svg.removal-chart')!;
      return chart.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    });
    expect(label).toEqual(['Removals per day and source', '6 removals from 2026-03-01 to 2026-03-05: cdt 5, generic 1. Most on 2026-03-02 (3).']);
    const table = await page.locator('table.chart-data tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent)));
    expect(table).toEqual([
      ['2026-03-01', '0', '0', '0'],
      ['2026-03-02', '3', '0', '3'],
      ['2026-03-03', '0', '0', '0'],
      ['2026-03-04', '2', '1', '3'],
      ['2026-03-05', '0', '0', '0'],
    ]);
    expect(await page.locator('.legend-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-source')))).toEqual(['cdt', 'generic']);

    // Each event's details: evidence rows, the surviving copy, the edit's side-by-side diff.
    const b = report.entries.find((e) => e.kind === 'removed' && e.page.key === s.keys.b)!;
    const bSection = page.locator(`article#event-${b.eventId}`);
    expect(await bSection.locator('tr.check').count()).toBe(2);
    expect(await bSection.locator('ul.copies li').getAttribute('data-key')).toBe(s.keys.m);
    const e = report.entries.find((entry) => entry.kind === 'edited')!;
    const diff = page.locator(`article#event-${e.eventId} table.diff`);
    expect(await diff.locator('tr.replace td.from del').textContent()).toBe(s.editedWord);
    expect(await diff.locator('tr.replace td.to ins').textContent()).toBe(EDIT_REPLACEMENT);

    const shot = `${OUTPUT}removal-report.png`;
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  }, 60_000);

  it('shows an empty window as such, with an empty chart', async () => {
    const html = (await s.cli(['report', '--since', '2026-03-05T11:00', '--format', 'html'])).stdout;
    const { page } = await openPage();
    await page.setContent(html);
    expect(await page.locator('p.empty').textContent()).toBe('Nothing was removed, restored or edited in this window.');
    expect(await page.locator('rect.bar').count()).toBe(0);
    await page.close();
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom 1.0 with an entry per removal, escaped, and ids that do not change', async () => {
    const first = await s.cli(['feed']);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(`${OUTPUT}removals.atom`, first.stdout);
    // Written again an hour later over a wider window: the same removals keep their ids.
    s.setNow(s.times.end + 3_600_000);
    const later = await s.cli(['feed', '--since', '60d']);
    s.setNow(s.times.end);

    const { page } = await openPage();
    const parse = (xml: string) =>
      page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const atom = 'http://www.w3.org/2005/Atom';
        const one = (parent: Element, name: string) => parent.getElementsByTagNameNS(atom, name)[0] ?? null;
        const feed = doc.documentElement;
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: [feed.namespaceURI, feed.localName],
          id: one(feed, 'id')?.textContent,
          updated: Array.from(feed.children).find((child) => child.localName === 'updated')?.textContent,
          author: one(feed, 'name')?.textContent,
          entries: Array.from(feed.getElementsByTagNameNS(atom, 'entry'), (entry) => ({
            id: one(entry, 'id')?.textContent,
            title: one(entry, 'title')?.textContent,
            updated: one(entry, 'updated')?.textContent,
            alternate: Array.from(entry.getElementsByTagNameNS(atom, 'link')).find((link) => link.getAttribute('rel') === 'alternate')?.getAttribute('href'),
            contentType: one(entry, 'content')?.getAttribute('type'),
            content: one(entry, 'content')?.textContent,
          })),
        };
      }, xml);
    const feed = await parse(first.stdout);
    expect(feed.errors).toBe(0);
    expect(feed.root).toEqual(['http://www.w3.org/2005/Atom', 'feed']);
    expect(feed.id).toBe('tag:memhole,2026:removals');
    expect(feed.author).toBe('memhole');
    expect(feed.entries).toHaveLength(6);
    // Newest first; the feed is as new as its newest entry.
    expect(feed.updated).toBe('2026-03-04T11:00:00+08:00');
    expect(feed.entries.map((entry) => entry.updated)).toEqual([...Array(3).fill('2026-03-04T11:00:00+08:00'), ...Array(3).fill('2026-03-02T12:00:00+08:00')]);
    expect(new Set(feed.entries.map((entry) => entry.id)).size).toBe(6);
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/^tag:memhole,2026:removed\/[^\s]+\/\d+$/);
      expect(entry.contentType).toBe('html');
      expect(entry.alternate).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    const g = feed.entries.find((entry) => entry.alternate === s.urls.g)!;
    expect(g.title).toBe(`Removed: ${HOSTILE_TITLE}`);
    // The content is HTML escaped once as text: parsed, it holds the evidence and the title still as text.
    const b = feed.entries.find((entry) => entry.id!.includes(encodeURIComponent(s.keys.b)))!;
    expect(b.content).toContain('此内容因违规无法查看');
    expect(b.content).toContain(`href="${s.urls.m}"`);

    const again = await parse(later.stdout);
    expect(again.errors).toBe(0);
    expect(again.entries.map((entry) => entry.id)).toEqual(feed.entries.map((entry) => entry.id));
    await page.close();
  }, 60_000);
});
