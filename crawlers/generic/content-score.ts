/**
 * A readability-style finder of a news page's body for the generic adapter. Blocks that are never the article
 * (comment threads, consent banners, menus, hidden blocks) go first; then paragraphs are scored by length in
 * characters and by punctuation (Chinese prose has no spaces, so words are not counted), the scores flow to
 * parents and grandparents, class and id hints and link density adjust them, and the best container wins. The
 * body is then grown from the winner outwards, taking the blocks beside it (and beside its wrappers) that read
 * as prose, since many sites split one article over several containers. Boilerplate inside it is dropped by
 * crawlers/generic/boilerplate.ts; sanitising is left to the caller.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { dropBoilerplate, isByline, isChrome, isHeading, isNeverBody } from './boilerplate.ts';
import { textOf } from './text-measures.ts';

/** Class and id words of containers that usually hold the article. */
const POSITIVE = /article|artibody|content|post|entry|main|body|text|story|detail|正文|trs_editor/i;
/** Elements scored as paragraphs. */
const PARAGRAPHS = 'p, pre, td, blockquote, div, section, li, article, main, dd, center, font';
/** Removed before scoring: never article text. */
const NEVER_CONTENT = 'script, style, noscript, template, button, select, textarea';
/** Removed before scoring unless they hold most of the page: a page that wraps its article in one is odd, not empty. */
const CHROME_TAGS =
  'nav, aside, footer, [role="navigation"], [role="menu"], [role="menubar"], [role="complementary"], [role="dialog"], [role="alertdialog"], [role="alert"]';
/** Elements a reader never sees: their text is markup for machines or a widget's closed state. */
const HIDDEN =
  '[hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i], [style*="visibility:hidden" i], [style*="visibility: hidden" i]';
/** Phrasing elements: their text is part of the paragraph around them. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);
/** Blocks that may stand between two parts of a body: subheadings, figures, pictures, rules. */
const INTERLUDE = /^(?:h[2-6]|figure|picture|img|hr|blockquote)$/;
/** A block holding one of these directly is a picture or a player, whatever its tag. */
const MEDIA = new Set(['img', 'picture', 'video', 'iframe', 'figure']);
/** A cookie or consent notice reads like prose but never votes for the block around it. */
const COOKIE_NOTICE = /\bcookies?\b(?=.*\b(?:accept|agree|consent|privacy|policy|continu\w*|settings)\b)|\b(?:accept|agree|consent|privacy|policy|continu\w*|settings)\b(?=.*\bcookies?\b)/i;
/** Containers whose loose text (outside any <p>) is scored. */
const LOOSE_TEXT_HOLDERS = new Set(['div', 'section', 'li', 'article', 'main', 'dd', 'center', 'font', 'td']);
/** A paragraph shorter than this says too little to vote. */
const MIN_PARAGRAPH = 25;
const PUNCTUATION = /[，。！？、；,.!?;]/g;
/** How many wrappers above the winner are searched for the rest of a split body. */
const MAX_CLIMB = 6;

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
  if (isByline(element) || isHeading(element)) weight -= 25;
  if (POSITIVE.test(hints)) weight += 25;
  return weight;
}

/** Text length and linked text length of every element, measured once. */
type TextStats = Map<Element, { length: number; linked: number }>;

/**
 * The page's main content: the winning container, or a detached wrapper of it and the blocks around it that
 * belong to it, boilerplate removed, or null when nothing on the page reads like prose. The document is
 * changed: call it on a page loaded for this.
 */
