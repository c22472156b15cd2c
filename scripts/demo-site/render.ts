/**
 * Page templates of the demo site, one per page kind: article, listing (home, category, tag), RSS feed,
 * 404 page and robots.txt. The markup follows the WordPress theme China Digital Times serves; output depends
 * only on the data and the site origin, never on the clock.
 */
import {
  CATEGORIES,
  SITE_DESCRIPTION,
  SITE_NAME,
  SITE_PLACEHOLDER,
  type ArchiveCardData,
  type CardLink,
  type CommentThreadData,
  type DemoArticle,
} from './content.ts';

/** What every HTML page needs besides its own data. */
export interface RenderContext {
  /** Origin the links point to, such as http://127.0.0.1:4000 or https://chinadigitaltimes.net. */
  site: string;
  /** The newest posts, for the sidebar. */
  recent: readonly DemoArticle[];
}

/** A listing page: the home page, a category or a tag archive, one page of it. */
export interface ListingPageData {
  kind: 'home' | 'category' | 'tag';
  /** Category or tag name; null for the home page. */
  name: string | null;
  /** Path of page 1, such as /chinese/ or /chinese/category/%E7%BD%91.../ */
  basePath: string;
  page: number;
  pageCount: number;
  entries: readonly DemoArticle[];
}

/** An RSS channel: the site feed or a category feed. */
export interface FeedData {
  title: string;
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** Absolute URL of the listing the feed mirrors. */
  link: string;
  items: readonly DemoArticle[];
}

/** Escapes text for HTML and XML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Replaces the `{site}` placeholder of the content with the origin. */
export function withSite(html: string, site: string): string {
  return html.split(SITE_PLACEHOLDER).join(site);
}

/** The permalink a post's page and listings use: the slug URL for old posts, else /chinese/<id>.html. */
export function permalink(article: DemoArticle, site: string): string {
  return article.slugPath ? `${site}${article.slugPath}` : `${site}/chinese/${article.id}.html`;
}

/** The link the feeds give for a post: always /chinese/<id>.html. */
export function feedLink(article: DemoArticle, site: string): string {
  return `${site}/chinese/${article.id}.html`;
}

/** The WordPress shortlink of a post. */
export function shortlink(article: DemoArticle, site: string): string {
  return `${site}/chinese/?p=${article.id}`;
}

/** Absolute URL of a category archive (name percent-encoded, trailing slash). */
export function categoryUrl(name: string, site: string): string {
  return `${site}/chinese/category/${encodeURIComponent(name)}/`;
}

/** Absolute URL of a tag archive (name percent-encoded, trailing slash). */
export function tagUrl(name: string, site: string): string {
  return `${site}/chinese/tag/${encodeURIComponent(name)}/`;
}

/** The date as WordPress shows it in Chinese, such as 2022年8月12日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The date as RFC 822 with the +0800 offset, for RSS pubDate. */
export function rfc822Date(iso: string): string {
  const [y = 0, m = 1, d = 1] = iso.slice(0, 10).split('-').map(Number);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `${weekday}, ${String(d).padStart(2, '0')} ${month} ${y} ${iso.slice(11, 19)} +0800`;
}

/** The excerpt WordPress derives from a post: its body's text, cut to 100 characters. */
export function excerptOf(article: DemoArticle): string {
  const text = article.bodyHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(text).slice(0, 100).join('').trim();
}

/** CSS class WordPress derives from a term: its percent-encoded slug without the percent signs. */
function termClass(prefix: string, name: string): string {
  return `${prefix}-${encodeURIComponent(name).toLowerCase().replace(/%/g, '')}`;
}

function postClasses(article: DemoArticle): string {
  return [
    `post-${article.id}`,
    'post',
    'type-post',
    'status-publish',
    'format-standard',
    'hentry',
    ...article.categories.map((c) => termClass('category', c)),
    ...article.tags.map((t) => termClass('tag', t)),
  ].join(' ');
}

function cardLink(link: CardLink, extra = ''): string {
  return `<a href="${escapeHtml(link.href)}" target="_blank"${extra}>${escapeHtml(link.name)}</a>`;
}

function renderCard(card: ArchiveCardData): string {
  const fields: string[] = [];
  const field = (label: string, html: string): void => {
    fields.push(`<strong>${label}：</strong>${html}`);
  };
  if (card.title) field('标题', escapeHtml(card.title));
  if (card.author) field('作者', escapeHtml(card.author));
  if (card.published) field('发表日期', escapeHtml(card.published));
  if (card.source) field('来源', cardLink(card.source));
  if (card.topics?.length) field('主题归类', card.topics.map((t) => cardLink(t)).join('、'));
  if (card.collection) field('CDS收藏', cardLink(card.collection, ' rel="noopener"'));
  if (card.copyright) field('版权说明', card.copyright);
  return (
    '<div style="width:42%;float:right;padding-left:20px">' +
    '<div class="su-spoiler su-spoiler-style-fancy su-spoiler-icon-chevron-circle" data-scroll-offset="0" data-anchor-in-url="no">' +
    '<div class="su-spoiler-title" tabindex="0" role="button"><span class="su-spoiler-icon"></span>CDT 档案卡</div>' +
    `<div class="su-spoiler-content su-u-clearfix su-u-trim">${fields.join('<br>')}</div></div></div>`
  );
}

