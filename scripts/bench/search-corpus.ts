/**
 * The articles `npm run bench:search` indexes: every markdown copy in ../shared/corpora/banned-news2 (read from
 * its tarball at run time, never copied here), extracted by memhole's own mirrors adapter, so the index sees
 * the same article text an import of those copies would store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExtractedArticle } from '../../crawlers/adapter.ts';
import { mirrorsAdapter } from '../../crawlers/mirrors/index.ts';
import { untar } from './untar.ts';

export const CORPUS_NAME = 'banned-news2';
const TARBALL = 'banned-news2-pages.tar.gz';
/** Where the mirror kept its copies; a copy's URL there is what the adapter reads it as. */
const MIRROR_BASE = 'https://github.com/gfw-breaker/banned-news3/blob/master/';

export interface CorpusArticle {
  /** The file's path in the tarball, such as pages/p1/943283.md. */
  path: string;
  url: string;
  article: ExtractedArticle;
}

export interface Corpus {
  files: number;
  articles: CorpusArticle[];
  /** Files the adapter found no article in (an index page of links, an empty copy). */
  skipped: string[];
  extractSeconds: number;
}

/** The tarball's path, or null when the corpus is not there. */
export function corpusTarball(corpora: string): string | null {
  const path = join(corpora, CORPUS_NAME, TARBALL);
  return existsSync(path) ? path : null;
}

/** Every file's article, in the tarball's (sorted) order; `progress` is told every thousand files. */
export function loadCorpus(tarball: string, progress: (done: number, total: number) => void): Corpus {
  const files = untar(gunzipSync(readFileSync(tarball))).filter((file) => file.name.endsWith('.md'));
  const articles: CorpusArticle[] = [];
  const skipped: string[] = [];
  const started = performance.now();
  files.forEach((file, i) => {
    const url = `${MIRROR_BASE}${file.name}`;
    const article = mirrorsAdapter.extract({ url, contentType: 'text/markdown', text: file.data.toString('utf8') });
    if (article) articles.push({ path: file.name, url, article });
    else skipped.push(file.name);
    if ((i + 1) % 1000 === 0) progress(i + 1, files.length);
  });
  return { files: files.length, articles, skipped, extractSeconds: (performance.now() - started) / 1000 };
}

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Distinct queries of `shortest` to `longest` Chinese characters (lengths in turn), each a stretch of a randomly
 * drawn article: what a researcher types, and sure to match at least that article.
 */
export function drawQueries(corpus: Corpus, count: number, random: () => number, shortest: number, longest: number): string[] {
  const queries = new Set<string>();
  for (let attempts = 0; queries.size < count && attempts < count * 100; attempts++) {
    const length = shortest + (queries.size % (longest - shortest + 1));
    const text = corpus.articles[Math.floor(random() * corpus.articles.length)]!.article.text;
    const runs = (text.match(HAN_RUN) ?? []).map((run) => Array.from(run)).filter((run) => run.length >= length);
    if (!runs.length) continue;
    const run = runs[Math.floor(random() * runs.length)]!;
    const at = Math.floor(random() * (run.length - length + 1));
    queries.add(run.slice(at, at + length).join(''));
  }
  return [...queries];
}
