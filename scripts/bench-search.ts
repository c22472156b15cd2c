/**
 * `npm run bench:search`: memhole's full-text search over every article of ../shared/corpora/banned-news2
 * (extracted by the mirrors adapter, stored through the store as an import would): how fast the index builds,
 * its size against the text, the latency of ranked searches with snippets, recall against a substring scan of
 * the same folded text, and the same queries as a LIKE scan, all in one run. Flags --queries N (50), --seed N,
 * --limit N (10 results per search). Exit codes: 0 done, 1 a check failed (recall below 1, or the rebuilt
 * index answering otherwise), 2 bad flags or no corpus, 3 over the time limit.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mirrorsAdapter } from '../crawlers/mirrors/index.ts';
import { articleInput } from '../src/archive/record.ts';
import { RANK_WEIGHTS, searchArchive } from '../src/search/search.ts';
import { articleSearchFields, DATABASE_FILE, foldForSearch, openSqliteStore, type Store } from '../storage/index.ts';
import { benchFlags, runBounded, wholeFlag } from './bench/bench-run.ts';
import { corporaDir } from './bench/extract-corpus.ts';
import { mulberry32, streamSeed } from './bench/prng.ts';
import { CORPUS_NAME, corpusTarball, drawQueries, loadCorpus, type Corpus } from './bench/search-corpus.ts';
import { percentile } from './bench/stats.ts';

const USAGE = `usage: npm run bench:search -- [--queries N] [--seed N] [--limit N]
  --queries N   queries of 2 to 6 Chinese characters drawn from the articles (default 50)
  --seed N      seed of the query draw (default 1)
  --limit N     results per search, each with its snippet (default 10)
`;
const TIME_LIMIT_MS = 30 * 60_000;
/** The goals: p95 at most this share of the LIKE scan's median and under this many ms; the index at most this many times the text. */
const LATENCY_SHARE_GOAL = 0.1;
const LATENCY_MS_GOAL = 20;
const SIZE_RATIO_GOAL = 2;
const TIMED_RUNS = 3;

interface Flags {
  queries: number;
  seed: number;
  limit: number;
}

function parseFlags(argv: string[]): Flags | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: { queries: { type: 'string' }, seed: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  return { queries: wholeFlag('queries', values.queries, 50, 1), seed: wholeFlag('seed', values.seed, 1, 0), limit: wholeFlag('limit', values.limit, 10, 1) };
}

const progress = (message: string): void => console.error(`bench:search: ${message}`);

/** One stored article: its page, and its indexed fields folded and joined, for the substring scan. */
interface Stored {
  pageId: number;
  folded: string;
}

async function importCorpus(store: Store, corpus: Corpus): Promise<{ stored: Stored[]; recordSeconds: number; seconds: number }> {
  const started = performance.now();
  let recordMs = 0;
  const stored: Stored[] = [];
  for (const [i, { path, url, article }] of corpus.articles.entries()) {
    const page = await store.upsertPage({ canonicalKey: `${CORPUS_NAME}:${path}`, sourceId: CORPUS_NAME, kind: 'article', url, seenAt: Date.now() });
    const capture = await store.recordCapture({
      pageId: page.id, how: 'import', requestedUrl: url, finalUrl: url, status: null, redirects: [], headers: [], requestHeaders: [],
      remoteAddress: null, failureKind: null, failureMessage: null, truncated: false, body: null, contentType: 'text/markdown',
      contentEncoding: null, charset: 'utf-8', capturedAt: Date.now(), durationMs: 0,
    });
    const input = { ...articleInput(mirrorsAdapter, article), pageId: page.id, captureId: capture.id };
    const before = performance.now();
    await store.recordArticle(input);
    recordMs += performance.now() - before;
    // Fields joined by a newline: no Chinese query spans one, so the join adds no false match.
    stored.push({ pageId: page.id, folded: Object.values(articleSearchFields(input)).map(foldForSearch).join('\n') });
    if ((i + 1) % 2000 === 0) progress(`stored ${i + 1} of ${corpus.articles.length}`);
  }
  return { stored, recordSeconds: recordMs / 1000, seconds: (performance.now() - started) / 1000 };
}

