/**
 * CSS selectors a source's configuration may give the generic adapter (`selectors:` in memhole.config.yaml):
 * blocks to remove, and where the body, title, author and date are. They are applied before the heuristics of
 * content-score.ts and metadata.ts, which still fill in whatever a selector does not find.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

/** Selectors for one site; every field is optional. */
export interface GenericSelectors {
  /** The article body: the matching elements, in page order, are the body. */
  body?: string;
  title?: string;
  author?: string;
  /** The publication date: a matching element's `datetime` or `content` attribute, else its text. */
  published?: string;
  /** Blocks removed before anything else is read: ads, promotions, related lists the heuristics keep. */
  remove?: string[];
}

/** Null when `selector` is a CSS selector cheerio can run, else the parser's complaint. */
export function selectorProblem(selector: string): string | null {
  try {
    cheerio.load('').root().find(selector);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Remove the configured blocks from a loaded page. */
export function removeSelected($: CheerioAPI, selectors: GenericSelectors): void {
  for (const selector of selectors.remove ?? []) $(selector).remove();
}

/** The body the configuration points at, as a list of elements, or null when its selector matches nothing with text. */
export function selectedBody($: CheerioAPI, selectors: GenericSelectors): Element[] | null {
  if (!selectors.body) return null;
  // Matches nested in another match are already inside it.
  const all = $(selectors.body)
    .toArray()
    .filter((node): node is Element => node.type === 'tag');
  const matches = all.filter((element) => !all.some((other) => other !== element && $(element).parents().toArray().includes(other)));
  const hasContent = matches.some((element) => $(element).text().trim() || $(element).find('img').length);
  return hasContent ? matches : null;
}

/** The configured title, author and date, each null when its selector is absent or finds nothing. */
export function selectedFields(
  $: CheerioAPI,
  selectors: GenericSelectors,
): { title: string | null; author: string | null; publishedText: string | null } {
  const text = (selector: string | undefined): string | null => {
    if (!selector) return null;
    const found = $(selector).first().text().replace(/\s+/g, ' ').trim();
    return found || null;
  };
  const published = selectors.published ? $(selectors.published).first() : null;
  const stamp = published?.attr('datetime') ?? published?.attr('content');
  return {
    title: text(selectors.title),
    author: text(selectors.author),
    publishedText: stamp?.trim() || text(selectors.published),
  };
}
