/**
 * Article extraction for any news page and any feed item's full text: metadata from crawlers/generic/metadata.ts,
 * the body from crawlers/generic/content-score.ts (or a source's selectors, selectors.ts), sanitised by
 * crawlers/common/sanitize-body.ts.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import type { ExtractedArticle, FeedItem, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { removeEmptyBlocks } from '../common/empty-blocks.ts';
import { sanitizeBody } from '../common/sanitize-body.ts';
import { dropBoilerplate } from './boilerplate.ts';
import { findMainContent } from './content-score.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import { removeSelected, selectedBody, selectedFields, type GenericSelectors } from './selectors.ts';
import { parsePage } from '../common/html.ts';
import { titleParts } from '../common/text.ts';


/**
 * The article of a page, or null when the page has no title or nothing that reads like an article body. A
 * source's selectors (see selectors.ts) are read first; the heuristics fill in what they do not find.
 */
export function extractGenericPage(page: PageInput, selectors: GenericSelectors = {}): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  removeSelected($, selectors);
  const found = selectedFields($, selectors);
  const metadata = readMetadata($, base);
  const title = found.title ?? metadata.title;
  if (!title) return null;
  const read: PageMetadata = {
    ...metadata,
    title,
    author: found.author ?? metadata.author,
    publishedText: found.publishedText ?? metadata.publishedText,
  };
  const selected = selectedBody($, selectors);
  if (selected) {
    const root = selected.length === 1 ? selected[0]! : ($('<div></div>').append(selected).get(0) as Element);
    return toArticle($, root, base, read);
  }
  // The headline repeated above the body is the title, not body text.
  $('h1')
    .filter((_, el) => $(el).text().replace(/\s+/g, ' ').trim() === title)
    .remove();
  const content = findMainContent($);
  if (!content) return null;
  return toArticle($, content, base, read);
}

/** The article a feed item's full text holds, or null when the item carries no full text or no title. */
export function extractGenericFeedItem(item: FeedItem): ExtractedArticle | null {
  if (!item.contentHtml || !item.title) return null;
  const $ = cheerio.load(`<div id="feed-item">${item.contentHtml}</div>`);
  const metadata: PageMetadata = {
    title: item.title.trim(),
    author: item.author,
    publishedText: item.publishedText,
    categories: item.categories,
    tags: [],
    declaredUrl: null,
  };
  const root = $('#feed-item').get(0) as Element;
  // Feeds carry the post's share and related blocks too; the whole item is the body, so no scoring.
  dropBoilerplate($, root);
  return toArticle($, root, item.url, metadata);
}

function toArticle($: cheerio.CheerioAPI, content: Element, base: string, metadata: PageMetadata): ExtractedArticle | null {
  removeEmptyBlocks($, content);
  removeIndentation(content);
  const sanitized = sanitizeBody(content, base);
  if (!sanitized.text && !sanitized.images.length && !sanitized.embeds.length) return null;
  const title = metadata.title ?? '';
  return {
    ...titleParts(title),
    author: metadata.author,
    publishedText: metadata.publishedText,
    publishedAt: parseSourceDate(metadata.publishedText),
    originUrl: null,
    originName: null,
    card: null,
    bodyHtml: sanitized.html,
    text: sanitized.text,
    tags: metadata.tags,
    categories: metadata.categories,
    images: sanitized.images,
    embeds: sanitized.embeds,
    comments: null,
    declaredUrl: metadata.declaredUrl,
  };
}

/**
 * Chinese pages indent paragraphs with ideographic spaces (　　) typed into the text; layout, not content, and
 * kept they would make the markdown of the first paragraph differ from the others.
 */
function removeIndentation(root: Element): void {
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag') return;
    const first = (node as Element).children[0];
    if (first?.type === 'text') (first as Text).data = (first as Text).data.replace(/^[\s\u3000\u00a0]+/, '');
    (node as Element).children.forEach(visit);
  };
  visit(root);
}
