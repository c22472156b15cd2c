/**
 * Article extraction for China Digital Times pages and feed items: title and column, dates, the archive card,
 * the body without card, comment thread, share buttons and site chrome, tags and categories.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { ArchiveCard, ExtractedArticle, FeedItem, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { parsePage } from '../common/html.ts';
import { absoluteUrl, sanitizeBody } from '../common/sanitize-body.ts';
import { findCardBox, parseCard } from './card.ts';
import { findThread, parseThread } from './comments.ts';
import { linkTexts } from '../common/links.ts';
import { titleParts } from '../common/text.ts';

/** Where the post body lives, most specific first (other CDT scrapers agree on this order). */
const BODY_SELECTORS = ['div.post-content', 'div.entry-content', 'article .content', 'article'];
/** Chrome that sits inside the body container on CDT pages. */
const CHROME_SELECTORS = [
  '.addtoany_share_save_container', '.a2a_kit', '.sharedaddy', '.jp-relatedposts', '.wp-block-buttons',
  '.post-views', '.printfriendly', '.yarpp-related', 'script', 'style', 'noscript', 'form',
];
const SITE_SUFFIX = /\s*[-|–—]\s*中国数字时代\s*$/;

/** Extract the article of a whole CDT page, or null when it holds none. */
export function extractCdtPage(page: PageInput): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const container = BODY_SELECTORS.map((selector) => $(selector).first()).find((found) => found.length);
  const title = pageTitle($);
  if (!container || !title) return null;
  const time = $('time.entry-date.published, time.published, time[datetime]').first();
  const metaDate = $('meta[property="article:published_time"]').attr('content');
  const pagePublished = time.attr('datetime') ?? metaDate ?? null;
  const byline = $('.entry-meta .author, .byline .author, meta[name="author"]').first();
  return extractFromBody($, container.get(0) as Element, base, {
    title,
    publishedText: time.text().trim() || pagePublished,
    publishedIso: pagePublished,
    byline: byline.is('meta') ? (byline.attr('content') ?? null) : byline.text().trim() || null,
    tags: linkTexts($, 'a[rel~="tag"]:not([rel~="category"])'),
    categories: linkTexts($, 'a[rel~="category"]'),
    declaredUrl:
      absoluteUrl($('link[rel="shortlink"]').attr('href'), base) ?? absoluteUrl($('link[rel="canonical"]').attr('href'), base),
  });
}

/** Extract the article a feed item's full text holds. */
export function extractCdtFeedItem(item: FeedItem): ExtractedArticle | null {
  if (!item.contentHtml || !item.title) return null;
  const $ = cheerio.load(`<div class="post-content">${item.contentHtml}</div>`);
  return extractFromBody($, $('div.post-content').get(0) as Element, item.url, {
    title: item.title.trim(),
    publishedText: item.publishedText,
    publishedIso: item.publishedText,
    byline: item.author,
    tags: [],
    categories: item.categories,
    declaredUrl: null,
  });
}

interface PageFacts {
  title: string;
  publishedText: string | null;
  publishedIso: string | null;
  byline: string | null;
  tags: string[];
  categories: string[];
  declaredUrl: string | null;
}

function extractFromBody($: CheerioAPI, body: Element, base: string, facts: PageFacts): ExtractedArticle {
  const cardBox = findCardBox($, body);
  const card: ArchiveCard | null = cardBox ? parseCard($, cardBox, base) : null;
  if (cardBox) removeWithEmptyWrappers($, cardBox, body);
  const threadElements = findThread($, body);
  const comments = threadElements ? parseThread($, threadElements) : null;
  if (threadElements) [threadElements.intro, ...threadElements.quotes].forEach((el) => $(el).remove());
  $(body).find(CHROME_SELECTORS.join(',')).remove();
  const sanitized = sanitizeBody(body, base);
  const publishedAt = parseSourceDate(facts.publishedIso) ?? card?.publishedAt ?? null;
  return {
    ...titleParts(facts.title),
    author: card?.author ?? facts.byline,
    publishedText: facts.publishedText ?? card?.publishedText ?? null,
    publishedAt,
    originUrl: card?.sourceUrl ?? null,
    originName: card?.sourceName ?? null,
    card,
    bodyHtml: sanitized.html,
    text: sanitized.text,
    tags: facts.tags,
    categories: facts.categories,
    images: sanitized.images,
    embeds: sanitized.embeds,
    comments: comments && comments.comments.length ? comments : null,
    declaredUrl: facts.declaredUrl,
  };
}

function pageTitle($: CheerioAPI): string | null {
  const candidates = [
    $('h1.entry-title').first().text(),
    $('article h1').first().text(),
    $('meta[property="og:title"]').attr('content') ?? '',
    $('h1').first().text(),
    $('title').first().text(),
  ];
  const found = candidates.map((text) => text.replace(/\s+/g, ' ').replace(SITE_SUFFIX, '').trim()).find(Boolean);
  return found ?? null;
}

/** Remove an element and the wrappers around it that hold nothing else (the card's floating div). */
function removeWithEmptyWrappers($: CheerioAPI, element: Element, stopAt: Element): void {
  let target = element;
  while (target.parent && target.parent !== stopAt && (target.parent as Element).type === 'tag') {
    const parent = target.parent as Element;
    const others = parent.children.filter((child) => child !== target && !(child.type === 'text' && !child.data.trim()));
    if (others.length) break;
    target = parent;
  }
  $(target).remove();
}
