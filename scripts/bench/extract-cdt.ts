/**
 * The Chinese half of `npm run bench:extract`: each CDT article body from corpora/cdt-rss-2020 is wrapped in a
 * page with invented site chrome (navigation, sidebar, related links, share buttons, comments, footer), and both
 * extractors are scored by character-bigram F1 against the body's own text, since \w+ shingles mean little on
 * unsegmented Chinese.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { extractors, runExtractor } from './extract-run.ts';
import { untar } from './untar.ts';

interface CdtPost {
  name: string;
  title: string;
  url: string;
  date: string;
  bodyHtml: string;
}

/** The post as the RSS archive wrote it: a markdown title link, a rule, a date line, then the body HTML. */
function parsePost(name: string, text: string): CdtPost | null {
  const lines = text.split('\n');
  const head = /^\[(.*)\]\((\S+)\)\s*$/.exec(lines[0] ?? '');
  if (!head) return null;
  const dateLine = lines.find((l) => l.startsWith('日期：')) ?? '';
  const start = lines.indexOf(dateLine) + 1;
  const bodyHtml = lines.slice(start).join('\n').trim();
  if (!bodyHtml) return null;
  return { name, title: head[1]!, url: head[2]!, date: dateLine.slice(3).trim(), bodyHtml };
}

/** The body's reading text: block elements become line breaks so words from separate paragraphs do not join. */
export function htmlText(html: string): string {
  const $ = cheerio.load(`<div id="b">${html}</div>`);
  $('script, style').remove();
  $('br').replaceWith('\n');
  $('p, div, li, h1, h2, h3, h4, h5, h6, blockquote, tr, figure, figcaption').each((_, el) => {
    $(el).append('\n');
  });
  return $('#b').text();
}

// Invented chrome, long enough that an extractor which keeps it pays for it in precision.
const NAV = ['首页', '国内新闻', '国际观察', '评论专栏', '深度报道', '图片故事', '视频', '专题', '关于我们', '联系我们'];
const HOT = [
  '城市夜跑的人越来越多，健身房却在关门',
  '一位乡村教师的三十年：黑板、粉笔和一台旧收音机',
  '外卖骑手的一天：十二小时、九十单和一场雨',
  '老街改造之后，原来的住户去了哪里',
  '高校毕业季：简历投出一百份，回音只有三封',
  '菜价上涨背后的运输账本',
];
const RELATED = [
  '延伸阅读：小区团购群里的新生意',
  '延伸阅读：地铁末班车上的城市',
  '延伸阅读：旧书店还能撑多久',
  '延伸阅读：一座县城的公交线路图变迁',
];
const COMMENTS = [
  ['路人甲', '写得很好，转给家里人看看。'],
  ['晚风', '希望后续还有跟进报道，想知道事情最后怎么样了。'],
  ['山那边', '第三段的数据出处能否补充一下？'],
  ['小林', '看完心情很复杂，谢谢作者。'],
];

export function wrapInChrome(post: CdtPost): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const li = (items: readonly string[], href: string): string =>
    items.map((t, i) => `<li><a href="${href}${i}">${esc(t)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(post.title)} - 新闻观察网</title>
<meta property="og:title" content="${esc(post.title)}"><link rel="canonical" href="${esc(post.url)}"></head>
<body class="single-post">
<header class="site-header"><div class="logo"><a href="/">新闻观察网</a></div>
<nav class="main-nav"><ul>${li(NAV, '/category/')}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="搜索站内文章"><button>搜索</button></form></header>
<div class="container"><main id="main">
<div class="breadcrumb"><a href="/">首页</a> » <a href="/category/1">国内新闻</a> » 正文</div>
<article class="post">
<h1 class="entry-title">${esc(post.title)}</h1>
<div class="entry-meta">发布时间：${esc(post.date)} | 作者：本站编辑 | 阅读 1024 次</div>
<div class="entry-content">${post.bodyHtml}</div>
<div class="share-buttons">分享到：<a href="#weibo">微博</a> <a href="#wechat">微信</a> <a href="#fb">Facebook</a> <a href="#tw">Twitter</a> <a href="#mail">电子邮件</a> <a href="#print">打印本文</a></div>
<div class="tags">标签：<a href="/tag/1">社会</a> <a href="/tag/2">民生</a> <a href="/tag/3">观察</a></div>
</article>
<section class="related-posts"><h3>相关文章</h3><ul>${li(RELATED, '/related/')}</ul></section>
<section id="comments" class="comments"><h3>读者评论（${COMMENTS.length}）</h3><ol>
${COMMENTS.map(([who, said]) => `<li class="comment"><div class="comment-author">${who}</div><p>${said}</p><a class="reply" href="#reply">回复</a></li>`).join('\n')}
</ol><form class="comment-form"><textarea placeholder="发表你的看法"></textarea><button>提交评论</button></form></section>
</main>
<aside class="sidebar"><section class="widget"><h3>热门文章</h3><ul>${li(HOT, '/hot/')}</ul></section>
<section class="widget"><h3>订阅</h3><p>每天早上八点，把一天最值得读的文章送到你的邮箱。</p><form><input placeholder="你的邮箱地址"><button>订阅</button></form></section>
<section class="widget"><h3>关注我们</h3><p>微博 · 微信公众号 · 电报频道</p></section></aside>
</div>
<footer class="site-footer"><p>© 2020 新闻观察网 版权所有 未经许可不得转载</p>
<p><a href="/about">关于我们</a> | <a href="/privacy">隐私政策</a> | <a href="/terms">使用条款</a> | <a href="/contact">投稿与联系</a></p></footer>
</body></html>`;
}

