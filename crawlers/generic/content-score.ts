/**
 * A readability-style finder of a news page's body for the generic adapter: paragraphs are scored by length in
 * characters and by punctuation (Chinese prose has no spaces, so words are not counted), the scores flow to
 * parents and grandparents, class and id hints and link density adjust them, and the best container wins with
 * the siblings that belong to it. Boilerplate inside the winner is dropped; sanitising is left to the caller.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Class and id words of containers that usually hold the article. */
const POSITIVE = /article|artibody|content|post|entry|main|body|text|story|detail|正文|trs_editor/i;
/** Class and id words (whole tokens, or their start) of containers that hold everything else. */
const NEGATIVE =
  /^(?:comment\w*|reply|replies|sidebar|side|footer|foot|nav\w*|menu|relate\w*|recommend\w*|share\w*|sharing|social|ads?|adv|advert\w*|gg|banner|sponsor\w*|promo\w*|hot|rank\w*|breadcrumbs?|crumbs?|copyright|widget|tools?|toolbar|pager|pagination)$/i;
/** Elements scored as paragraphs. */
const PARAGRAPHS = 'p, pre, td, blockquote, div, section, li';
/** Removed before scoring: never article text. */
const NEVER_CONTENT = 'script, style, noscript, template, nav, aside, footer, button, select, textarea';
const BLOCK_CHILDREN = new Set(['p', 'div', 'section', 'article', 'table', 'ul', 'ol', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dl', 'figure']);
/** A paragraph shorter than this says too little to vote. */
const MIN_PARAGRAPH = 25;
const PUNCTUATION = /[，。！？、；,.!?;]/g;

/** How much a stretch of text looks like prose. */
export function paragraphScore(text: string): number {
  const length = text.length;
  if (length < MIN_PARAGRAPH) return 0;
  const punctuation = text.match(PUNCTUATION)?.length ?? 0;
  return 1 + punctuation + Math.min(Math.floor(length / 100), 3);
}

/** +25 for article-like class and id words, -25 for chrome-like ones (both may apply). */
export function classWeight(element: Element): number {
  const hints = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
  let weight = 0;
  if (isChrome(element)) weight -= 25;
  if (POSITIVE.test(hints)) weight += 25;
  return weight;
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

/**
 * The page's main content: the winning container, or a detached wrapper of it and its siblings, boilerplate removed,
 * or null when nothing on the page reads like prose. The document is changed: call it on a page loaded for this.
 */
export function findMainContent($: CheerioAPI): Element | null {
  $(NEVER_CONTENT).remove();
  const scores = new Map<Element, number>();
  const add = (element: Element | null, points: number): void => {
    if (!element || element.type !== 'tag' || ['html', 'head'].includes(element.name)) return;
    if (!scores.has(element)) scores.set(element, initialScore(element));
    scores.set(element, (scores.get(element) ?? 0) + points);
  };
  for (const element of $(PARAGRAPHS).toArray()) {
    const text = paragraphText($, element);
    const points = paragraphScore(text);
    if (!points) continue;
    const parent = element.parent as Element | null;
    add(parent, points);
    add((parent?.parent as Element | null) ?? null, points / 2);
  }
  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of scores) {
    const final = score * (1 - linkDensity($, element));
    scores.set(element, final);
    if (final > topScore) [top, topScore] = [element, final];
  }
  if (!top) return null;
  const members = withSiblings($, top, topScore, scores);
  // Siblings are gathered under one detached wrapper; a lone winner is its own root, so no extra <div> shows.
  const root = members.length === 1 ? top : ($('<div></div>').append(members).get(0) as Element);
  dropBoilerplate($, root);
  return textOf($(root)) ? root : null;
}

/** What a paragraph says itself: a container's own text only, so a wrapper is not counted as one paragraph. */
function paragraphText($: CheerioAPI, element: Element): string {
  if (!['div', 'section', 'li'].includes(element.name)) return textOf($(element));
  const own = element.children
    .filter((child) => child.type === 'text' || (child.type === 'tag' && !BLOCK_CHILDREN.has((child as Element).name)))
    .map((child) => textOf($(child)))
    .join('');
  return own;
}

function initialScore(element: Element): number {
  const byTag: Record<string, number> = { div: 5, article: 10, section: 3, pre: 3, td: 3, blockquote: 3, form: -3, ol: -3, ul: -3, li: -3, h1: -5, h2: -5, h3: -5, th: -5 };
  return (byTag[element.name] ?? 0) + classWeight(element);
}

/** The winner and its siblings that score close to it or read as prose themselves, in page order. */
function withSiblings($: CheerioAPI, top: Element, topScore: number, scores: Map<Element, number>): AnyNode[] {
  const parent = top.parent as Element | null;
  if (!parent || top.name === 'body') return [top];
  const threshold = Math.max(10, topScore * 0.2);
  return parent.children.filter((sibling) => {
    if (sibling === top) return true;
    if (sibling.type !== 'tag') return false;
    const element = sibling as Element;
    if (classWeight(element) < 0) return false;
    const sameClass = !!element.attribs.class && element.attribs.class === top.attribs.class;
    if ((scores.get(element) ?? 0) + (sameClass ? topScore * 0.2 : 0) >= threshold) return true;
    if (element.name !== 'p') return false;
    const text = textOf($(element));
    const density = linkDensity($, element);
    // A short paragraph beside the body (a last line, a dateline) belongs to it when it is a finished sentence.
    return (text.length > 80 && density < 0.25) || (text.length > 0 && density === 0 && /[。！？.!?」”]$/.test(text));
  });
}

/** Take out, inside the content, the chrome that sits among paragraphs: share bars, related lists, comments. */
export function dropBoilerplate($: CheerioAPI, root: Element): void {
  $(root).find('*').filter((_, el) => isChrome(el)).remove();
  // Deepest first, so a list of links goes before the block around it is judged.
  for (const element of $(root).find('div, section, ul, ol, table, dl').toArray().reverse()) {
    if (!element.parent) continue;
    const text = textOf($(element));
    const media = $(element).find('img, video, iframe, embed, object').length;
    const links = $(element).find('a').length;
    const punctuation = text.match(PUNCTUATION)?.length ?? 0;
    const density = linkDensity($, element);
    if (links >= 2 && density > 0.5 && punctuation < 5 && !media) $(element).remove();
    else if (!text && !media) $(element).remove();
  }
}

/** True when a word of the element's class or id names site chrome (`comment-list`, `share_bar`, `gg`). */
export function isChrome(element: Element): boolean {
  const tokens = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.split(/[\s_-]+/).filter(Boolean);
  return tokens.some((token) => NEGATIVE.test(token));
}

function textOf(selection: Cheerio<AnyNode>): string {
  return selection.text().replace(/\s+/g, ' ').trim();
}
