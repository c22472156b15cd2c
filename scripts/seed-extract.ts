/**
 * Runs the CDT adapter's extraction over the two real CDT articles in ../shared/seeds (000 and 001, stored
 * as a CDT mirror keeps them: `<!--epoch ms-->`, `[title](url)`, `------`, then the post body) and prints
 * the archive-card fields and the full comment thread. Needs ../shared beside the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdtAdapter } from '../crawlers/cdt/index.ts';
import type { ExtractedComment } from '../crawlers/adapter.ts';
import { toShanghaiIso } from '../crawlers/common/dates.ts';
import { cdtMirrorPage, parseCdtMirror } from '../src/archive/import.ts';

const seedsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'seeds');
if (!existsSync(seedsDir)) {
  console.error(`seeds not found at ${seedsDir}: this script reads ../shared/seeds beside the project checkout.`);
  process.exit(2);
}


for (const prefix of ['000_', '001_']) {
  const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}* in ${seedsDir}`);
  const mirror = parseCdtMirror(readFileSync(join(seedsDir, file), 'utf8'));
  if (!mirror) throw new Error(`${file} is not in the CDT mirror format (<!--ms-->, [title](url), ------, body)`);
  const { url } = mirror;
  // The mirror keeps the post body only; import gives it the title and body container a CDT page has.
  const html = cdtMirrorPage(mirror);
  const article = cdtAdapter.extract({ url, contentType: 'text/html; charset=utf-8', text: html });
  console.log(`== ${file}`);
  console.log(`url            ${url}  (key ${cdtAdapter.canonicalKey(url, article)})`);
  console.log(`captured       ${toShanghaiIso(mirror.capturedAt)}`);
  if (!article) {
    console.log('no article extracted');
    continue;
  }
  console.log(`title          ${article.title}`);
  console.log(`column         ${article.column ?? '(none)'}`);
  console.log(`headline       ${article.headline}`);
  const card = article.card;
  console.log('CDT 档案卡:');
  if (card) {
    console.log(`  标题         ${card.title}`);
    console.log(`  作者         ${card.author}`);
    console.log(`  发表日期     ${card.publishedText} (${card.publishedAt})`);
    console.log(`  来源         ${card.sourceName} <${card.sourceUrl}>`);
    console.log(`  主题归类     ${card.topics.map((t) => `${t.name} <${t.url}>`).join(', ')}`);
    console.log(`  CDS收藏      ${card.collection ? `${card.collection.name} <${card.collection.url}>` : null}`);
    console.log(`  版权说明     ${card.copyright}`);
  } else {
    console.log('  (no card)');
  }
  console.log(`body           ${article.text.length} characters, ${article.images.length} images, ${article.embeds.length} embeds`);
  if (article.comments) {
    const count = (list: ExtractedComment[]): number => list.reduce((n, c) => n + 1 + count(c.replies), 0);
    console.log(`comments       ${count(article.comments.comments)} (${article.comments.comments.length} threads) — ${article.comments.intro}`);
    const print = (comment: ExtractedComment, depth: number): void => {
      console.log(`${'  '.repeat(depth + 1)}${depth ? '↳ ' : '- '}${comment.author}：${comment.text}`);
      comment.replies.forEach((reply) => print(reply, depth + 1));
    };
    article.comments.comments.forEach((comment) => print(comment, 0));
  } else {
    console.log('comments       (none)');
  }
  console.log('');
}
