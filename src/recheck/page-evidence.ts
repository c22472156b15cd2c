/**
 * What a re-checked page shows a reader, reduced to what the notice matcher (notices.ts) looks at: the title,
 * the box a platform puts its notice in, and the visible text. Pure: HTML and URL in, plain strings out; broken
 * or empty HTML gives empty evidence, never an error.
 */
import * as cheerio from 'cheerio';
import { isTag } from 'domhandler';
import type { AnyNode, Element } from 'domhandler';
import { parsePage } from '../../crawlers/common/html.ts';

/** A page whose visible text is at most this many characters is an error page, not an article, if it holds a notice. */
export const SHORT_PAGE_CHARS = 300;

/** What a page shows, as the notice matcher needs it. */
export interface PageEvidence {
  /** The URL the page came from (after redirects, when the caller knows it). */
  url: string;
  /** The `<title>` text, whitespace collapsed; null when absent or empty. */
  title: string | null;
  /** The text of the element a platform puts its notice in, or of the first h1/h2 of a short page; else null. */
  mainMessage: string | null;
  /** The body's visible text, whitespace collapsed to single spaces. */
  visibleText: string;
}

/** How to read one kind of notice box. */
interface MessageProbe {
  selector: string;
  /** The element whose text is the message; by default the matched element itself. */
  box?: ($: cheerio.CheerioAPI, element: Element) => Element;
}

/**
 * Where platforms put their notice, most specific first. WeChat's new pages split one notice over a title and a
 * description (此帐号已被屏蔽 / 内容无法查看), so the whole text area is read; its old pages put the text beside a
 * warning icon. The generic classes come last because ordinary pages use them too.
 */
const MESSAGE_PROBES: readonly MessageProbe[] = [
  { selector: '.global_error_msg' },
  {
    selector: '.weui-msg__title',
    box: ($, element) => tagOrNull($(element).closest('.weui-msg__text-area').get(0)) ?? element,
  },
  { selector: '.weui-msg__desc' },
  { selector: '.icon_msg.warn', box: iconBox },
  // Weibo's mobile error page (m.weibo.cn), titled 微博-出错了.
  { selector: '.h5-4con' },
  // Zhihu's 404 page.
  { selector: '.ErrorPage-subtitle' },
  { selector: '.ErrorPage-text' },
  { selector: '#main-message' },
  { selector: '.error-page' },
  { selector: '.not-found' },
  { selector: '.error-msg' },
  { selector: '.error_msg' },
  { selector: '.error' },
  { selector: '.message' },
];

/**
 * Article bodies and quotations: a notice inside them is quoted, not served (WeChat keeps the article in
 * `#js_content`, CDT in `.post-content`).
 */
const QUOTING_CONTAINERS = '#js_content, .rich_media_content, .post-content, .entry-content, blockquote, q';

/** A notice is one or two sentences; a longer element is content that happens to carry a notice class. */
const MAX_MESSAGE_CHARS = 200;

/** Never shown to the reader. */
const INVISIBLE_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base', 'input', 'select',
  'option', 'textarea', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
]);
/** Elements whose edges separate words, so their text must not run into the next. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption',
  'blockquote', 'pre', 'figure', 'figcaption', 'form', 'fieldset', 'legend', 'address', 'hr', 'br', 'center',
  'details', 'summary', 'dialog', 'button', 'label',
]);
const DISPLAY_NONE = /(?:^|[;\s])display\s*:\s*none(?![\w-])/i;

/** Read the evidence of a page. Never throws. */
export function pageEvidence(html: string, url: string): PageEvidence {
  const empty: PageEvidence = { url, title: null, mainMessage: null, visibleText: '' };
  if (typeof html !== 'string' || html.length === 0) return empty;
  let $: cheerio.CheerioAPI;
  try {
    $ = parsePage(html);
  } catch {
    return empty;
  }
  const title = collapse($('title').first().text()) || null;
  // The whole document, not only <body>: the parser keeps text a page puts after </body> where it was, and a
  // browser shows it. The head and its title are invisible tags, so they add nothing.
  const visibleText = visibleTextOf($.root().get(0)?.children ?? []);
  return { url, title, mainMessage: findMainMessage($, visibleText), visibleText };
}

/** The visible text of nodes, whitespace collapsed: what a reader of the rendered page would see. */
function visibleTextOf(nodes: readonly AnyNode[]): string {
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      parts.push((node as { data: string }).data);
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    if (hiddenItself(element)) return;
    const block = BLOCK_TAGS.has(element.name.toLowerCase());
    if (block) parts.push(' ');
    element.children.forEach(walk);
    if (block) parts.push(' ');
  };
  nodes.forEach(walk);
  return collapse(parts.join(''));
}

function findMainMessage($: cheerio.CheerioAPI, visibleText: string): string | null {
  for (const probe of MESSAGE_PROBES) {
    for (const element of $(probe.selector).toArray().filter(isTag)) {
      const text = candidateText($, probe.box ? probe.box($, element) : element);
      if (text) return text;
    }
  }
  // Generic error pages have no notice class; on a short page the heading is the message.
  if ([...visibleText].length > SHORT_PAGE_CHARS) return null;
  for (const element of $('h1, h2').toArray().filter(isTag)) {
    const text = candidateText($, element);
    if (text) return text;
  }
  return null;
}

/** The element's visible text when it can be a served notice; null when hidden, quoted, empty or too long. */
function candidateText($: cheerio.CheerioAPI, element: Element): string | null {
  if (!shown(element)) return null;
  if ($(element).is(QUOTING_CONTAINERS) || $(element).parents(QUOTING_CONTAINERS).length > 0) return null;
  const text = visibleTextOf([element]);
  if (!text || [...text].length > MAX_MESSAGE_CHARS) return null;
  return text;
}

/** WeChat's old error page: the icon sits in a wrapper whose sibling holds the text, so climb until there is text. */
function iconBox($: cheerio.CheerioAPI, icon: Element): Element {
  const page = tagOrNull($(icon).closest('.page_msg').get(0));
  if (page) return page;
  let current: Element = icon;
  for (let level = 0; level < 3; level += 1) {
    const parent = current.parent;
    if (!parent || parent.type !== 'tag') break;
    current = parent as Element;
    if (visibleTextOf([current])) return current;
  }
  return current;
}

/** True when neither the element nor an ancestor is hidden. */
function shown(element: Element): boolean {
  for (let node: AnyNode | null = element; node; node = node.parent) {
    if (node.type === 'tag' && hiddenItself(node as Element)) return false;
  }
  return true;
}

function hiddenItself(element: Element): boolean {
  if (INVISIBLE_TAGS.has(element.name.toLowerCase())) return true;
  const attribs = element.attribs;
  if ('hidden' in attribs) return true;
  return DISPLAY_NONE.test(attribs.style ?? '');
}

function tagOrNull(node: AnyNode | undefined): Element | null {
  return node && isTag(node) ? node : null;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}
