/**
 * Turns an article body element into sanitised HTML and plain text: only content tags survive, every URL is
 * absolute, script and its carriers are gone, embedded frames become links. Shared by all adapters; the
 * markdown renderer (src/markdown) reads the HTML this produces.
 */
import type { AnyNode, Element } from 'domhandler';
import { escapeHtml } from './text.ts';

/** Tags kept as they are (attributes filtered). */
const KEPT_TAGS = new Set([
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'pre', 'code',
  'a', 'img', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'q', 'cite',
  'div',
]);
/** Containers whose tags go but whose children stay. */
const BLOCK_LIKE = new Set(['section', 'article', 'main', 'center', 'header', 'details', 'summary']);
/** Dropped with everything inside. */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'form', 'input', 'button', 'select', 'textarea', 'option',
  'svg', 'math', 'canvas', 'link', 'meta', 'head', 'title', 'nav', 'aside', 'base', 'frameset', 'frame',
  'dialog', 'map', 'area', 'param', 'source', 'track',
]);
/** Elements whose content is elsewhere: kept as a link to it. */
const EMBED_TAGS = new Set(['iframe', 'video', 'audio', 'embed', 'object']);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure',
  'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'pre', 'hr',
]);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:']);

/** The sanitised body and what it links to. */
export interface SanitizedBody {
  html: string;
  text: string;
  images: string[];
  embeds: string[];
}

/** Resolve a link against the page URL; null for unsafe schemes (javascript:, data:) or garbage. */
export function absoluteUrl(href: string | undefined | null, baseUrl: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  try {
    const url = new URL(trimmed, baseUrl);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Sanitise the children of `root`, resolving URLs against `baseUrl`. */
export function sanitizeBody(root: Element | AnyNode[], baseUrl: string): SanitizedBody {
  const images: string[] = [];
  const embeds: string[] = [];
  const children = Array.isArray(root) ? root : root.children;
  const html = children.map((node) => renderNode(node, baseUrl, images, embeds)).join('');
  const cleaned = html.replace(/<p>(\s|&nbsp;|<br>)*<\/p>/g, '').trim();
  return { html: cleaned, text: htmlText(children), images, embeds };
}

function renderNode(node: AnyNode, baseUrl: string, images: string[], embeds: string[]): string {
  if (node.type === 'text') return escapeHtml((node as { data: string }).data);
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return '';
  const element = node as Element;
  const tag = element.name.toLowerCase();
  if (DROPPED_TAGS.has(tag)) return '';
  const inner = (): string => element.children.map((child) => renderNode(child, baseUrl, images, embeds)).join('');
  if (EMBED_TAGS.has(tag)) {
    const src = absoluteUrl(element.attribs.src ?? element.attribs.data ?? firstSourceSrc(element), baseUrl);
    if (!src) return '';
    embeds.push(src);
    const label = element.attribs.title?.trim() || src;
    return `<p><a href="${escapeAttr(src)}">[嵌入] ${escapeHtml(label)}</a></p>`;
  }
  if (tag === 'img') {
    const attrs = element.attribs;
    const src = absoluteUrl(attrs['data-src'] ?? attrs['data-lazy-src'] ?? attrs['data-original'] ?? attrs.src, baseUrl);
    if (!src) return '';
    images.push(src);
    const alt = attrs.alt ? ` alt="${escapeAttr(attrs.alt)}"` : '';
    return `<img src="${escapeAttr(src)}"${alt}>`;
  }
  if (tag === 'a') {
    const href = absoluteUrl(element.attribs.href, baseUrl);
    const content = inner();
    return href ? `<a href="${escapeAttr(href)}">${content}</a>` : content;
  }
  if (!KEPT_TAGS.has(tag)) {
    const content = inner();
    return BLOCK_LIKE.has(tag) ? `<div>${content}</div>` : content;
  }
  if (VOID_TAGS.has(tag)) return `<${tag}>`;
  const span = ['td', 'th'].includes(tag) ? spanAttrs(element) : '';
  return `<${tag}${span}>${inner()}</${tag}>`;
}

function firstSourceSrc(element: Element): string | undefined {
  const source = element.children.find((child): child is Element => child.type === 'tag' && child.name === 'source');
  return source?.attribs.src;
}

function spanAttrs(element: Element): string {
  return ['colspan', 'rowspan']
    .filter((name) => /^\d+$/.test(element.attribs[name] ?? ''))
    .map((name) => ` ${name}="${element.attribs[name]}"`)
    .join('');
}

/** Visible text of nodes: blocks become paragraphs separated by a blank line, `<br>` a line break. */
export function htmlText(nodes: AnyNode[]): string {
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      parts.push((node as { data: string }).data.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    const tag = element.name.toLowerCase();
    if (DROPPED_TAGS.has(tag) || EMBED_TAGS.has(tag)) return;
    if (tag === 'br') {
      parts.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(tag) || BLOCK_LIKE.has(tag);
    if (block) parts.push('\n\n');
    if (tag === 'td' || tag === 'th') parts.push(' ');
    element.children.forEach(walk);
    if (block) parts.push('\n\n');
  };
  nodes.forEach(walk);
  return normalizeText(parts.join(''));
}

/** Trim each line, drop non-breaking spaces at line ends, keep at most one blank line between paragraphs. */
export function normalizeText(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}
