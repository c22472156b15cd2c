/**
 * The demo site without networking: every path it serves, resolved to a complete response (status, headers,
 * bytes). server.ts puts it on HTTP; write-fixtures.ts renders pages from it with the real host for the
 * golden fixtures of the CDT adapter.
 */
import iconv from 'iconv-lite';
import { ARTICLES, CATEGORIES, SITE_NAME, type DemoArticle } from './content.ts';
import { SITE_PLACEHOLDER } from './content.ts';
import {
  feedLink,
  permalink,
  renderArticlePage,
  renderFeed,
  renderListingPage,
  renderNotFoundPage,
  renderPostContent,
  renderRobots,
  shortlink,
  type RenderContext,
} from './render.ts';

/** Posts per listing page, as the site is configured. */
export const POSTS_PER_PAGE = 5;

/** A whole HTTP response of the site. */
export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a test or a demo needs to know about one live article of the site. */
export interface DemoArticleInfo {
  id: number;
  /** Path of the permalink: /chinese/<id>.html, or /chinese/YYYY/MM/<slug>/ for the old post. */
  path: string;
  /** Every path that answers 200 with this article's page (the permalink first). */
  paths: string[];
  /** Absolute permalink on the site. */
  url: string;
  /** Absolute link the feeds give for it (always /chinese/<id>.html). */
  feedUrl: string;
  /** Absolute shortlink the page declares (/chinese/?p=<id>, which redirects to the permalink). */
  shortlink: string;
  /** The title as shown, column prefix included. */
  title: string;
  /** The title without its 【column】 or `媒体名｜` prefix. */
  headline: string;
  /** The column named by a 【…】 prefix, such as 网络民议; null otherwise. */
  column: string | null;
  /** ISO 8601 with +08:00. */
  publishedAt: string;
  poster: string;
  categories: string[];
  tags: string[];
  hasCard: boolean;
  /** Labels of the card's fields in order, such as ["标题", "来源", "版权说明"]; empty without a card. */
  cardFields: string[];
  hasComments: boolean;
  /** The thread's intro line, or null without a thread. */
  commentIntro: string | null;
  /** Top-level comments of the thread. */
  commentCount: number;
  /** `&gt; ` replies of the thread, all comments together. */
  replyCount: number;
  /** Absolute URLs of the images inside the post content, in order. */
  images: string[];
  /** Absolute URLs of the iframes inside the post content, in order. */
  embeds: string[];
  /** Encoding of the page on the wire. */
  encoding: 'utf-8' | 'gbk';
}

/** The demo site bound to an origin. */
export interface DemoSiteContent {
  /** Origin every link points to, such as http://127.0.0.1:4000. */
  origin: string;
  /** The live articles, newest first. */
  articles: DemoArticleInfo[];
  /** Article paths that listings link but that answer 404 (deleted posts). */
  deadPaths: string[];
  /** The response to a GET of a path (with optional query), such as /chinese/700107.html. */
  respond(pathWithQuery: string): SiteResponse;
  /** The site's 404 response. */
  notFound(): SiteResponse;
}

const HTML_UTF8 = 'text/html; charset=UTF-8';

/** A 1x1 transparent PNG, answered for every image path. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const byNewest = (a: DemoArticle, b: DemoArticle): number => b.publishedAt.localeCompare(a.publishedAt);

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function html(body: string, status = 200, extra: Record<string, string> = {}): SiteResponse {
  return { status, headers: { 'content-type': HTML_UTF8, ...extra }, body: Buffer.from(body, 'utf8') };
}

function redirect(location: string): SiteResponse {
  return { status: 301, headers: { location, 'content-type': HTML_UTF8 }, body: Buffer.alloc(0) };
}

/** Encodes a page as GBK, failing loudly when a character has no GBK form. */
function encodeGbk(text: string): Buffer {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) {
    const lost = Array.from(text).filter((ch) => iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') !== ch);
    throw new Error(`GBK page holds characters GBK cannot encode: ${[...new Set(lost)].join(' ')}`);
  }
  return bytes;
}

