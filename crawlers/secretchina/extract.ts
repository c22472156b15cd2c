/**
 * Article extraction for secretchina pages: the title, the date from the page's meta, <time> or info line and
 * from the 【看中国…讯】 dateline, the author (作者 in the info line, else the dateline's reporter, else the
 * 责任编辑), breadcrumb categories, tags and the cleaned `.article_right` body (rules in body.ts).
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { ExtractedArticle, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { readSecretChinaBody, SECRET_CHINA_BODY_SELECTORS } from './body.ts';
import { linkTexts } from '../common/links.ts';
import { parsePage } from '../common/html.ts';
import { titleParts } from '../common/text.ts';

const SITE_SUFFIX = /\s*[-|｜–—_]\s*看中[国國](?:网|網)?(?:\s*[-|｜–—_].*)?$/;
/** The info line under the title: author, time, and a views counter. */
const INFO = '.article_info, .info, .article_meta, .meta, .author, .time';
/** 作者：程实, or in older pages 作者：看中国记者 田川. */
const AUTHOR_LABEL = /作者\s*[：:]\s*(?:看中[国國](?:特约|特約)?(?:记者|記者)\s*)?([^\s|｜　]{1,24})/;
const DATE_IN_TEXT = /\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/;
const BREADCRUMBS = '.position a, .breadcrumb a, .breadcrumbs a, .crumbs a, .nav_path a';
const HOME_CRUMB = /^(?:首页|首頁|看中[国國](?:网|網)?|Home)$/i;
const TAG_AREAS = '.tags a, .article_tags a, .keywords a, a[rel~="tag"]';

/** Extract the article of a whole secretchina page, or null when it holds none. */
export function extractSecretChinaPage(page: PageInput): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const container = SECRET_CHINA_BODY_SELECTORS.map((selector) => $(selector).first()).find((found) => found.length);
  const title = pageTitle($);
  if (!container || !title) return null;

  // Read the info line before the body is cleaned: it may sit inside the same column.
  const info = $(INFO).not(container.find(INFO)).toArray();
  const infoText = info.map((el) => $(el).text().replace(/\s+/g, ' ')).join(' | ');
  const headerAuthor = AUTHOR_LABEL.exec(infoText)?.[1] ?? null;
  const time = $('time[datetime]').first();
  const metaPublished = $('meta[property="article:published_time"]').attr('content') ?? null;
  const infoDate = DATE_IN_TEXT.exec(time.text() || infoText)?.[0]?.trim() ?? null;

  const body = readSecretChinaBody($, container.get(0) as Element, base);
  const tags = [...linkTexts($, TAG_AREAS), ...body.tags];
  return {
    ...titleParts(title),
    author: headerAuthor ?? body.reporter ?? body.writer ?? body.editor,
    publishedText: infoDate ?? body.dateline?.dateText ?? metaPublished,
    publishedAt:
      parseSourceDate(metaPublished) ?? parseSourceDate(time.attr('datetime')) ?? parseSourceDate(infoDate) ?? body.dateline?.date ?? null,
    originUrl: body.originUrl,
    originName: body.originName ?? body.sourceName,
    card: null,
    bodyHtml: body.sanitized.html,
    text: body.sanitized.text,
    tags: [...new Set(tags)],
    categories: [...new Set(linkTexts($, BREADCRUMBS).filter((name) => !HOME_CRUMB.test(name)))],
    images: body.sanitized.images,
    embeds: body.sanitized.embeds,
    comments: null,
    declaredUrl: absoluteUrl($('link[rel="canonical"]').attr('href'), base),
  };
}

function pageTitle($: CheerioAPI): string | null {
  const candidates = [
    $('.article_left h1, .article h1, #content h1').first().text(),
    $('h1').first().text(),
    $('meta[property="og:title"]').attr('content') ?? '',
    $('title').first().text(),
  ];
  return candidates.map((text) => text.replace(/\s+/g, ' ').replace(SITE_SUFFIX, '').trim()).find(Boolean) ?? null;
}
