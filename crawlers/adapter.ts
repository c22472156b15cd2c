/**
 * The contract every source adapter keeps. An adapter is pure: a decoded page and its URL in, data out.
 * It never fetches and never touches the database; src/archive drives it and storage/ keeps what it returns.
 * The registry of adapters lives in crawlers/index.ts.
 */

/** A fetched document as an adapter sees it: already decoded to text by src/fetch. */
export interface PageInput {
  /** The URL the page was requested as (or, for a local copy, the URL it is being read as). */
  url: string;
  /** The URL the response came from after redirects. */
  finalUrl?: string;
  contentType: string | null;
  text: string;
}

/** What a URL (or a fetched page) is, for the adapter. */
export type PageRole = 'article' | 'listing' | 'feed' | 'other';

/** A link with its visible text, as archive cards and tag lists give them. */
export interface NamedLink {
  name: string;
  url: string | null;
}

/**
 * The "CDT 档案卡"-style archive card: metadata about the original that an archiving site keeps beside its
 * copy. Every field is null when the card does not carry it.
 */
export interface ArchiveCard {
  title: string | null;
  author: string | null;
  /** 发表日期 as the card writes it, such as "2022.12.24". */
  publishedText: string | null;
  /** The same date as ISO 8601 in Asia/Shanghai, when it parses. */
  publishedAt: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  topics: NamedLink[];
  collection: NamedLink | null;
  copyright: string | null;
}

/** One comment of a thread; replies are comments whose parent is this one. */
export interface ExtractedComment {
  author: string;
  text: string;
  replies: ExtractedComment[];
}

/** A comment thread as a page presents it, such as CDT's 网络民议 excerpts. */
export interface ExtractedThread {
  /** The line that introduces the thread on the page. */
  intro: string | null;
  comments: ExtractedComment[];
}

/** The article an adapter finds in a page. Optional values are null when absent, never undefined. */
export interface ExtractedArticle {
  /** The title as the page shows it, column prefix included. */
  title: string;
  /** The title without its column prefix. */
  headline: string;
  /** A column named by the title prefix, such as 网络民议 for 【网络民议】. */
  column: string | null;
  author: string | null;
  /** The publication date as the source writes it. */
  publishedText: string | null;
  /** The publication date as ISO 8601 with the source's offset (Asia/Shanghai for Chinese sources). */
  publishedAt: string | null;
  /** Where the article was first published, when the page says (an archive card's 来源). */
  originUrl: string | null;
  originName: string | null;
  card: ArchiveCard | null;
  /** The article body as sanitised HTML: no card, no comment thread, no share buttons or site chrome. */
  bodyHtml: string;
  /** The body's visible text, paragraphs separated by blank lines. */
  text: string;
  tags: string[];
  categories: string[];
  /** Absolute URLs of the images in the body, in order. */
  images: string[];
  /** Absolute URLs of embedded frames (videos, posts) in the body, in order. */
  embeds: string[];
  comments: ExtractedThread | null;
  /** A canonical URL or shortlink the page declares, used for identity when its URL does not carry one. */
  declaredUrl: string | null;
}

/** One item of an RSS or Atom feed. */
export interface FeedItem {
  url: string;
  title: string | null;
  author: string | null;
  publishedText: string | null;
  categories: string[];
  /** The full text (`content:encoded`) when the feed carries it. */
  contentHtml: string | null;
}

/** What a listing, tag, category page or feed points to. */
export interface Discovery {
  /** Absolute URLs of articles. */
  articleUrls: string[];
  /** Absolute URLs of further listing pages (pagination). */
  listingUrls: string[];
  /** Feed items, when the page is a feed. */
  feedItems: FeedItem[];
}

/** How an adapter wants its pages fetched. */
export interface FetchHints {
  headers?: Record<string, string>;
  renderer?: 'http' | 'browser';
}

/**
 * A notice a platform serves in place of content, usually with HTTP 200. The re-check classifier
 * (src/recheck) matches these in a page's title, main message or short visible text.
 */
export interface RemovalNotice {
  platform: string;
  /** The phrase as the platform writes it. */
  text: string;
  removedBy: 'author' | 'platform' | 'unknown';
  /**
   * `removal`: the content is gone; `visibility`: hidden by a setting, not removed; `captcha`: a verification
   * or rate-limit wall, retry later. Default `removal`.
   */
  kind?: 'removal' | 'visibility' | 'captcha';
  /** False for phrases reported but not seen on real pages: they never decide a removal alone. Default true. */
  verified?: boolean;
}

export interface SourceAdapter {
  /** Stable id, used in configuration and stored with every page: `cdt`. */
  readonly id: string;
  readonly name: string;
  /** Stamped on every article version this adapter extracts; bump it when extraction output changes. */
  readonly extractorVersion: string;
  readonly fetchHints: FetchHints;
  readonly notices: readonly RemovalNotice[];
  /** True when this adapter handles the URL's host. The generic adapter matches everything. */
  matches(url: URL): boolean;
  /** What the URL is likely to be before fetching; the page itself may say more (see `roleOf`). */
  roleOf(url: URL, page?: PageInput): PageRole;
  /**
   * The page's identity: from the URL when it carries one, else from what was extracted, else null
   * (the archive then keys by the normalised URL).
   */
  canonicalKey(url: string, extracted?: ExtractedArticle | null): string | null;
  discover(page: PageInput): Discovery;
  /** The article of a page, or null when the page holds none. */
  extract(page: PageInput): ExtractedArticle | null;
  /** The article a feed item's full text holds, or null when the item has none. */
  extractFeedItem(item: FeedItem): ExtractedArticle | null;
}
