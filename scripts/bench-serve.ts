/**
 * `npm run bench:serve`: how fast `memhole serve` answers on a large archive. Every article of
 * ../shared/corpora/banned-news2 (extracted by the mirrors adapter, as bench:search does) is stored through the
 * Store API, a tenth of the pages are then removed (two not_found checks with their events) and a twentieth
 * edited (a second version); then each view is requested in turn and timed, beside the server's cheapest answer
 * (its stylesheet) measured in the same run. Flags --requests N per view (40), --seed N. Exit codes: 0 done,
 * 1 a view answered an error or missed the goal, 2 bad flags or no corpus, 3 over the time limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { mirrorsAdapter } from '../crawlers/mirrors/index.ts';
import { articleInput } from '../src/archive/record.ts';
import { startArchiveServer } from '../src/server/server.ts';
import { openSqliteStore, type PageRow, type Store } from '../storage/index.ts';
import { benchFlags, runBounded, wholeFlag } from './bench/bench-run.ts';
import { corporaDir } from './bench/extract-corpus.ts';
import { mulberry32, streamSeed } from './bench/prng.ts';
import { CORPUS_NAME, corpusTarball, drawQueries, loadCorpus, type Corpus } from './bench/search-corpus.ts';
import { percentile } from './bench/stats.ts';

const USAGE = `usage: npm run bench:serve -- [--requests N] [--seed N]
  --requests N   requests per view (default 40)
  --seed N       seed of which pages are removed, edited and requested (default 1)
`;
const TIME_LIMIT_MS = 30 * 60_000;
/** The goal: every view's 95th percentile under this, on the whole corpus (an interactive page's budget). */
const P95_GOAL_MS = 250;
const DAY = 86_400_000;

const progress = (message: string): void => console.error(`bench:serve: ${message}`);

interface Archive {
  pages: PageRow[];
  removed: PageRow[];
  edited: PageRow[];
  captureIds: number[];
}

async function buildArchive(store: Store, corpus: Corpus, random: () => number, now: number): Promise<Archive> {
  const pages: PageRow[] = [];
  const captureIds: number[] = [];
  const removed: PageRow[] = [];
  const edited: PageRow[] = [];
  for (const [i, { path, url, article }] of corpus.articles.entries()) {
    const capturedAt = now - 20 * DAY + i;
    const page = await store.upsertPage({ canonicalKey: `${CORPUS_NAME}:${path}`, sourceId: i % 3 === 0 ? 'mirrors' : CORPUS_NAME, kind: 'article', url, seenAt: capturedAt });
    const capture = await store.recordCapture(captureInput(page.id, url, article.text, capturedAt));
    await store.recordArticle({ ...articleInput(mirrorsAdapter, article), pageId: page.id, captureId: capture.id });
    pages.push(page);
    captureIds.push(capture.id);
    const fate = random();
    if (fate < 0.1) {
      await removePage(store, page, url, now - Math.floor(random() * 10) * DAY);
      removed.push(page);
    } else if (fate < 0.15) {
      const later = await store.recordCapture(captureInput(page.id, url, `${article.text}（更新）`, capturedAt + DAY));
      await store.recordArticle({ ...articleInput(mirrorsAdapter, { ...article, text: `${article.text}\n\n编者按：本文发布后有修改。` }), pageId: page.id, captureId: later.id });
      edited.push(page);
    }
    if ((i + 1) % 2000 === 0) progress(`stored ${i + 1} of ${corpus.articles.length}`);
  }
  return { pages, removed, edited, captureIds };
}

function captureInput(pageId: number, url: string, text: string, capturedAt: number) {
  return {
    pageId, how: 'import' as const, requestedUrl: url, finalUrl: url, status: 200, redirects: [], headers: [], requestHeaders: [],
    remoteAddress: null, failureKind: null, failureMessage: null, truncated: false, body: new TextEncoder().encode(text),
    contentType: 'text/markdown; charset=utf-8', contentEncoding: null, charset: 'utf-8', capturedAt, durationMs: 0,
  };
}

/** Two not_found checks an hour apart: suspect, then removed, as the re-check path writes them. */
async function removePage(store: Store, page: PageRow, url: string, at: number): Promise<void> {
  const check = (checkedAt: number, stateAfter: 'suspect' | 'removed', priorCheckIds: number[]) =>
    store.recordCheck({
      pageId: page.id,
      capture: { ...captureInput(page.id, url, '', checkedAt), how: 'http', status: 404, body: null, contentType: 'text/html' },
      checkedAt,
      outcome: 'not_found',
      detail: { status: 404 },
      stateAfter,
      nextCheckAt: checkedAt + DAY,
      events: [{ kind: stateAfter, fromState: stateAfter === 'suspect' ? 'alive' : 'suspect', toState: stateAfter, priorCheckIds, removalKind: 'not_found' }],
    });
  const first = await check(at - 3_600_000, 'suspect', []);
  await check(at, 'removed', [first.check.id]);
}

