/**
 * Article extraction for Epoch Times pages (gb and b5): title and column prefix, dates from the page's meta or
 * <time> and from the 【大纪元…讯】 dateline, the reporter (or, failing one, the 责任编辑), tags, breadcrumb
 * categories and the body with its featured image. The body rules live in body.ts.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { ExtractedArticle, PageInput } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { EPOCH_TIMES_BODY_SELECTORS, readEpochTimesBody } from './body.ts';
import { epochTimesDateFromUrl } from './urls.ts';
import { linkTexts } from '../common/links.ts';
import { parsePage } from '../common/html.ts';
import { titleParts } from '../common/text.ts';

const SITE_NAME = /大[纪紀]元/;
const BREADCRUMBS = '#breadcrumb_cmp a, .breadcrumbs a, a.breadcrumbs, .breadcrumb a';
const HOME_CRUMB = /^(?:首页|首頁|大[纪紀]元(?:新闻网|新聞網)?|Home)$/i;
const TAG_AREAS = '.arttop .tags a, .info .tags a, .post_tags a, .article_tags a, a[rel~="tag"]';
/** Words before the time in the info line: 更新 (updated), 发布 (published). */
const TIME_LABEL = /^(?:更新|發布|发布|發表|发表|Updated)\s*[：:]?\s*/i;

/** Extract the article of a whole Epoch Times page, or null when it holds none. */
export function extractEpochTimesPage(page: PageInput): ExtractedArticle | null {
  const $ = parsePage(page.text);
  const base = page.finalUrl ?? page.url;
  const container = EPOCH_TIMES_BODY_SELECTORS.map((selector) => $(selector).first()).find((found) => found.length);
  const title = pageTitle($);
  if (!container || !title) return null;

  // The featured image sits above the body container; the article shows it as part of the story.
  const wrapper = $('<div></div>');
  const featured = $('.featured_image').first();
  if (featured.length && !featured.find(container.get(0) as Element).length) wrapper.append(featured.clone());
  wrapper.append(container.clone());
  const body = readEpochTimesBody($, wrapper.get(0) as Element, base);

  const time = $('.arttop time[datetime], .info time[datetime], article time[datetime], time[datetime]').first();
  const metaPublished = $('meta[property="article:published_time"]').attr('content') ?? null;
  const timeText = time.text().replace(/\s+/g, ' ').replace(TIME_LABEL, '').trim() || null;
  const tags = [...linkTexts($, TAG_AREAS), ...metaValues($, 'article:tag'), ...body.tags];
  // A dateline without a year takes it from the URL's folders when month and day agree.
  const urlDate = epochTimesDateFromUrl(base);
  const dateline = body.dateline;
  const datelineDate =
    dateline?.date ?? (dateline && urlDate && urlDate.endsWith(`-${pad(dateline.month)}-${pad(dateline.day)}`) ? urlDate : null);
  return {
    ...titleParts(title),
    author: body.reporter ?? body.writer ?? body.editor,
    publishedText: body.dateline?.dateText ?? timeText ?? metaPublished,
    publishedAt: parseSourceDate(metaPublished) ?? parseSourceDate(time.attr('datetime')) ?? datelineDate,
    originUrl: null,
    originName: null,
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
    $('h1.title').first().text(),
    $('.arttop h1, .titles h1').first().text(),
    withoutSiteName($('meta[property="og:title"]').attr('content') ?? ''),
    $('h1').first().text(),
    withoutSiteName($('title').first().text()),
  ];
  return candidates.map((text) => text.replace(/\s+/g, ' ').trim()).find(Boolean) ?? null;
}

/** "标题 | 标签 | 大纪元" gives "标题"; a title that does not end in the site name is left alone. */
function withoutSiteName(text: string): string {
  const parts = text.split(/\s+[|｜]\s+/);
  return parts.length > 1 && SITE_NAME.test(parts[parts.length - 1] ?? '') ? (parts[0] ?? '') : text;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function metaValues($: CheerioAPI, property: string): string[] {
  return $(`meta[property="${property}"]`)
    .toArray()
    .map((el) => ($(el).attr('content') ?? '').trim())
    .filter(Boolean);
}
