/**
 * The credit line a copied article ends with, such as `文章来源：https://...`: read the original's URL and name
 * from it and take the line out of the body, together with boilerplate lines that follow it (如有侵权请联系...).
 * FreeBuf posts and the unsafe.sh aggregator's copies both close this way (crawlers/freebuf, crawlers/unsafe).
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { absoluteUrl } from './sanitize-body.ts';

/** Where a body says the article first appeared. */
export interface OriginLine {
  /** The original's URL, absolute, with Chinese left readable; null when the line names no URL. */
  url: string | null;
  /** The name the line gives, else the URL's host. */
  name: string | null;
}

/** How to find the line. */
export interface OriginLineOptions {
  /** Labels that open the line, such as 文章来源; a colon (full-width or ASCII) must follow. */
  labels: readonly string[];
  /** Boilerplate lines that may follow the credit line and go with it. */
  trailing?: readonly RegExp[];
  /** The page URL, for relative links. */
  baseUrl: string;
}

/** Blocks that end a line, besides `<br>`. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'blockquote', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td',
  'th', 'tr', 'table', 'figure', 'pre', 'header', 'footer', 'main', 'dl', 'dt', 'dd', 'hr',
]);
/** What keeps an otherwise textless element from being empty. */
const CONTENT_TAGS = new Set(['img', 'iframe', 'video', 'audio', 'embed', 'object', 'table']);
const URL_IN_TEXT = /https?:\/\/[^\s<>"'，。；、）)\]]+/;

/**
 * Find the credit line at the end of `body`, remove it (and the `trailing` lines after it) and return what it
 * says. Null when no line opens with one of the labels, or when real content follows it: a label in the middle
 * of the text is a quotation, not the credit.
 */
export function takeOriginLine($: CheerioAPI, body: Element, options: OriginLineOptions): OriginLine | null {
  const labels = options.labels.map(escapeRegExp).join('|');
  const mentions = new RegExp(`(?:${labels})`);
  const opener = new RegExp(`^(?:${labels})\\s*[：:]\\s*`);
  const texts = textNodes(body);
  const trailing = options.trailing ?? [];
  for (let i = texts.length - 1; i >= 0; i--) {
    const node = texts[i] as Text;
    if (!mentions.test(node.data)) continue;
    const line = lineAround(node, body);
    const lineText = nodesText(line).replace(/\s+/g, ' ').trim();
    const opened = opener.exec(lineText);
    if (!opened) continue;
    const following = linesAfter(texts.slice(i + 1), new Set(line.flatMap(textNodes)), body);
    if (following.some((members) => !matchesAny(nodesText(members), trailing))) return null;
    const origin = readLine($, line, lineText.slice(opened[0].length), options.baseUrl);
    if (!origin) return null;
    [line, ...following].forEach((members) => removeLine($, members, body));
    return origin;
  }
  return null;
}

/** Remove every line of `body` whose text matches one of `patterns` (boilerplate with no credit line). */
export function removeLinesMatching($: CheerioAPI, body: Element, patterns: readonly RegExp[]): void {
  const lines = textNodes(body)
    .filter((text) => matchesAny(text.data, patterns))
    .map((text) => lineAround(text, body));
  lines.forEach((members) => removeLine($, members, body));
}

/** URL and name of a credit line; `rest` is its text after the label. */
function readLine($: CheerioAPI, line: AnyNode[], rest: string, baseUrl: string): OriginLine | null {
  const link = line
    .flatMap((member) => (member.type === 'tag' ? [member as Element, ...$(member).find('a[href]').toArray()] : []))
    .find((el) => el.name === 'a' && /^https?:/i.test(absoluteUrl(el.attribs.href, baseUrl) ?? ''));
  const linkUrl = link ? absoluteUrl(link.attribs.href, baseUrl) : null;
  const textUrl = URL_IN_TEXT.exec(rest)?.[0] ?? null;
  const url = readableUrl(linkUrl ?? (textUrl ? absoluteUrl(textUrl, baseUrl) : null));
  const linkText = link ? $(link).text().replace(/\s+/g, ' ').trim() : '';
  const named = linkText && !/^https?:\/\//i.test(linkText) ? linkText : '';
  const withoutUrl = textUrl ? rest.replace(textUrl, ' ') : rest;
  const leftover = (linkText ? withoutUrl.replace(linkText, ' ') : withoutUrl)
    .replace(/[\s。，；、（）()]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const name = named || leftover || (url ? hostOf(url) : null);
  return url || name ? { url, name } : null;
}

/** The non-blank lines the texts fall on, each once, skipping texts of the line already taken. */
function linesAfter(texts: Text[], taken: Set<Text>, root: Element): AnyNode[][] {
  const lines: AnyNode[][] = [];
  const covered = new Set(taken);
  for (const text of texts) {
    if (covered.has(text) || !text.data.replace(/\u00a0/g, ' ').trim()) continue;
    const members = lineAround(text, root);
    members.flatMap(textNodes).forEach((member) => covered.add(member));
    lines.push(members);
  }
  return lines;
}

/** The nodes on the same visual line as `node`: siblings under its nearest block, up to `<br>` or a block. */
function lineAround(node: AnyNode, root: Element): AnyNode[] {
  let member: AnyNode = node;
  while (member.parent && member.parent !== root && !isBlock(member.parent as AnyNode)) member = member.parent as AnyNode;
  const siblings = (member.parent as Element | null)?.children ?? [member];
  const at = siblings.indexOf(member);
  let start = at;
  let end = at;
  while (start > 0 && !isLineBreak(siblings[start - 1] as AnyNode)) start--;
  while (end < siblings.length - 1 && !isLineBreak(siblings[end + 1] as AnyNode)) end++;
  return siblings.slice(start, end + 1);
}

/** Remove a line, one `<br>` beside it, and the wrappers it leaves empty. */
function removeLine($: CheerioAPI, members: AnyNode[], root: Element): void {
  const first = members[0];
  const last = members[members.length - 1];
  if (!first || !last) return;
  const parent = first.parent as Element | null;
  const brAfter = nextNonBlank(last, 'next');
  const brBefore = nextNonBlank(first, 'prev');
  if (isBr(brAfter)) $(brAfter as AnyNode).remove();
  else if (isBr(brBefore)) $(brBefore as AnyNode).remove();
  members.forEach((member) => $(member).remove());
  let target: Element | null = parent;
  while (target && target !== root && isEmpty(target)) {
    const up = target.parent as Element | null;
    $(target).remove();
    target = up;
  }
}

function nextNonBlank(node: AnyNode, way: 'next' | 'prev'): AnyNode | null {
  let current = way === 'next' ? node.next : node.prev;
  while (current && current.type === 'text' && !(current as Text).data.trim()) current = way === 'next' ? current.next : current.prev;
  return current;
}

function isEmpty(element: Element): boolean {
  if (textNodes(element).some((text) => text.data.replace(/\u00a0/g, ' ').trim())) return false;
  const hasContent = (node: AnyNode): boolean =>
    node.type === 'tag' && (CONTENT_TAGS.has((node as Element).name) || (node as Element).children.some(hasContent));
  return !element.children.some(hasContent);
}

function textNodes(node: AnyNode): Text[] {
  if (node.type === 'text') return [node as Text];
  if (node.type !== 'tag') return [];
  return (node as Element).children.flatMap(textNodes);
}

function nodesText(nodes: AnyNode[]): string {
  return nodes.flatMap(textNodes).map((text) => text.data).join('');
}

function isBlock(node: AnyNode): boolean {
  return node.type === 'tag' && BLOCK_TAGS.has((node as Element).name);
}

function isBr(node: AnyNode | null): boolean {
  return !!node && node.type === 'tag' && (node as Element).name === 'br';
}

function isLineBreak(node: AnyNode): boolean {
  return isBr(node) || isBlock(node);
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(text));
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** Keep Chinese in URLs readable while leaving reserved characters encoded. */
function readableUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
