/**
 * Small link helpers shared by adapters: distinct link texts of a selector, URLs without their fragment,
 * distinct values in first-seen order.
 */
import type { CheerioAPI } from 'cheerio';

/** Distinct texts of the elements matching `selector`, whitespace collapsed, in page order. */
export function linkTexts($: CheerioAPI, selector: string): string[] {
  return unique(
    $(selector)
      .toArray()
      .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  );
}

/** The URL without its #fragment, so one page linked with and without an anchor is one URL. */
export function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Distinct values in first-seen order. */
export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
