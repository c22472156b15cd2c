/**
 * The extractor gives the same analysis whether a page is analysed inline or in a worker thread: every golden
 * page of every adapter goes through a worker and must come back equal to the inline analysis. Adapters the
 * worker cannot rebuild from the registry stay inline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cdtAdapter } from '../../crawlers/cdt/index.ts';
import { createExtractor, inlineExtractor } from '../../src/extract/extractor.ts';
import { analyzePage } from '../../src/extract/page-analysis.ts';
import { adapterOf, listCases, loadPage } from '../golden/golden-cases.ts';

const extractor = createExtractor({ threads: 1, inlineFirst: 0 });

afterAll(async () => {
  await extractor.close();
});

describe('the extractor', () => {
  it('analyses every golden page in a worker exactly as inline', async () => {
    const cases = listCases();
    expect(cases.length).toBeGreaterThan(40);
    // One at a time, so the worker is never saturated and takes every page.
    const results = [];
    for (const goldenCase of cases) results.push({ goldenCase, analysis: await extractor.analyze(adapterOf(goldenCase), loadPage(goldenCase)) });
    for (const { goldenCase, analysis } of results) {
      expect(analysis, `${goldenCase.source}/${goldenCase.name}`).toEqual(analyzePage(adapterOf(goldenCase), loadPage(goldenCase)));
    }
    expect(extractor.offloaded).toBe(cases.length);
    expect(results.some(({ analysis }) => analysis.article?.markdown.length)).toBe(true);
  });

  it('keeps inline an adapter the registry does not hold, and the first pages of a run', async () => {
    const [first] = listCases().filter((goldenCase) => goldenCase.source === 'cdt');
    const page = loadPage(first!);
    const before = extractor.offloaded;
    const configured = { ...cdtAdapter, id: 'cdt' };
    expect((await extractor.analyze(configured, page)).extracted?.title).toBe(analyzePage(cdtAdapter, page).extracted?.title);
    expect(extractor.offloaded).toBe(before);

    const patient = createExtractor({ threads: 1, inlineFirst: 2 });
    try {
      for (let i = 0; i < 3; i++) await patient.analyze(cdtAdapter, page);
      expect(patient.offloaded).toBe(1);
    } finally {
      await patient.close();
    }
    expect(createExtractor({ threads: 0 })).toBe(inlineExtractor);
  });

  it('makes no article fields when the text is the known last version\'s, and still the extraction and thread', () => {
    const [first] = listCases().filter((goldenCase) => goldenCase.source === 'cdt' && goldenCase.role === 'article');
    const page = loadPage(first!);
    const full = analyzePage(cdtAdapter, page);
    expect(full.textHash).toBe(full.article!.textHash);
    const known = analyzePage(cdtAdapter, page, { knownTextHash: full.textHash });
    expect(known).toEqual({ ...full, article: null });
    expect(analyzePage(cdtAdapter, page, { knownTextHash: 'another' }).article).toEqual(full.article);
  });

  /** Twelve article pages given to a one-worker extractor at once; returns how many the worker took. */
  async function offloadedTogether(threadBusyness: number): Promise<number> {
    const cases = listCases().filter((goldenCase) => goldenCase.role === 'article').slice(0, 12);
    expect(cases).toHaveLength(12);
    const together = createExtractor({ threads: 1, inlineFirst: 0, threadBusyness: () => threadBusyness });
    try {
      const analyses = await Promise.all(cases.map((goldenCase) => together.analyze(adapterOf(goldenCase), loadPage(goldenCase))));
      analyses.forEach((analysis, at) => expect(analysis).toEqual(analyzePage(adapterOf(cases[at]!), loadPage(cases[at]!))));
      return together.offloaded;
    } finally {
      await together.close();
    }
  }

  it('analyses on the calling thread what a saturated worker cannot take when the thread has time, with the same results', async () => {
    // One worker holds eight pages at a time; the other four were analysed here meanwhile.
    expect(await offloadedTogether(0.1)).toBe(8);
  });

  it('queues every page behind a saturated worker while the calling thread is busy', async () => {
    expect(await offloadedTogether(0.95)).toBe(12);
  });
});
