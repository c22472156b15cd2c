/**
 * The two extractors `npm run bench:extract` compares, run in this process over the same HTML: memhole's generic
 * adapter and @mozilla/readability on a linkedom DOM (the pairing TOOLCHAIN.md measured fastest on Node 20).
 */
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { genericAdapter } from '../../crawlers/generic/index.ts';

export type Extractor = (html: string, url: string) => string;

export const extractors: Record<'generic' | 'readability', Extractor> = {
  generic(html, url) {
    return genericAdapter.extract({ url, contentType: 'text/html', text: html })?.text ?? '';
  },
  readability(html) {
    const { document } = parseHTML(html);
    // Readability's types name the browser Document; linkedom's document stands in for it.
    const article = new Readability(document as never).parse();
    return article?.textContent ?? '';
  },
};

export interface RunResult {
  texts: string[];
  /** Pages that threw, by index, with the message: scored as empty predictions. */
  errors: { index: number; message: string }[];
  seconds: number;
}

/** Run one extractor over every page, timing only the extraction (no file reading). */
export function runExtractor(extract: Extractor, pages: readonly { html: string; url: string }[]): RunResult {
  const texts: string[] = [];
  const errors: RunResult['errors'] = [];
  const start = performance.now();
  pages.forEach((page, index) => {
    try {
      texts.push(extract(page.html, page.url));
    } catch (err) {
      texts.push('');
      errors.push({ index, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return { texts, errors, seconds: (performance.now() - start) / 1000 };
}