/** Overlapping character bigrams of the text with all whitespace removed, as a multiset. */
export function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text.replace(/\s+/gu, ''));
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

export function bigramPRF(truth: string, predicted: string): { p: number; r: number; f1: number } {
  const t = bigrams(truth);
  const p = bigrams(predicted);
  let tp = 0;
  let np = 0;
  let nt = 0;
  for (const c of p.values()) np += c;
  for (const [g, c] of t) {
    nt += c;
    tp += Math.min(c, p.get(g) ?? 0);
  }
  // An empty prediction finds nothing: zero precision as well as zero recall.
  const prec = np > 0 ? tp / np : 0;
  const rec = nt > 0 ? tp / nt : 0;
  return { p: prec, r: rec, f1: prec + rec > 0 ? (2 * prec * rec) / (prec + rec) : 0 };
}

export function runCdtCheck(corpora: string): void {
  const tarball = join(corpora, 'cdt-rss-2020', 'cdt-rss-2020-articles.tar.gz');
  console.log('3. Chinese check: CDT bodies in invented site chrome, character-bigram F1 against the body text\n');
  if (!existsSync(tarball)) {
    console.log(`   skipped: ${tarball} not found\n`);
    return;
  }
  const posts = untar(gunzipSync(readFileSync(tarball)))
    .filter((f) => f.name.endsWith('.md'))
    .map((f) => parsePost(f.name, f.data.toString('utf8')))
    .filter((p): p is CdtPost => p !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const pages = posts.map((p) => ({ html: wrapInChrome(p), url: p.url, truth: htmlText(p.bodyHtml) }));
  const results: Record<string, { p: number; r: number; f1: number }[]> = {};
  console.log(`   ${posts.length} posts`);
  for (const [name, extract] of Object.entries(extractors)) {
    const run = runExtractor(extract, pages);
    const per = pages.map((page, i) => bigramPRF(page.truth, run.texts[i] ?? ''));
    results[name] = per;
    const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
    const p = mean(per.map((x) => x.p));
    const r = mean(per.map((x) => x.r));
    const empty = run.texts.filter((t) => !t.trim()).length;
    const low = per.filter((x) => x.f1 < 0.8).length;
    console.log(
      `   ${name.padEnd(12)} F1 ${(p + r > 0 ? (2 * p * r) / (p + r) : 0).toFixed(3)}  P ${p.toFixed(3)}  R ${r.toFixed(3)}` +
        `  mean page F1 ${mean(per.map((x) => x.f1)).toFixed(3)}  pages F1<0.8: ${low}  empty: ${empty}  errors: ${run.errors.length}` +
        `  ${(pages.length / run.seconds).toFixed(1)} pages/s`,
    );
  }
  // The pages where the two disagree most say the most about either extractor.
  const g = results.generic ?? [];
  const rd = results.readability ?? [];
  const worst = posts
    .map((post, i) => ({ post, gen: g[i]!, rd: rd[i]! }))
    .sort((a, b) => a.gen.f1 - a.rd.f1 - (b.gen.f1 - b.rd.f1))
    .slice(0, 5);
  console.log('   largest generic shortfalls vs readability (file id, generic P/R, readability P/R):');
  for (const w of worst) {
    const id = w.post.name.replace(/^.*\//, '').split('_')[0];
    console.log(
      `     ${id}  generic ${w.gen.p.toFixed(2)}/${w.gen.r.toFixed(2)}  readability ${w.rd.p.toFixed(2)}/${w.rd.r.toFixed(2)}`,
    );
  }
  console.log('');
}
