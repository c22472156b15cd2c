import { renderPage, planPages } from './scripts/bench/recheck-pages.ts';
import { analyzePage } from './src/extract/page-analysis.ts';
import { cdtAdapter } from './crawlers/cdt/index.ts';
import { pageEvidence } from './src/recheck/page-evidence.ts';
import { indexTokens, foldForSearch } from './storage/search-text.ts';
import * as cheerio from 'cheerio';
const size = { minBytes: 30_000, maxBytes: 80_000 };
const plan = planPages(400, 1);
const pages = plan.ids.map((id) => ({ url: `https://chinadigitaltimes.net/chinese/${id}.html`, finalUrl: `https://chinadigitaltimes.net/chinese/${id}.html`, contentType: 'text/html; charset=utf-8', text: renderPage(id, 1, 'https://chinadigitaltimes.net', 0, size).toString('utf8') }));
const time = (name: string, f: (p: any) => unknown) => { const t = performance.now(); for (const p of pages) f(p); console.log(name.padEnd(24), ((performance.now() - t) / pages.length).toFixed(2), 'ms/page'); };
for (let r = 0; r < 2; r++) {
  time('cheerio.load', (p) => cheerio.load(p.text));
  time('adapter.extract', (p) => cdtAdapter.extract(p));
  time('analyzePage', (p) => analyzePage(cdtAdapter, p));
  time('pageEvidence', (p) => pageEvidence(p.text, p.url));
  const texts = pages.map((p) => cdtAdapter.extract(p)!.text);
  const t = performance.now(); for (const x of texts) indexTokens(foldForSearch(x)); console.log('fts tokens'.padEnd(24), ((performance.now() - t) / texts.length).toFixed(2), 'ms/page; mean text chars', Math.round(texts.reduce((a, x) => a + x.length, 0) / texts.length));
}
