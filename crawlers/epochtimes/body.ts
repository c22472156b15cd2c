/**
 * The body of an Epoch Times article, from the #artbody of a page (with the featured image above it) or from a
 * mirror's markdown copy of it (crawlers/mirrors): ads, related links and share bars go, captioned images become
 * figures, and the 【大纪元…讯】 dateline, reporter byline and 责任编辑 line are read.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { editorOfLine, parseBracketDateline, reportersOfByline, writerOfLine, type BracketDateline } from '../common/bracket-dateline.ts';
import { removeEmptyBlocks } from '../common/empty-blocks.ts';
import { sanitizeBody, type SanitizedBody } from '../common/sanitize-body.ts';
import { decodeSafely, escapeHtml, squash } from '../common/text.ts';

/** The containers Epoch Times puts an article body in, most specific first. */
export const EPOCH_TIMES_BODY_SELECTORS = ['#artbody', '.post_content', '[itemprop="articleBody"]'];

/** Chrome that sits inside or beside the body: ad slots, related-article boxes, share and print bars. */
const CHROME_SELECTORS = [
  'script', 'style', 'noscript', 'form', '#below_article_ad', '.single_ad', '.ad_container', '.ad-container',
  '[id^="div-gpt-ad"]', 'ins.adsbygoogle', '.post_related', '.related_articles', '#related_posts', '.related_posts',
  '.share_bottom', '.share_btns', '.share_tool', '.addthis_toolbox', '.addthis_inline_share_toolbox', '.a2a_kit',
  '.print_link', '.fontsize_select', '.subscribe_box', '.newsletter_box',
];
const CAPTIONS = '.caption, .wp-caption-text';
/** Epoch Times marks the end of the text with this comment; what follows it in the container is chrome. */
const CONTENT_END = /article\s+content\s+end/i;
const TAG_LINK = /\/(?:gb|b5)\/tag\//;

/** What the body holds besides its text. */
export interface EpochTimesBody {
  sanitized: SanitizedBody;
  /** The 【大纪元…讯】 dateline the text opens with, or null. */
  dateline: BracketDateline | null;
  /** Reporters named by the dateline's byline, or null. */
  reporter: string | null;
  /** A commentary's writer (文/王赫), or null. */
  writer: string | null;
  /** The 责任编辑 name, or null. The line itself stays in the text: it is part of the article as published. */
  editor: string | null;
  /** Texts of the body's links to tag pages, in order. */
  tags: string[];
}

/**
 * Clean and read a body. `root` holds the body container or its content, optionally preceded by the featured
 * image block; it is changed in place.
 */
export function readEpochTimesBody($: CheerioAPI, root: Element, baseUrl: string): EpochTimesBody {
  dropAfterContentEnd($, root);
  $(root).find(CHROME_SELECTORS.join(',')).remove();
  captionedImagesToFigures($, root);
  unwrapContainers($, root);
  removeEmptyBlocks($, root);

  const paragraphs = $(root)
    .find('p')
    .toArray()
    .filter((p) => $(p).closest('figure').length === 0)
    .map((p) => squash($(p).text()))
    .filter(Boolean);
  const opening =
    paragraphs.slice(0, 3).find((text) => parseBracketDateline(text)) ?? paragraphs[0] ?? squash($(root).clone().find('figure').remove().end().text());
  const dateline = parseBracketDateline(opening);
  const reporter = reportersOfByline(dateline?.byline);
  // A column names its writer right after the dateline, in the same paragraph or the next one (文/王赫).
  const following = paragraphs[paragraphs.indexOf(opening) + 1];
  const writer = writerOfLine(dateline ? dateline.rest : opening) ?? (following && following.length < 30 ? writerOfLine(following) : null);
  const editor = [...paragraphs].reverse().map(editorOfLine).find((name) => name !== null) ?? null;
  const tags = $(root)
    .find('a[href]')
    .toArray()
    .filter((a) => TAG_LINK.test(decodeSafely(a.attribs.href ?? '')))
    .map((a) => squash($(a).text()))
    .filter(Boolean);
  return { sanitized: sanitizeBody(root, baseUrl), dateline, reporter, writer, editor, tags: [...new Set(tags)] };
}

/** Remove everything after the "article content end" comment, at its level and at every level above it. */
function dropAfterContentEnd($: CheerioAPI, root: Element): void {
  const marker = findComment(root, CONTENT_END);
  let node: AnyNode | null = marker;
  while (node && node !== root) {
    let next = node.nextSibling;
    while (next) {
      const following: AnyNode | null = next.nextSibling;
      $(next).remove();
      next = following;
    }
    node = node.parent as AnyNode | null;
  }
}

function findComment(node: AnyNode, pattern: RegExp): AnyNode | null {
  if (node.type === 'comment' && pattern.test((node as { data: string }).data)) return node;
  if (node.type !== 'tag' && node.type !== 'root') return null;
  for (const child of (node as Element).children) {
    const found = findComment(child, pattern);
    if (found) return found;
  }
  return null;
}

/**
 * The featured image (`<div class="featured_image"><img><div class="caption">`) and WordPress caption boxes
 * become `<figure><img><figcaption>`, so a caption stays with its image in every copy of the article.
 */
function captionedImagesToFigures($: CheerioAPI, root: Element): void {
  for (const caption of $(root).find(CAPTIONS).toArray()) {
    if ($(caption).closest('figcaption').length) continue;
    const holder = caption.parent as Element | null;
    if (!holder || holder === root || holder.type !== 'tag') continue;
    if (holder.name === 'figure') {
      $(caption).replaceWith(`<figcaption>${escapeHtml(squash($(caption).text()))}</figcaption>`);
      continue;
    }
    const images = $(holder).find('img').toArray().filter((img) => !$(img).closest(CAPTIONS).length);
    if (!images.length) continue;
    const imagesHtml = images.map((img) => $.html(img)).join('');
    $(holder).replaceWith(`<figure>${imagesHtml}<figcaption>${escapeHtml(squash($(caption).text()))}</figcaption></figure>`);
  }
}

/** The body container and plain wrapper divs give way to their content, so the body is a run of blocks. */
function unwrapContainers($: CheerioAPI, root: Element): void {
  for (const selector of EPOCH_TIMES_BODY_SELECTORS) {
    $(root)
      .find(selector)
      .each((_, el) => {
        $(el).replaceWith($(el).contents());
      });
  }
  for (const child of [...root.children]) {
    if (child.type === 'tag' && (child as Element).name === 'div' && $(child).children('p, h2, h3, h4, figure, blockquote').length) {
      $(child).replaceWith($(child).contents());
    }
  }
}
