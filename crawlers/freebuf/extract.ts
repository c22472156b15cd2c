/**
 * Article extraction for FreeBuf pages: title, author, date, tags and category from the server-rendered
 * markup, the body without share, disclaimer, paywall and recommendation panels, and the 文章来源 credit line
 * the body ends with. When the markup body is empty the post comes from `window.__NUXT__` (nuxt-state.ts).
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { ExtractedArticle, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { takeOriginLine } from '../common/origin-line.ts';
import { absoluteUrl, sanitizeBody } from '../common/sanitize-body.ts';
import { readNuxtPost, type NuxtPost } from './nuxt-state.ts';
import { freebufCategoryOfUrl, freebufPostId } from './urls.ts';
import { parsePage } from '../common/html.ts';
import { oneLine } from '../common/text.ts';
import { linkTexts } from '../common/links.ts';

const BODY_SELECTORS = ['.content-detail', '.artical-body', '#tinymce-editor'];
/** Panels inside the body container that are not the post. */
const PANEL_SELECTORS = [
  '.other-panel', '.disclaimer-box', '.recommend', '.share', '.related', '.pay-read-box', '.paid-read-mask',
  'script', 'style', 'noscript', 'form', 'button',
];
const SITE_SUFFIX = /\s*[-|–—_]\s*FreeBuf[^-|–—_]*$/i;
const DATE_IN_TEXT = /\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{1,2}(?::\d{1,2})?)?/;
const BREADCRUMB_LINKS = '.ant-breadcrumb a, .breadcrumb a, .bread-crumb a';

/** Extract the article of a whole FreeBuf page, or null when it holds none. */
export function extractFreebufPage(page: PageInput): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  let nuxtRead = false;
  let nuxtPost: NuxtPost | null = null;
  const nuxt = (): NuxtPost | null => {
    if (!nuxtRead) {
      nuxtRead = true;
      nuxtPost = readNuxtPost($('script').toArray().map((el) => $(el).text()), freebufPostId(page.url));
    }
    return nuxtPost;
  };

  const markupBody = bodyContainer($);
  let body: Element | null = markupBody;
  let bodyDoc = $;
  if (!body) {
    const html = nuxt()?.contentHtml;
    if (!html) return null;
    bodyDoc = cheerio.load(`<div class="content-detail">${html}</div>`);
    body = bodyDoc('div.content-detail').get(0) as Element;
    bodyDoc(body).find(PANEL_SELECTORS.join(',')).remove();
  }
  const title = oneLine($('.artical-header .title-span').first().text())
    ?? withoutSiteName($('meta[property="og:title"]').attr('content'))
    ?? oneLine(nuxt()?.title)
    ?? withoutSiteName($('title').first().text());
  if (!title) return null;

  const origin = takeOriginLine(bodyDoc, body, { labels: ['文章来源'], baseUrl: base });
  const sanitized = sanitizeBody(body, base);
  const dateText = datePart($('.artical-header .date').first().text()) ?? datePart(nuxt()?.date);
  const markupTags = linkTexts($, '.tags-panel .txt');
  return {
    title,
    headline: title,
    column: null,
    author: oneLine($('.author-info .author').first().text()) ?? nuxt()?.author ?? null,
    publishedText: dateText,
    publishedAt: parseSourceDate(dateText),
    originUrl: origin?.url ?? null,
    originName: origin?.name ?? null,
    card: null,
    bodyHtml: sanitized.html,
    text: sanitized.text,
    tags: markupTags.length ? markupTags : (nuxt()?.tags ?? []),
    categories: categoriesOf($, page.url),
    images: sanitized.images,
    embeds: sanitized.embeds,
    comments: null,
    declaredUrl:
      absoluteUrl($('link[rel="canonical"]').attr('href'), base) ?? absoluteUrl($('meta[property="og:url"]').attr('content'), base),
  };
}

/** The body element of the markup with its panels removed, or null when it is missing or holds nothing. */
function bodyContainer($: CheerioAPI): Element | null {
  for (const selector of BODY_SELECTORS) {
    const found = $(selector).first();
    if (!found.length) continue;
    found.find(PANEL_SELECTORS.join(',')).remove();
    if (!found.text().trim() && !found.find('img, iframe, video').length) continue;
    return unwrapSingleDivs(found.get(0) as Element);
  }
  return null;
}

/** Descend through wrappers that hold one div and nothing else (the editor's `#tinymce-editor > div`). */
function unwrapSingleDivs(element: Element): Element {
  let current = element;
  for (;;) {
    const meaningful = current.children.filter((child) => !(child.type === 'text' && !child.data.trim()));
    const only = meaningful[0];
    if (meaningful.length !== 1 || only?.type !== 'tag' || (only as Element).name !== 'div') return current;
    current = only as Element;
  }
}

/** Category names from the breadcrumb (without 首页), else the URL's category segment. */
function categoriesOf($: CheerioAPI, url: string): string[] {
  const crumbs = $(BREADCRUMB_LINKS)
    .toArray()
    .filter((el) => !/^\/?$/.test($(el).attr('href') ?? '/'))
    .map((el) => oneLine($(el).text()))
    .filter((text): text is string => !!text && text !== '首页');
  if (crumbs.length) return [...new Set(crumbs)];
  const slug = freebufCategoryOfUrl(url);
  return slug ? [slug] : [];
}

/** A head title without the site name FreeBuf appends (" - FreeBuf网络安全行业门户"). */
function withoutSiteName(text: string | null | undefined): string | null {
  const title = oneLine((text ?? '').replace(SITE_SUFFIX, ''));
  // A shell page's head title is the site's name alone, which is no article's title.
  return title && !/^FreeBuf(?:网络安全行业门户)?$/i.test(title) ? title : null;
}

function datePart(text: string | null | undefined): string | null {
  return DATE_IN_TEXT.exec(text ?? '')?.[0] ?? null;
}