export function findMainContent($: CheerioAPI): Element | null {
  $(NEVER_CONTENT).remove();
  // Comment threads, consent banners and footers can hold more prose than a short article: out before scoring,
  // whatever their size, as readability does with its unlikely candidates.
  $('*')
    .filter((_, el) => el.type === 'tag' && el.name !== 'html' && el.name !== 'body' && isNeverBody(el))
    .remove();
  // Structural chrome and hidden blocks go too, unless one holds most of the page (an odd page, not an empty one).
  const pageLength = textOf($.root()).length;
  $(`${CHROME_TAGS}, ${HIDDEN}`)
    .filter((_, el) => textOf($(el)).length <= pageLength / 2)
    .remove();
  const root = $.root().get(0);
  if (!root) return null;
  const stats = measureText(root as unknown as Element);
  const density = (element: Element): number => {
    const stat = stats.get(element);
    return stat && stat.length ? Math.min(1, stat.linked / stat.length) : 0;
  };
  const scores = new Map<Element, number>();
  /** Every paragraph's points summed over each ancestor, so a block's prose can be weighed wherever it sits. */
  const prose = new Map<Element, number>();
  const add = (element: Element | null, points: number): void => {
    if (!element || element.type !== 'tag' || ['html', 'head'].includes(element.name)) return;
    if (!scores.has(element)) scores.set(element, initialScore(element));
    scores.set(element, (scores.get(element) ?? 0) + points);
  };
  for (const element of $(PARAGRAPHS).toArray()) {
    const loose = LOOSE_TEXT_HOLDERS.has(element.name);
    const runs = loose ? looseRuns($, element) : [textOf($(element))];
    const points = runs.reduce((sum, run) => sum + (COOKIE_NOTICE.test(run) ? 0 : paragraphScore(run)), 0);
    if (!points) continue;
    // A container's loose text votes as a <p> would: for the container's parent and grandparent.
    const holder = element.parent as Element | null;
    add(holder, points);
    add((holder?.parent as Element | null) ?? null, points / 2);
    for (let node: Element | null = element; node && node.type === 'tag'; node = node.parent as Element | null) {
      prose.set(node, (prose.get(node) ?? 0) + points);
    }
  }
  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of scores) {
    const final = score * (1 - density(element));
    scores.set(element, final);
    if (final > topScore) [top, topScore] = [element, final];
  }
  if (!top) return null;
  top = declaredBody($, top, prose) ?? top;
  const members = growBody($, top, { prose, density, stats });
  // Blocks are gathered under one detached wrapper; a lone winner is its own root, so no extra <div> shows.
  const content = members.length === 1 ? members[0]! : ($('<div></div>').append(members).get(0) as Element);
  dropBoilerplate($, content);
  return textOf($(content)) ? content : null;
}

/**
 * The element the page itself marks as the article body (schema.org itemprop="articleBody"), when the scored
 * winner misses most of its prose: the page's own statement beats a guess.
 */
function declaredBody($: CheerioAPI, top: Element, prose: Map<Element, number>): Element | null {
  const declared = $('[itemprop="articleBody"]').toArray().sort((a, b) => (prose.get(b) ?? 0) - (prose.get(a) ?? 0))[0];
  const declaredProse = declared ? (prose.get(declared) ?? 0) : 0;
  if (!declared || declaredProse === 0 || declared === top) return null;
  // The winner inside the declared body, holding most of its prose: the winner is the tighter fit.
  const inside = $(top).closest(declared).length > 0;
  if (inside && (prose.get(top) ?? 0) >= 0.7 * declaredProse) return null;
  // The declared body inside the winner: the winner's extra is for the boilerplate pruner to judge.
  if ($(declared).closest(top).length > 0 && declaredProse >= 0.7 * (prose.get(top) ?? 0)) return null;
  return declared;
}

interface Measures {
  prose: Map<Element, number>;
  density: (element: Element) => number;
  stats: TextStats;
}

/**
 * The winner and the blocks beside it, and beside each wrapper above it, that read as prose, in page order.
 * Climbing stops at a wrapper whose other children hold only chrome: that wrapper is the page around the article.
 */
function growBody($: CheerioAPI, top: Element, measures: Measures): Element[] {
  const topProse = measures.prose.get(top) ?? 0;
  const members = new Set<Element>([top]);
  let path = top;
  for (let level = 0; level < MAX_CLIMB; level++) {
    const parent = path.parent as Element | null;
    if (!parent || parent.type !== 'tag' || path.name === 'body' || parent.name === 'body' || parent.name === 'html') break;
    const siblings = parent.children.filter((child): child is Element => child.type === 'tag' && child !== path);
    const belonging = new Set(siblings.filter((sibling) => belongs($, sibling, path, topProse, measures)));
    belonging.add(path);
    const taken = withInterludes(parent, belonging, measures).filter((sibling) => sibling !== path);
    const leftOver = siblings
      .filter((sibling) => !taken.includes(sibling))
      .reduce((sum, sibling) => sum + (measures.stats.get(sibling)?.length ?? 0), 0);
    if (!taken.length && leftOver > 0) break;
    taken.forEach((sibling) => members.add(sibling));
    path = parent;
  }
  return inPageOrder([...members]);
}

