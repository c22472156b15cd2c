/**
 * Extraction for the unsafe.sh / buaq.net aggregator's copies (/go-<id>.html): the title, the header block
 * (date, `Author: <host>(查看原文)` linking to /jump-<id>.htm, 阅读量, 收藏), the copied body without header,
 * navigation and footer, and the `文章来源: <url>` / `如有侵权请联系` lines that name the original. The markup is
 * matched by text where it can, so a change of class names does not lose the header or the credit line.
 */
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type Element } from 'domhandler';
import type { ExtractedArticle, FeedItem, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { removeLinesMatching, takeOriginLine, type OriginLine } from '../common/origin-line.ts';
import { absoluteUrl, htmlText, sanitizeBody } from '../common/sanitize-body.ts';
import { parsePage } from '../common/html.ts';
import { oneLine } from '../common/text.ts';

const BODY_SELECTORS = ['.article-content', '#article-content', '.markdown-body', '.post-content', 'article'];
const CHROME_SELECTORS = ['nav', 'footer', '.navbar', '.footer', 'script', 'style', 'noscript', 'form', 'input', 'label'];
const ORIGIN_LABELS = ['文章来源'];
const TAKEDOWN_LINE = /如有侵权/;
const HEADER_DATE = /\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{1,2}(?::\d{1,2})?/;
const SITE_SUFFIX = /\s*[-|–—]\s*(?:unSafe\.sh\b.*|不安全|buaq\.net\b.*)$/i;
const VIEW_ORIGINAL = /\s*[(（]\s*查看原文\s*[)）]\s*$/;

/** Extract the copy of a whole aggregator page, or null when it holds none. */
export function extractUnsafePage(page: PageInput): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const header = findHeader($);
  const body = findBody($, header);
  if (!body) return null;
  const headerCard = header ? header.closest('.card') : null;
  const headerTitle = headerCard?.find('.card-title, .article-title').first().text();
  const title = oneLine($('meta[property="og:title"]').attr('content')) ?? oneLine(headerTitle) ?? withoutSiteName($('title').first().text());
  if (!title) return null;
  // Line-aware text: the header's fields are separated by <br> only.
  const headerText = header ? htmlText(header.toArray()) : '';
  const author = header ? authorOf(header, headerText) : null;
  // The header may sit inside a broad body fallback: take it, its card and the page chrome out of the body.
  if (headerCard?.length && $.contains(body, headerCard.get(0) as Element)) headerCard.remove();
  else if (header && $.contains(body, header.get(0) as Element)) header.remove();
  $(body).find(CHROME_SELECTORS.join(',')).remove();
  return articleFrom($, body, base, {
    title,
    author,
    publishedText: HEADER_DATE.exec(headerText)?.[0] ?? null,
    declaredUrl: absoluteUrl($('link[rel="canonical"]').attr('href'), base),
  });
}

/** The copy a feed item carries, when its content (or an HTML description) holds the body. */
export function extractUnsafeFeedItem(item: FeedItem): ExtractedArticle | null {
  const title = oneLine(item.title);
  if (!item.contentHtml || !title) return null;
  const $ = cheerio.load(`<div class="article-content">${item.contentHtml}</div>`);
  const body = $('div.article-content').get(0) as Element;
  $(body).find(CHROME_SELECTORS.join(',')).remove();
  return articleFrom($, body, item.url, { title, author: oneLine(item.author), publishedText: oneLine(item.publishedText), declaredUrl: null });
}

interface CopyFacts {
  title: string;
  author: string | null;
  publishedText: string | null;
  declaredUrl: string | null;
}

function articleFrom($: CheerioAPI, body: Element, base: string, facts: CopyFacts): ExtractedArticle {
  const origin = takeOriginLine($, body, { labels: ORIGIN_LABELS, trailing: [TAKEDOWN_LINE], baseUrl: base });
  removeLinesMatching($, body, [TAKEDOWN_LINE]);
  const sanitized = sanitizeBody(body, base);
  return {
    title: facts.title,
    headline: facts.title,
    column: null,
    author: facts.author,
    publishedText: facts.publishedText,
    publishedAt: parseSourceDate(facts.publishedText),
    originUrl: origin?.url ?? null,
    originName: originName(origin),
    card: null,
    bodyHtml: sanitized.html,
    text: sanitized.text,
    tags: [],
    categories: [],
    images: sanitized.images,
    embeds: sanitized.embeds,
    comments: null,
    declaredUrl: facts.declaredUrl,
  };
}

/**
 * The header block: the smallest element around the `/jump-<id>.htm` link, else the smallest element whose
 * text has both `Author:` and 阅读量 or 查看原文.
 */
function findHeader($: CheerioAPI): Cheerio<Element> | null {
  const jump = $('a[href*="/jump-"]').first();
  if (jump.length) {
    const block = jump.closest('small, em, i, p, div') as Cheerio<Element>;
    return block.length ? block : jump;
  }
  // Every element, not only those in <body>: a page (or a fragment) without a <body> tag has none in the tree.
  const candidates = $('*')
    .toArray()
    .filter(isTag)
    .filter((el) => {
      const text = $(el).text();
      return /Author\s*[:：]/.test(text) && /阅读量|查看原文/.test(text);
    });
  const smallest = candidates.filter((el) => !candidates.some((other) => other !== el && $.contains(el, other)));
  return smallest[0] ? $(smallest[0]) : null;
}

/**
 * The copied body: a known container, else the block that holds the 文章来源 line, else what follows the
 * header's card up to the footer.
 */
function findBody($: CheerioAPI, header: Cheerio<Element> | null): Element | null {
  for (const selector of BODY_SELECTORS) {
    const found = $(selector).first();
    if (found.length) return found.get(0) as Element;
  }
  const credit = $('*')
    .toArray()
    .filter((el) => /^\s*文章来源\s*[:：]/.test($(el).text()))
    .pop();
  const holder = credit ? $(credit).parent().closest('div, section, article, main') : null;
  if (holder?.length && !holder.is('body')) return holder.get(0) as Element;
  if (!header) return null;
  const card = header.closest('.card').length ? header.closest('.card') : header;
  const following = card.nextAll().not('footer, .footer, nav, script').toArray();
  if (!following.length) return null;
  const wrapper = $('<div class="article-content"></div>');
  wrapper.append(following as AnyNode[]);
  return wrapper.get(0) as Element;
}

/** The original's host as the header names it: the jump link's text without "(查看原文)". */
function authorOf(header: Cheerio<Element>, headerText: string): string | null {
  const jump = header.is('a[href*="/jump-"]') ? header : header.find('a[href*="/jump-"]').first();
  const linked = jump.length ? oneLine(jump.text().replace(VIEW_ORIGINAL, '')) : null;
  if (linked) return linked;
  const match = /Author\s*[:：]\s*([^\s(（]+)/.exec(headerText);
  return match?.[1] ?? null;
}

function originName(origin: OriginLine | null): string | null {
  if (!origin) return null;
  if (origin.url) {
    try {
      return new URL(origin.url).hostname || origin.name;
    } catch {
      return origin.name;
    }
  }
  return origin.name;
}

function withoutSiteName(text: string | null | undefined): string | null {
  return oneLine((text ?? '').replace(SITE_SUFFIX, ''));
}