interface Timed {
  view: string;
  ms: number[];
  errors: string[];
}

async function time(base: string, view: string, paths: string[]): Promise<Timed> {
  const timed: Timed = { view, ms: [], errors: [] };
  for (const path of paths) {
    const started = performance.now();
    const response = await request(`${base}${path}`);
    await response.body.arrayBuffer();
    timed.ms.push(performance.now() - started);
    if (response.statusCode !== 200) timed.errors.push(`${path}: HTTP ${response.statusCode}`);
  }
  return timed;
}

async function main(requests: number, seed: number): Promise<number> {
  const tarball = corpusTarball(corporaDir());
  if (!tarball) {
    progress(`the ${CORPUS_NAME} corpus is missing: put the shared corpora beside the repository (../shared/corpora) or set MEMHOLE_CORPORA.`);
    return 2;
  }
  const corpus = loadCorpus(tarball, (done, total) => progress(`extracted ${done} of ${total} files`));
  const dataDir = mkdtempSync(join(tmpdir(), 'memhole-bench-serve-'));
  dataDirs.push(dataDir);
  const now = Date.now();
  const random = mulberry32(streamSeed(seed, 'serve'));
  const store = await openSqliteStore({ dataDir }, () => now);
  const started = performance.now();
  const archive = await buildArchive(store, corpus, random, now);
  progress(`archive built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const server = await startArchiveServer({ store, host: '127.0.0.1', port: 0, clock: () => now });
  try {
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const many = (make: () => string): string[] => Array.from({ length: requests }, make);
    const queries = drawQueries(corpus, requests, random, 2, 4);
    const views: [string, string[]][] = [
      ['stylesheet (baseline)', many(() => '/static/app.css')],
      ['home (counts, 30 days of changes)', many(() => '/')],
      ['search, 2-4 characters, top 20', queries.map((q) => `/search?q=${encodeURIComponent(q)}`)],
      ['search, removed pages only', queries.map((q) => `/search?q=${encodeURIComponent(q)}&state=removed`)],
      ['timeline of a page', many(() => `/pages/${pick(archive.pages).id}`)],
      ['timeline of a removed page', many(() => `/pages/${pick(archive.removed).id}`)],
      ['snapshot (markdown rendered)', many(() => `/pages/${pick(archive.pages).id}/versions/1`)],
      ['archived bytes', many(() => `/archived/${pick(archive.captureIds)}`)],
      ['diff of an edited page', many(() => `/diff?page=${pick(archive.edited).id}`)],
      ['removal report, 7 days', many(() => '/report?since=7d')],
      ['Atom feed, 30 days', many(() => '/feed.atom?since=30d')],
    ];
    const results: Timed[] = [];
    for (const [view, paths] of views) {
      progress(`timing ${view}`);
      results.push(await time(server.url, view, paths));
    }
    const sorted = (ms: number[]): number[] => [...ms].sort((a, b) => a - b);
    const baseline = percentile(sorted(results[0]!.ms), 0.5);
    const counts = await store.counts();
    const lines = [
      `bench:serve  memhole serve over ${CORPUS_NAME}: ${counts.pages} pages, ${counts.articles} article versions, ${counts.checks} checks, ${counts.events} events; ${requests} requests per view, one at a time`,
      '',
      `${'view'.padEnd(38)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p95 / baseline p50'.padStart(19)}  goal p95 < ${P95_GOAL_MS} ms`,
    ];
    let failed = false;
    for (const result of results) {
      const p50 = percentile(sorted(result.ms), 0.5);
      const p95 = percentile(sorted(result.ms), 0.95);
      const ok = p95 < P95_GOAL_MS && result.errors.length === 0;
      failed ||= !ok;
      lines.push(`${result.view.padEnd(38)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(p95 / baseline).toFixed(1).padStart(19)}  ${ok ? 'met' : `NOT MET${result.errors.length ? ` (${result.errors[0]})` : ''}`}`);
    }
    console.log(lines.join('\n'));
    return failed ? 1 : 0;
  } finally {
    await server.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dataDirs: string[] = [];
const flags = benchFlags('bench:serve', USAGE, (argv) => {
  const { values } = parseArgs({ args: argv, options: { requests: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  return values.help ? 'help' : { requests: wholeFlag('requests', values.requests, 40, 1), seed: wholeFlag('seed', values.seed, 1, 0) };
});
await runBounded(TIME_LIMIT_MS, dataDirs, progress, () => main(flags.requests, flags.seed));
