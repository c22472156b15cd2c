/**
 * Article metadata of any news page, read in order of trust: JSON-LD (NewsArticle and its kin, @graph included),
 * then OpenGraph, then plain meta tags, then `<title>` and the first h1. The body is found by
 * crawlers/generic/content-score.ts; crawlers/generic/extract.ts puts the two together.
 */
import type { CheerioAPI } from 'cheerio';
import { absoluteUrl } from '../common/sanitize-body.ts';
import { unique } from '../common/links.ts';
import { oneLine } from '../common/text.ts';

/** What a page says about its article; every value is null (or empty) when the page does not say it. */
export interface PageMetadata {
  title: string | null;
  author: string | null;
  /** The publication date as the page writes it (an ISO string in JSON-LD, a local date in meta tags). */
  publishedText: string | null;
  categories: string[];
  tags: string[];
  declaredUrl: string | null;
}

const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'BlogPosting', 'ReportageNewsArticle']);
/** Site names that <title> appends after a separator: "标题_新浪新闻", "标题 - 网易新闻", "Headline | Site". */
const TITLE_SUFFIX = /\s*(?:[_|｜–—]|\s-\s)\s*[^_|｜–—]{1,30}$/;
const LIST_SEPARATORS = /\s*[,，;；、]\s*/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Read the metadata of a loaded page; relative URLs resolve against `baseUrl`. */
export function readMetadata($: CheerioAPI, baseUrl: string): PageMetadata {
  const ld = findLdArticle($);
  const meta = (selector: string): string | null => oneLine($(selector).first().attr('content'));
  const metaAll = (selector: string): string[] =>
    $(selector)
      .toArray()
      .map((el) => oneLine($(el).attr('content')))
      .filter((value): value is string => !!value);
  // An OpenGraph author is often a profile URL, which names nobody.
  const ogAuthor = meta('meta[property="article:author"]');
  const ldKeywords = ld ? listOf(ld.keywords) : [];
  const ogTags = metaAll('meta[property="article:tag"]');
  const metaKeywords = meta('meta[name="keywords" i]');
  const ldSection = ld ? listOf(ld.articleSection) : [];
  const ogSection = metaAll('meta[property="article:section"]');
  const declared =
    (ld ? (stringOf(ld.url) ?? idOf(ld.mainEntityOfPage)) : null) ??
    meta('meta[property="og:url"]') ??
    oneLine($('link[rel="canonical"]').attr('href'));
  return {
    title: (ld ? stringOf(ld.headline) : null) ?? meta('meta[property="og:title"]') ?? documentTitle($),
    author:
      (ld ? namesOf(ld.author) : null) ??
      (ogAuthor && !/^https?:/i.test(ogAuthor) ? ogAuthor : null) ??
      meta('meta[name="author" i]'),
    publishedText:
      (ld ? stringOf(ld.datePublished) : null) ??
      meta('meta[property="article:published_time"]') ??
      meta('meta[name="pubdate" i]') ??
      meta('meta[name="publishdate" i]'),
    categories: unique(ldSection.length ? ldSection : ogSection),
    tags: unique(ldKeywords.length ? ldKeywords : ogTags.length ? ogTags : keywordsOf(metaKeywords)),
    declaredUrl: absoluteUrl(declared, baseUrl),
  };
}

/** The first JSON-LD object typed as a news article, looking inside arrays and @graph. */
function findLdArticle($: CheerioAPI): JsonObject | null {
  for (const script of $('script[type="application/ld+json"]').toArray()) {
    let data: Json;
    try {
      data = JSON.parse($(script).text()) as Json;
    } catch {
      // A broken block is the page's mistake; the other sources of metadata still count.
      continue;
    }
    const found = ldObjects(data).find((item) => typesOf(item['@type']).some((type) => ARTICLE_TYPES.has(type)));
    if (found) return found;
  }
  return null;
}

function ldObjects(data: Json): JsonObject[] {
  if (Array.isArray(data)) return data.flatMap(ldObjects);
  if (!data || typeof data !== 'object') return [];
  const graph = data['@graph'];
  return [data, ...(graph ? ldObjects(graph) : [])];
}

function typesOf(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((type): type is string => typeof type === 'string') : [];
}

/** Author names of a string, a Person or Organization object, or an array of them, joined with 、. */
function namesOf(value: Json | undefined): string | null {
  const names = (Array.isArray(value) ? value : [value]).map((item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? stringOf(item.name) : stringOf(item),
  );
  const found = unique(names.filter((name): name is string => !!name));
  return found.length ? found.join('、') : null;
}

function listOf(value: Json | undefined): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => (typeof item === 'string' ? item.split(LIST_SEPARATORS) : [])).map((item) => item.trim()).filter(Boolean);
}

/** Meta keywords: Chinese portals often separate them with spaces alone ("照相馆 老字号"), English ones never. */
function keywordsOf(value: string | null): string[] {
  if (value && !LIST_SEPARATORS.test(value) && /\p{Script=Han}/u.test(value)) return value.split(/\s+/);
  return listOf(value);
}

function idOf(value: Json | undefined): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return stringOf(value['@id']) ?? stringOf(value.url);
  return stringOf(value);
}

function stringOf(value: Json | undefined): string | null {
  return typeof value === 'string' ? oneLine(value) : null;
}

/** The headline from <title> and the first h1: the h1 when <title> repeats it, else <title> without its site. */
function documentTitle($: CheerioAPI): string | null {
  const h1 = oneLine($('h1').first().text());
  const title = oneLine($('title').first().text());
  if (h1 && (!title || title.includes(h1))) return h1;
  return title ? title.replace(TITLE_SUFFIX, '').trim() || title : h1;
}