/**
 * The fastest of a few runs, in ms: the machine is shared, and a run that another process pre-empted measures
 * that process, not this code. Search and LIKE scan are timed alike.
 */
async function bestOf(run: () => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const sortedOf = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');

async function main(flags: Flags, tarball: string, dataDir: string): Promise<number> {
  progress(`reading and extracting ${tarball}`);
  const corpus = loadCorpus(tarball, (done, total) => progress(`extracted ${done} of ${total} files`));
  const store = await openSqliteStore({ dataDir }, Date.now);
  try {
    progress(`storing ${corpus.articles.length} articles into ${dataDir} (each indexed as it is written)`);
    const imported = await importCorpus(store, corpus);
    const incremental = await store.searchIndexStats({ size: true });

    // Queries run on the index as writing article by article leaves it, as after a crawl.
    const queries = drawQueries(corpus, flags.queries, mulberry32(streamSeed(flags.seed, 'search-queries')), 2, 6);
    progress(`${queries.length} queries: ranked searches with snippets, recall, LIKE scan`);
    for (const query of queries) await searchArchive(store, { query, limit: flags.limit });
    const latencies: number[] = [];
    for (const query of queries) latencies.push(await bestOf(() => searchArchive(store, { query, limit: flags.limit })));

    let expected = 0;
    let found = 0;
    let extra = 0;
    let likeFound = 0;
    const exactQueries: boolean[] = [];
    const likeLatencies: number[] = [];
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const like = db.prepare('SELECT DISTINCT page_id FROM articles WHERE title LIKE @pattern OR text LIKE @pattern').pluck();
      for (const query of queries) {
        const hits = await store.search({ terms: [query], filters: {}, weights: RANK_WEIGHTS, limit: corpus.articles.length, offset: 0 });
        const indexed = new Set(hits.hits.map((hit) => hit.page.id));
        const folded = foldForSearch(query);
        const scanned = imported.stored.filter((doc) => doc.folded.includes(folded)).map((doc) => doc.pageId);
        const hitCount = scanned.filter((id) => indexed.has(id)).length;
        expected += scanned.length;
        found += hitCount;
        extra += indexed.size - hitCount;
        exactQueries.push(hitCount === scanned.length && indexed.size === scanned.length);
        const pattern = `%${query}%`;
        const liked = new Set(like.all({ pattern }) as number[]);
        likeLatencies.push(await bestOf(() => like.all({ pattern })));
        likeFound += scanned.filter((id) => liked.has(id)).length;
      }
    } finally {
      db.close();
    }

    progress('rebuilding the index from the tables (memhole reindex)');
    const shown = async (): Promise<string[]> =>
      Promise.all(queries.map(async (query) => JSON.stringify((await store.search({ terms: [query], filters: {}, weights: RANK_WEIGHTS, limit: flags.limit, offset: 0 })).hits.map((hit) => hit.page.id))));
    const before = await shown();
    const buildStarted = performance.now();
    const built = await store.reindexSearch();
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const stats = await store.searchIndexStats({ size: true });
    const after = await shown();
    const sameAfterRebuild = before.filter((answer, i) => answer === after[i]).length;

    const sorted = sortedOf(latencies);
    const likeSorted = sortedOf(likeLatencies);
    const [p50, p95] = [percentile(sorted, 0.5), percentile(sorted, 0.95)];
    const likeMedian = percentile(likeSorted, 0.5);
    const recall = expected ? found / expected : 1;
    const textBytes = built.textBytes;
    const indexBytes = stats.indexBytes ?? 0;
    const incrementalBytes = incremental.indexBytes ?? 0;
    // The goal holds for the index either way it was written.
    const sizeRatio = Math.max(indexBytes, incrementalBytes) / textBytes;
    const checks = {
      share: p95 <= likeMedian * LATENCY_SHARE_GOAL,
      absolute: p95 < LATENCY_MS_GOAL,
      recall: recall === 1 && extra === 0,
      size: sizeRatio <= SIZE_RATIO_GOAL,
    };
    const lines = [
      `bench:search  ${CORPUS_NAME}: ${corpus.files} files, ${corpus.articles.length} articles extracted (${corpus.skipped.length} without one: ${corpus.skipped.slice(0, 3).join(', ')}${corpus.skipped.length > 3 ? ', ...' : ''})`,
      `  node ${process.version}, ${availableParallelism()} CPUs; extraction (mirrors adapter) ${corpus.extractSeconds.toFixed(1)} s, not counted below`,
      '',
      'index build',
      `  memhole reindex: ${built.articles} article versions, ${mb(textBytes)} of text in ${buildSeconds.toFixed(1)} s = ${(built.articles / buildSeconds).toFixed(0)} articles/s, ${(textBytes / 1e6 / buildSeconds).toFixed(1)} MB/s`,
      `  on the write path: store.recordArticle (row + index, one transaction each) ${(corpus.articles.length / imported.recordSeconds).toFixed(0)} articles/s (${((imported.recordSeconds * 1000) / corpus.articles.length).toFixed(2)} ms each)`,
      `  index size (its own pages, dbstat): written article by article ${mb(incrementalBytes)} = ${(incrementalBytes / textBytes).toFixed(2)}x the ${mb(textBytes)} of UTF-8 text indexed; rebuilt ${mb(indexBytes)} = ${(indexBytes / textBytes).toFixed(2)}x`,
      `  the rebuilt index ranks the same top ${flags.limit} for ${sameAfterRebuild} of ${queries.length} queries`,
      '',
      `${queries.length} queries of 2 to 6 Chinese characters (seed ${flags.seed}) on the index written article by article, top ${flags.limit} with snippets; each query's best of ${TIMED_RUNS} runs, after a warm-up pass`,
      `  memhole search   p50 ${ms(p50)}  p95 ${ms(p95)}  max ${ms(sorted.at(-1)!)}`,
      `  LIKE scan        p50 ${ms(likeMedian)}  p95 ${ms(percentile(likeSorted, 0.95))}  (title or text LIKE '%query%', the same database)`,
      `  search p95 / LIKE median: ${(p95 / likeMedian).toFixed(3)}`,
      `  recall against a substring scan of the folded text: ${recall.toFixed(4)} (${found} of ${expected} page matches; ${extra} extra; ${exactQueries.filter(Boolean).length} of ${queries.length} queries exact)`,
      `  LIKE finds ${likeFound} of those ${expected} (it matches the characters as stored: no simplified/traditional folding)`,
      '',
      'goals',
      `  p95 at most ${LATENCY_SHARE_GOAL} of the LIKE scan's median: ${ms(p95)} vs ${ms(likeMedian * LATENCY_SHARE_GOAL)}: ${verdict(checks.share)}`,
      `  p95 under ${LATENCY_MS_GOAL} ms: ${verdict(checks.absolute)}`,
      `  recall 1.0 with nothing extra: ${verdict(checks.recall)}`,
      `  index no larger than ${SIZE_RATIO_GOAL}x the text: ${sizeRatio.toFixed(2)}x at most: ${verdict(checks.size)}`,
    ];
    console.log(lines.join('\n'));
    return checks.recall && sameAfterRebuild === queries.length ? 0 : 1;
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const flags = benchFlags('bench:search', USAGE, parseFlags);
const corpora = corporaDir();
const tarball = corpusTarball(corpora);
if (tarball === null) {
  console.error(`bench:search: corpus not found: expected ${join(corpora, CORPUS_NAME, 'banned-news2-pages.tar.gz')}.`);
  console.error('Put the shared corpora beside the repository (../shared/corpora) or set MEMHOLE_CORPORA.');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'memhole-bench-search-'));
await runBounded(TIME_LIMIT_MS, [dataDir], progress, () => main(flags, tarball, dataDir));