function renderComments(thread: CommentThreadData): string {
  const items = thread.items.map((item) => `<p>${item.split('\n').map(escapeHtml).join('<br>')}</p>`);
  return `<p><strong>${escapeHtml(thread.intro)}</strong></p><blockquote>${items.join('')}</blockquote>`;
}

function renderShareButtons(url: string, title: string): string {
  const query = `linkurl=${encodeURIComponent(url)}&amp;linkname=${encodeURIComponent(title)}`;
  const buttons = [
    ['facebook', 'Facebook'],
    ['twitter', 'Twitter'],
    ['telegram', 'Telegram'],
    ['reddit', 'Reddit'],
    ['whatsapp', 'WhatsApp'],
    ['email', 'Email'],
    ['copy_link', 'Copy Link'],
  ]
    .map(
      ([id, label]) =>
        `<a class="a2a_button_${id}" href="https://www.addtoany.com/add_to/${id}?${query}" title="${label}" rel="nofollow noopener" target="_blank"></a>`,
    )
    .join('');
  return (
    '<div class="addtoany_share_save_container addtoany_content addtoany_content_bottom">' +
    `<div class="a2a_kit a2a_kit_size_32 addtoany_list" data-a2a-url="${escapeHtml(url)}" data-a2a-title="${escapeHtml(title)}">` +
    `${buttons}<a class="a2a_dd addtoany_share_save addtoany_share" href="https://www.addtoany.com/share"></a></div></div>`
  );
}

/**
 * The HTML inside `div.post-content`: lead, archive card, body, comment thread, share buttons. The feeds
 * carry exactly this string in `content:encoded`.
 */
export function renderPostContent(article: DemoArticle, site: string): string {
  const parts = [
    article.leadHtml,
    article.card ? renderCard(article.card) : '',
    article.bodyHtml,
    article.comments ? renderComments(article.comments) : '',
    renderShareButtons(permalink(article, site), article.title),
  ];
  return withSite(parts.join(''), site);
}

interface LayoutInput {
  ctx: RenderContext;
  title: string;
  head: string[];
  bodyClass: string;
  main: string;
  charset: 'utf-8' | 'gbk';
}