/** Whether a block beside the body (or beside a wrapper of it) is more of the body. */
function belongs($: CheerioAPI, sibling: Element, path: Element, topProse: number, measures: Measures): boolean {
  if (classWeight(sibling) < 0) return false;
  const density = measures.density(sibling);
  const prose = (measures.prose.get(sibling) ?? 0) * (1 - density);
  // One article split over repeated containers: same tag and class as the part already taken.
  const sameKind = sibling.name === path.name && (sibling.attribs.class ?? '') === (path.attribs.class ?? '');
  if (sameKind && prose > 0 && density < 0.3) return true;
  if (prose >= Math.max(10, topProse * 0.2)) return true;
  if (sibling.name !== 'p') return false;
  const text = textOf($(sibling));
  // A short paragraph beside the body (a last line, a dateline) belongs to it when it is a finished sentence.
  return (text.length > 80 && density < 0.25) || (text.length > 0 && density === 0 && /[。！？.!?」”]$/.test(text));
}

/** Figures and subheadings that sit between two parts of the body are part of it too. */
function withInterludes(parent: Element, belonging: Set<Element>, measures: Measures): Element[] {
  const children = parent.children.filter((child): child is Element => child.type === 'tag');
  const first = children.findIndex((child) => belonging.has(child));
  const last = children.findLastIndex((child) => belonging.has(child));
  return children.filter((child, index) => {
    if (belonging.has(child)) return true;
    if (index < first || index > last || isChrome(child)) return false;
    const holdsMedia = child.children.some((grandchild) => grandchild.type === 'tag' && MEDIA.has((grandchild as Element).name));
    return INTERLUDE.test(child.name) || (holdsMedia && measures.density(child) < 0.5);
  });
}

/** Elements sorted as they appear in the document. */
function inPageOrder(elements: Element[]): Element[] {
  const order = new Map<Element, number>();
  let index = 0;
  const rootOf = (element: Element): AnyNode => {
    let node: AnyNode = element;
    while (node.parent) node = node.parent;
    return node;
  };
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag' && node.type !== 'root') return;
    order.set(node as Element, index++);
    (node as Element).children.forEach(visit);
  };
  if (elements[0]) visit(rootOf(elements[0]));
  return elements.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** Collapsed text length and linked text length of every element under `root`, in one walk. */
function measureText(root: Element): TextStats {
  const stats: TextStats = new Map();
  const visit = (node: AnyNode, inLink: boolean): { length: number; linked: number } => {
    if (node.type === 'text') {
      const length = (node as { data: string }).data.replace(/\s+/g, ' ').length;
      return { length, linked: inLink ? length : 0 };
    }
    if (node.type !== 'tag' && node.type !== 'root') return { length: 0, linked: 0 };
    const element = node as Element;
    const link = inLink || element.name === 'a';
    const total = { length: 0, linked: 0 };
    for (const child of element.children) {
      const sub = visit(child, link);
      total.length += sub.length;
      total.linked += sub.linked;
    }
    stats.set(element, total);
    return total;
  };
  visit(root, false);
  return stats;
}

/**
 * The loose text of a container, in runs split by its block children: what a reader sees as its paragraphs.
 * A wrapper of paragraphs has none, so it is not counted as one long paragraph.
 */
function looseRuns($: CheerioAPI, element: Element): string[] {
  const runs: string[] = [];
  let run = '';
  for (const child of element.children) {
    const inline = child.type === 'text' || (child.type === 'tag' && INLINE.has((child as Element).name));
    if (inline) run += child.type === 'text' ? (child as { data: string }).data : $(child).text();
    else if (child.type === 'tag') {
      runs.push(run);
      run = '';
    }
  }
  runs.push(run);
  return runs.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function initialScore(element: Element): number {
  const byTag: Record<string, number> = { div: 5, article: 10, section: 3, pre: 3, td: 3, blockquote: 3, form: -3, ol: -3, ul: -3, li: -3, h1: -5, h2: -5, h3: -5, th: -5 };
  return (byTag[element.name] ?? 0) + classWeight(element);
}
