/**
 * RSS and Atom feeds, read the same way by every adapter that has one: whether a page is a feed, and its items
 * with their links, titles, authors, dates, categories and full text when the feed carries it.
 */
import * as cheerio from 'cheerio';
import type { FeedItem, PageInput } from '../adapter.ts';
import { absoluteUrl } from './sanitize-body.ts';

export interface FeedOptions {
  /**
   * An RSS item without `content:encoded` takes its description as its body when the description matches this
   * (markup rather than a one-line excerpt); without it, such an item has no body.
   */
  bodyFromDescription?: RegExp;
}

/** True when the page is an RSS or Atom document. */
export function looksLikeFeed(page: PageInput): boolean {
  return /xml|rss|atom/i.test(page.contentType ?? '') || /^\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(page.text);
}

/** The items of an RSS 2.0 feed and the entries of an Atom feed, those with a link that resolves. */
export function parseFeed(page: PageInput, options: FeedOptions = {}): FeedItem[] {
  const $ = cheerio.load(page.text, { xml: true });
  const base = page.finalUrl ?? page.url;
  const rssItems = $('item')
    .toArray()
    .map((el) => {
      const item = $(el);
      return {
        link: item.children('link').first().text().trim() || item.children('guid').first().text().trim(),
        title: item.children('title').first().text().trim() || null,
        author: item.children('dc\\:creator, creator, author').first().text().trim() || null,
        publishedText: item.children('pubDate, dc\\:date').first().text().trim() || null,
        categories: item.children('category').toArray().map((c) => $(c).text().trim()).filter(Boolean),
        contentHtml: rssBody(item.children('content\\:encoded, encoded').first().text(), () => item.children('description').first().text(), options),
      };
    });
  const atomEntries = $('entry')
    .toArray()
    .map((el) => {
      const entry = $(el);
      return {
        link: entry.children('link[rel="alternate"], link:not([rel])').first().attr('href') ?? '',
        title: entry.children('title').first().text().trim() || null,
        author: entry.find('author > name').first().text().trim() || null,
        publishedText: entry.children('published, updated').first().text().trim() || null,
        categories: entry.children('category').toArray().map((c) => $(c).attr('term') ?? '').filter(Boolean),
        contentHtml: entry.children('content').first().text() || null,
      };
    });
  return [...rssItems, ...atomEntries].flatMap(({ link, ...rest }) => {
    const url = absoluteUrl(link, base);
    return url ? [{ url, ...rest }] : [];
  });
}

function rssBody(encoded: string, description: () => string, options: FeedOptions): string | null {
  if (!options.bodyFromDescription) return encoded || null;
  if (encoded.trim()) return encoded;
  const text = description();
  return options.bodyFromDescription.test(text) ? text : null;
}
