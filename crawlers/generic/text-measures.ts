/**
 * How the generic adapter reads an element's text: whitespace collapsed, and the share of it inside links.
 * Shared by the body scorer (content-score.ts) and the boilerplate pruner (boilerplate.ts).
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** The text a reader sees, on one line. */
export function textOf(selection: Cheerio<AnyNode>): string {
  return selection.text().replace(/\s+/g, ' ').trim();
}

/** The share of an element's text that sits inside links. */
export function linkDensity($: CheerioAPI, element: Element): number {
  const length = textOf($(element)).length;
  if (!length) return 0;
  const linked = $(element)
    .find('a')
    .toArray()
    .reduce((sum, link) => sum + textOf($(link)).length, 0);
  return Math.min(1, linked / length);
}