function describe(article: DemoArticle, origin: string): DemoArticleInfo {
  const content = renderPostContent(article, origin);
  const urlsOf = (tag: string): string[] =>
    [...content.matchAll(new RegExp(`<${tag}\\b[^>]*?\\ssrc="([^"]+)"`, 'g'))].map((m) => m[1] ?? '');
  const ownPath = `/chinese/${article.id}.html`;
  const paths = article.slugPath ? [article.slugPath, ownPath, `/chinese/${article.id}`] : [ownPath, `/chinese/${article.id}`];
  const card = article.card;
  const cardFields = card
    ? (
        [
          ['标题', card.title],
          ['作者', card.author],
          ['发表日期', card.published],
          ['来源', card.source],
          ['主题归类', card.topics?.length ? card.topics : undefined],
          ['CDS收藏', card.collection],
          ['版权说明', card.copyright],
        ] as const
      )
        .filter(([, value]) => value !== undefined)
        .map(([label]) => label)
    : [];
  const items = article.comments?.items ?? [];
  return {
    id: article.id,
    path: paths[0] ?? ownPath,
    paths,
    url: permalink(article, origin),
    feedUrl: feedLink(article, origin),
    shortlink: shortlink(article, origin),
    title: article.title,
    headline: article.title.replace(/^【[^】]+】/, '').replace(/^[^｜]{1,20}｜/, ''),
    column: /^【([^】]+)】/.exec(article.title)?.[1] ?? null,
    publishedAt: article.publishedAt,
    poster: article.poster,
    categories: [...article.categories],
    tags: [...article.tags],
    hasCard: card !== null,
    cardFields,
    hasComments: article.comments !== null,
    commentIntro: article.comments?.intro ?? null,
    commentCount: items.length,
    replyCount: items.reduce((n, item) => n + item.split('\n').filter((line) => line.startsWith('> ')).length, 0),
    images: urlsOf('img'),
    embeds: urlsOf('iframe'),
    encoding: article.encoding,
  };
}

/**
 * The originals that archive cards cite (WeChat and Weibo posts), served locally under /origin/<host>/... so
 * re-check tests can delete or censor an original without touching the internet.
 */
function originPage(path: string): SiteResponse {
  const [, , host = ''] = path.split('/');
  const body = host.includes('weixin')
    ? `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>原文</title></head><body><div id="img-content"><h1 class="rich_media_title">原文</h1><div class="rich_media_content" id="js_content"><p>这是一篇被存档的公众号原文，正文在此。作者写下了他在封控期间看到的事情，也写下了邻里之间互相帮助的细节。</p><p>原文仍可访问时，存档与原文内容一致。</p></div></div></body></html>`
    : `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>微博正文</title></head><body><div class="WB_text"><p>这是一条被存档的微博原文。发布者记录了当天的所见所闻，并附上了几张现场照片。</p></div></body></html>`;
  return html(body);
}

