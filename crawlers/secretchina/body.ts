/**
 * The body of a secretchina article, wherever it comes from: the `.article_right` box of a page or the same box
 * embedded in a mirror's markdown copy (crawlers/mirrors). Drops hidden spans (`#hideid`), ad slots
 * (`#txt-mid1-t21-2017` and its kin), the membership promotion and the short-URL/copyright line, and reads the
 * 【看中国…讯】 dateline, the bylines, the 来源 line and a reprint's 原文链接.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { editorOfLine, parseBracketDateline, reportersOfByline, writerOfLine, type BracketDateline } from '../common/bracket-dateline.ts';
import { removeEmptyBlocks } from '../common/empty-blocks.ts';
import { absoluteUrl, sanitizeBody, type SanitizedBody } from '../common/sanitize-body.ts';
import { decodeSafely, squash } from '../common/text.ts';

/** The containers secretchina puts an article body in, most specific first. */
export const SECRET_CHINA_BODY_SELECTORS = ['.article_right', 'article'];

/** Text the reader never sees: anti-copy spans hidden with display:none. */
const HIDDEN = '#hideid, [name="hideid"], [style*="display:none"], [style*="display: none"]';
/** Ad slots, including the two the site places in every article (txt-mid1/txt-mid2), and scripts. */
const CHROME = [
  'script', 'style', 'noscript', 'form', 'input', 'iframe[src*="googlesyndication"]', '#txt-mid1-t21-2017',
  '#txt-mid2-t22-2017', '[id^="SC-"]', '[id^="div-gpt-ad"]', '[id^="taboola"]', 'ins.adsbygoogle', '.adsbygoogle',
];
/**
 * The membership call (【诚征荣誉会员】…) closes every article box, followed only by ad slots. Its opening <p> is
 * closed at once by the <hr> inside it, so the call is loose text in the box: it and all after it go.
 */
const PROMOTION_START = /^(?:【诚征荣誉会员】|【誠徵榮譽會員】)/;
/** Boilerplate paragraphs: the short URL with its copyright notice, and links to the subscription pages. */
const BOILERPLATE = /本文短网址|本文短網址|任何形式转载需看中国授权|任何形式轉載需看中國授權|严禁建立镜像网站|嚴禁建立鏡像網站/;
const PROMOTION_LINKS = 'a[href*="/kzgd/"], a[href*="planshopcart"], a[href*="account.secretchina.com"]';
const SOURCE_LINE = /^(?:来源|來源)\s*[：:]\s*(.{1,30})$/;
const OWN_NAME = /^看中[国國](?:网|網)?$/;
const ORIGINAL_LINK = /^原文(?:链接|連結|鏈接|网址|網址|地址)?$/;
const TAG_LINK = /\/news\/(?:gb|b5)\/tag\//;

/** What the body holds besides its text. */
export interface SecretChinaBody {
  sanitized: SanitizedBody;
  dateline: BracketDateline | null;
  /** Reporters named by the dateline's byline, or null. */
  reporter: string | null;
  /** A 作者：/文/ line's writer, or null. */
  writer: string | null;
  /** The 责任编辑 name, or null; the line stays in the text. */
  editor: string | null;
  /** The 来源 line's source when it is another outlet, or null. */
  sourceName: string | null;
  /** A licensed reprint's 原文链接, and the outlet it names (本文为《上报》独家授权…). */
  originUrl: string | null;
  originName: string | null;
  /** Texts of the body's links to tag pages, in order. */
  tags: string[];
}

/** Clean and read a body; `root` is the body container and is changed in place. */
export function readSecretChinaBody($: CheerioAPI, root: Element, baseUrl: string): SecretChinaBody {
  $(root).find(HIDDEN).remove();
  $(root).find(CHROME.join(',')).remove();
  dropPromotionTail($, root);
  $(root)
    .find('p')
    .filter((_, p) => BOILERPLATE.test(squash($(p).text())) || $(p).find(PROMOTION_LINKS).length > 0)
    .remove();

  let sourceName: string | null = null;
  $(root)
    .find('p')
    .each((_, p) => {
      const source = SOURCE_LINE.exec(squash($(p).text()))?.[1]?.trim();
      if (!source) return;
      if (!OWN_NAME.test(source)) sourceName = source;
      $(p).remove();
    });
  removeEmptyBlocks($, root);

  const paragraphs = $(root)
    .find('p')
    .toArray()
    .map((p) => squash($(p).text()))
    .filter(Boolean);
  // A captioned image may come first; the dateline opens the text after it.
  const opening = paragraphs.slice(0, 3).find((text) => parseBracketDateline(text)) ?? paragraphs[0] ?? squash($(root).text());
  const dateline = parseBracketDateline(opening);
  const first = paragraphs.indexOf(opening);
  const writer = paragraphs.slice(first, first + 2).map((text) => writerOfLine(dateline && text === opening ? dateline.rest : text)).find(Boolean) ?? null;
  const editor = [...paragraphs].reverse().map(editorOfLine).find((name) => name !== null) ?? null;
  const original = $(root)
    .find('a[href]')
    .toArray()
    .find((a) => ORIGINAL_LINK.test(squash($(a).text())));
  const originNote = original ? squash($(original).closest('p, div').text()) : '';
  const tags = $(root)
    .find('a[href]')
    .toArray()
    .filter((a) => TAG_LINK.test(decodeSafely(a.attribs.href ?? '')))
    .map((a) => squash($(a).text()))
    .filter(Boolean);
  return {
    sanitized: sanitizeBody(root, baseUrl),
    dateline,
    reporter: reportersOfByline(dateline?.byline),
    writer,
    editor,
    sourceName,
    originUrl: original ? absoluteUrl(original.attribs.href, baseUrl) : null,
    originName: [...originNote.matchAll(/《([^》]{1,20})》/g)].map((m) => m[1] ?? '').find((name) => name && !OWN_NAME.test(name)) ?? null,
    tags: [...new Set(tags)],
  };
}

/** Remove the membership call, everything after it in its box, and the rule and breaks just before it. */
function dropPromotionTail($: CheerioAPI, root: Element): void {
  const start = findNode(root, (node) =>
    node.type === 'text' ? PROMOTION_START.test(squash((node as { data: string }).data)) : false,
  );
  if (!start) return;
  let target: AnyNode = start;
  const parent = start.parent as Element | null;
  if (parent && parent !== root && parent.name === 'p') target = parent;
  let before = target.prev;
  while (before && isSpacer(before)) {
    const previous: AnyNode | null = before.prev;
    $(before).remove();
    before = previous;
  }
  let next: AnyNode | null = target;
  while (next) {
    const following: AnyNode | null = next.next;
    $(next).remove();
    next = following;
  }
}

function isSpacer(node: AnyNode): boolean {
  if (node.type === 'text') return !(node as { data: string }).data.trim();
  return node.type === 'tag' && ['hr', 'br'].includes((node as Element).name);
}

function findNode(node: AnyNode, test: (node: AnyNode) => boolean): AnyNode | null {
  if (test(node)) return node;
  if (node.type !== 'tag' && node.type !== 'root') return null;
  for (const child of (node as Element).children) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}