function layout({ ctx, title, head, bodyClass, main, charset }: LayoutInput): string {
  const { site } = ctx;
  const charsetMeta =
    charset === 'gbk'
      ? '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
      : '<meta charset="UTF-8">';
  const menu = CATEGORIES.map(
    (c) => `<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="${categoryUrl(c, site)}">${c}</a></li>`,
  ).join('\n');
  const recent = ctx.recent
    .map((a) => `<li><a href="${permalink(a, site)}">${escapeHtml(a.title)}</a></li>`)
    .join('\n');
  const columns = CATEGORIES.map((c) => `<li class="cat-item"><a href="${categoryUrl(c, site)}">${c}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charsetMeta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head.join('\n')}
<link rel="alternate" type="application/rss+xml" title="${SITE_NAME} &raquo; Feed" href="${site}/chinese/feed/">
<meta name="generator" content="WordPress 6.1.1">
</head>
<body class="${bodyClass}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">跳至内容</a>
<header id="masthead" class="site-header">
<div class="site-branding">
<p class="site-title"><a href="${site}/chinese/" rel="home">${SITE_NAME}</a></p>
<p class="site-description">${SITE_DESCRIPTION}</p>
</div>
<nav id="site-navigation" class="main-navigation">
<ul id="primary-menu" class="menu">
${menu}
</ul>
</nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
${main}
</main>
</div>
<aside id="secondary" class="widget-area">
<section id="recent-posts-2" class="widget widget_recent_entries">
<h2 class="widget-title">最新文章</h2>
<ul>
${recent}
</ul>
</section>
<section id="categories-2" class="widget widget_categories">
<h2 class="widget-title">栏目</h2>
<ul>
${columns}
</ul>
</section>
<section id="text-3" class="widget widget_text">
<h2 class="widget-title">相关链接</h2>
<div class="textwidget"><ul>
<li><a href="${site}/chinese/feed/">订阅本站</a></li>
</ul></div>
</section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">${SITE_NAME}：记录与存档被删除的内容。</div>
</footer>
</div>
</body>
</html>
`;
}

/** A post's own page. `older` and `newer` feed the post navigation. */
export function renderArticlePage(
  article: DemoArticle,
  ctx: RenderContext,
  older: DemoArticle | null,
  newer: DemoArticle | null,
): string {
  const { site } = ctx;
  const url = permalink(article, site);
  const head = [
    `<link rel="canonical" href="${url}">`,
    `<link rel='shortlink' href='${shortlink(article, site)}'>`,
    `<meta property="og:locale" content="zh_CN">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(article.title)}">`,
    `<meta property="og:url" content="${url}">`,
    `<meta property="og:site_name" content="${SITE_NAME}">`,
    `<meta property="article:published_time" content="${article.publishedAt}">`,
    ...article.categories.map((c) => `<meta property="article:section" content="${c}">`),
    ...article.tags.map((t) => `<meta property="article:tag" content="${t}">`),
  ];
  const cats = article.categories
    .map((c) => `<a href="${categoryUrl(c, site)}" rel="category tag">${c}</a>`)
    .join('、');
  const tags = article.tags.map((t) => `<a href="${tagUrl(t, site)}" rel="tag">${t}</a>`).join('、');
  const navLink = (a: DemoArticle | null, rel: 'prev' | 'next', label: string): string =>
    a
      ? `<div class="nav-${rel === 'prev' ? 'previous' : 'next'}"><a href="${permalink(a, site)}" rel="${rel}"><span class="meta-nav">${label}</span> <span class="post-title">${escapeHtml(a.title)}</span></a></div>`
      : '';
  const main = `<article id="post-${article.id}" class="${postClasses(article)}">
<header class="entry-header">
<h1 class="entry-title">${escapeHtml(article.title)}</h1>
<div class="entry-meta"><span class="posted-on"><a href="${url}" rel="bookmark"><time class="entry-date published" datetime="${article.publishedAt}">${chineseDate(article.publishedAt)}</time></a></span><span class="byline"> 发布者：<span class="author vcard">${escapeHtml(article.poster)}</span></span></div>
</header>
<div class="post-content entry-content">${renderPostContent(article, site)}</div>
<footer class="entry-footer">
<span class="cat-links">分类：${cats}</span>
${tags ? `<span class="tags-links">标签：${tags}</span>` : ''}
</footer>
</article>
<nav class="navigation post-navigation" aria-label="文章">
<h2 class="screen-reader-text">文章导航</h2>
<div class="nav-links">${navLink(older, 'prev', '上一篇')}${navLink(newer, 'next', '下一篇')}</div>
</nav>
<div id="comments" class="comments-area">
<p class="no-comments">评论已关闭。</p>
</div>`;
  return layout({
    ctx,
    title: `${article.title} - ${SITE_NAME}`,
    head,
    bodyClass: `post-template-default single single-post postid-${article.id} single-format-standard`,
    main,
    charset: article.encoding,
  });
}

function listingPageUrl(basePath: string, page: number, site: string): string {
  return page === 1 ? `${site}${basePath}` : `${site}${basePath}page/${page}/`;
}

function renderPagination(data: ListingPageData, site: string): string {
  if (data.pageCount <= 1) return '';
  const links: string[] = [];
  if (data.page > 1) {
    links.push(`<a class="prev page-numbers" href="${listingPageUrl(data.basePath, data.page - 1, site)}">上一页</a>`);
  }
  for (let n = 1; n <= data.pageCount; n++) {
    links.push(
      n === data.page
        ? `<span aria-current="page" class="page-numbers current">${n}</span>`
        : `<a class="page-numbers" href="${listingPageUrl(data.basePath, n, site)}">${n}</a>`,
    );
  }
  if (data.page < data.pageCount) {
    links.push(`<a class="next page-numbers" href="${listingPageUrl(data.basePath, data.page + 1, site)}">下一页</a>`);
  }
  return `<nav class="navigation pagination" aria-label="文章">
<h2 class="screen-reader-text">文章导航</h2>
<div class="nav-links">${links.join('\n')}</div>
</nav>`;
}

/** A listing page: post excerpts with title links, then pagination. */
export function renderListingPage(data: ListingPageData, ctx: RenderContext): string {
  const { site } = ctx;
  const label = data.kind === 'category' ? '分类' : '标签';
  const pageSuffix = data.page > 1 ? ` - 第${data.page}页` : '';
  const title =
    data.kind === 'home' ? `${SITE_NAME}${pageSuffix || ` - ${SITE_DESCRIPTION}`}` : `${data.name}${pageSuffix} - ${SITE_NAME}`;
  const head = [`<link rel="canonical" href="${listingPageUrl(data.basePath, data.page, site)}">`];
  if (data.page > 1) head.push(`<link rel="prev" href="${listingPageUrl(data.basePath, data.page - 1, site)}">`);
  if (data.page < data.pageCount) head.push(`<link rel="next" href="${listingPageUrl(data.basePath, data.page + 1, site)}">`);
  if (data.kind === 'category') {
    head.push(
      `<link rel="alternate" type="application/rss+xml" title="${SITE_NAME} &raquo; ${data.name}分类目录 Feed" href="${site}${data.basePath}feed/">`,
    );
  }
  const entries = data.entries.map((a) => {
    const url = permalink(a, site);
    return `<article id="post-${a.id}" class="${postClasses(a)}">
<header class="entry-header">
<h2 class="entry-title"><a href="${url}" rel="bookmark">${escapeHtml(a.title)}</a></h2>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="${a.publishedAt}">${chineseDate(a.publishedAt)}</time></span></div>
</header>
<div class="entry-summary"><p>${escapeHtml(excerptOf(a))} [&hellip;]</p></div>
<footer class="entry-footer"><a class="more-link" href="${url}">阅读全文</a></footer>
</article>`;
  });
  const header =
    data.kind === 'home'
      ? ''
      : `<header class="page-header"><h1 class="page-title">${label}：<span>${escapeHtml(data.name ?? '')}</span></h1></header>\n`;
  const bodyClass =
    data.kind === 'home'
      ? `home blog${data.page > 1 ? ` paged paged-${data.page}` : ''}`
      : `archive ${data.kind}${data.page > 1 ? ` paged paged-${data.page}` : ''}`;
  return layout({
    ctx,
    title,
    head,
    bodyClass,
    main: `${header}${entries.join('\n')}\n${renderPagination(data, site)}`,
    charset: 'utf-8',
  });
}

/** An RSS 2.0 feed with full text in `content:encoded`, as WordPress writes it. */
export function renderFeed(feed: FeedData, site: string): string {
  const newest = feed.items[0];
  const items = feed.items.map((a) => {
    const content = renderPostContent(a, site);
    if (content.includes(']]>')) throw new Error(`post ${a.id} cannot go in a CDATA section`);
    const categories = [...a.categories, ...a.tags].map((c) => `\t\t<category><![CDATA[${c}]]></category>`);
    return `\t<item>
\t\t<title>${escapeHtml(a.title)}</title>
\t\t<link>${feedLink(a, site)}</link>
\t\t<dc:creator><![CDATA[${a.poster}]]></dc:creator>
\t\t<pubDate>${rfc822Date(a.publishedAt)}</pubDate>
${categories.join('\n')}
\t\t<guid isPermaLink="false">${shortlink(a, site)}</guid>
\t\t<description><![CDATA[${excerptOf(a)} [&#8230;]]]></description>
\t\t<content:encoded><![CDATA[${content}]]></content:encoded>
\t</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:atom="http://www.w3.org/2005/Atom"
\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"
\t>

<channel>
\t<title>${escapeHtml(feed.title)}</title>
\t<atom:link href="${feed.selfUrl}" rel="self" type="application/rss+xml" />
\t<link>${feed.link}</link>
\t<description>${SITE_DESCRIPTION}</description>
\t<lastBuildDate>${newest ? rfc822Date(newest.publishedAt) : ''}</lastBuildDate>
\t<language>zh-CN</language>
\t<sy:updatePeriod>hourly</sy:updatePeriod>
\t<sy:updateFrequency>1</sy:updateFrequency>
\t<generator>https://wordpress.org/?v=6.1.1</generator>
${items.join('\n')}
</channel>
</rss>
`;
}

/** The theme's 404 page, served with HTTP 404 for removed posts and unknown paths. */
export function renderNotFoundPage(ctx: RenderContext): string {
  const main = `<section class="error-404 not-found">
<header class="page-header"><h1 class="page-title">抱歉，找不到这个页面。</h1></header>
<div class="page-content">
<p>您要找的内容可能已被删除或移动。试试搜索，或从下面的栏目继续浏览。</p>
<form role="search" method="get" class="search-form" action="${ctx.site}/chinese/"><label><span class="screen-reader-text">搜索：</span><input type="search" class="search-field" placeholder="搜索&hellip;" value="" name="s"></label><input type="submit" class="search-submit" value="搜索"></form>
</div>
</section>`;
  return layout({
    ctx,
    title: `找不到页面 - ${SITE_NAME}`,
    head: ['<meta name="robots" content="noindex, follow">'],
    bodyClass: 'error404',
    main,
    charset: 'utf-8',
  });
}

/** robots.txt as WordPress writes it (without a sitemap, which the demo site does not serve). */
export function renderRobots(): string {
  return `User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
`;
}