/** Builds the whole site for an origin. Responses are rendered on first request and then reused. */
export function buildDemoSite(origin: string): DemoSiteContent {
  const all = [...ARTICLES].sort(byNewest);
  const live = all.filter((a) => a.status === 'live');
  const ctx: RenderContext = { site: origin, recent: live.slice(0, POSTS_PER_PAGE) };
  const routes = new Map<string, () => SiteResponse>();
  const cache = new Map<string, SiteResponse>();
  const notFound = (): SiteResponse => html(renderNotFoundPage(ctx), 404);
  // Only the originals the cards cite exist; any other /origin/ path is a 404, as on a real platform.
  const originPaths = new Set(
    ARTICLES.map((a) => a.card?.source?.href.trim() ?? '')
      .filter((href) => href.startsWith(`${SITE_PLACEHOLDER}/origin/`))
      .map((href) => href.slice(SITE_PLACEHOLDER.length)),
  );

  routes.set('/robots.txt', () => ({
    status: 200,
    headers: { 'content-type': 'text/plain; charset=UTF-8' },
    body: Buffer.from(renderRobots(), 'utf8'),
  }));

  live.forEach((article, index) => {
    const page = (): SiteResponse => {
      const text = renderArticlePage(article, ctx, live[index + 1] ?? null, live[index - 1] ?? null);
      const headers = { link: `<${shortlink(article, origin)}>; rel=shortlink` };
      if (article.encoding === 'gbk') {
        return { status: 200, headers: { 'content-type': 'text/html; charset=GBK', ...headers }, body: encodeGbk(text) };
      }
      return html(text, 200, headers);
    };
    for (const path of describe(article, origin).paths) routes.set(path, page);
  });

  /** Registers a listing (home, category or tag) with its pages and its feed. */
  const addListing = (kind: 'home' | 'category' | 'tag', name: string | null, entries: DemoArticle[]): void => {
    const basePath = name === null ? '/chinese/' : `/chinese/${kind}/${encodeURIComponent(name)}/`;
    const routeBase = safeDecode(basePath);
    const pageCount = Math.max(1, Math.ceil(entries.length / POSTS_PER_PAGE));
    for (let page = 1; page <= pageCount; page++) {
      const pageEntries = entries.slice((page - 1) * POSTS_PER_PAGE, page * POSTS_PER_PAGE);
      const render = (): SiteResponse =>
        html(renderListingPage({ kind, name, basePath, page, pageCount, entries: pageEntries }, ctx));
      routes.set(page === 1 ? routeBase : `${routeBase}page/${page}/`, render);
    }
    routes.set(`${routeBase}page/1/`, () => redirect(`${origin}${basePath}`));
    const feedItems = entries.filter((a) => a.status === 'live');
    const feed = (): SiteResponse => ({
      status: 200,
      headers: { 'content-type': 'application/rss+xml; charset=UTF-8' },
      body: Buffer.from(
        renderFeed(
          {
            title: name === null ? SITE_NAME : `${SITE_NAME} » ${name}`,
            selfUrl: `${origin}${basePath}feed/`,
            link: `${origin}${basePath}`,
            items: feedItems,
          },
          origin,
        ),
        'utf8',
      ),
    });
    routes.set(`${routeBase}feed`, feed);
    routes.set(`${routeBase}feed/`, feed);
  };

  addListing('home', null, all);
  for (const category of CATEGORIES) {
    const entries = all.filter((a) => a.categories.includes(category));
    if (entries.length > 0) addListing('category', category, entries);
  }
  const tags = [...new Set(all.flatMap((a) => a.tags))];
  for (const tag of tags) addListing('tag', tag, all.filter((a) => a.tags.includes(tag)));

  const resolve = (pathWithQuery: string): SiteResponse => {
    const url = new URL(pathWithQuery, 'http://demo.invalid');
    const path = safeDecode(url.pathname);
    if (path === '/' || path === '/chinese') return redirect(`${origin}/chinese/`);
    if (path === '/chinese/' && url.searchParams.has('p')) {
      const article = live.find((a) => String(a.id) === url.searchParams.get('p'));
      return article ? redirect(permalink(article, origin)) : notFound();
    }
    const route = routes.get(path);
    if (route) return route();
    if (!path.endsWith('/') && routes.has(`${path}/`)) return redirect(`${origin}${encodeURI(`${path}/`)}`);
    if (originPaths.has(path)) return originPage(path);
    if (/^\/chinese\/files\/.+\.(png|jpe?g|gif)$/i.test(path) || /^\/cdn-cgi\/image\/[^/]+\/chinese\/files\/.+/.test(path)) {
      return { status: 200, headers: { 'content-type': 'image/png' }, body: PNG_BYTES };
    }
    return notFound();
  };

  return {
    origin,
    articles: live.map((a) => describe(a, origin)),
    deadPaths: all.filter((a) => a.status === 'deleted').map((a) => `/chinese/${a.id}.html`),
    notFound,
    respond(pathWithQuery: string): SiteResponse {
      const key = safeDecode(pathWithQuery);
      let response = cache.get(key);
      if (!response) {
        response = resolve(pathWithQuery);
        cache.set(key, response);
      }
      return response;
    },
  };
}
