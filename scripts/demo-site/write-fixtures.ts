/**
 * Writes the input pages of the CDT adapter's golden fixtures (test/fixtures/cdt/<case>/page.html and
 * case.json) from the demo site rendered with the real host. Run `npx tsx scripts/demo-site/write-fixtures.ts`;
 * it never touches the expected outputs next to them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoSite } from './site.ts';

/** The host the fixtures claim to come from. */
export const FIXTURE_ORIGIN = 'https://chinadigitaltimes.net';

/** One golden-fixture case: which page of the site it holds and what it tests. */
export interface FixtureCase {
  name: string;
  /** Path on the site, such as /chinese/700107.html. */
  path: string;
  role: 'article' | 'listing' | 'feed';
  about: string;
}

/** The cases, in the order they are written. */
export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    name: 'full-card',
    path: '/chinese/700107.html',
    role: 'article',
    about: '网络民议 post with every card field (weibo source, three topics, CDS collection), plain and /cdn-cgi/image/ images, comments with replies',
  },
  {
    name: 'card-missing-fields',
    path: '/chinese/700106.html',
    role: 'article',
    about: '404文库 post whose card has only 标题, 来源 and 版权说明; the body quotes a WeChat removal notice',
  },
  {
    name: 'nested-replies',
    path: '/chinese/700105.html',
    role: 'article',
    about: 'thread with several multi-reply comments, a continuation line without colon, ASCII colons, spaces around the colon, leading @, a colon inside the text; card with a relative topic href and a source href with a leading space',
  },
  {
    name: 'no-comments',
    path: '/chinese/700104.html',
    role: 'article',
    about: '媒体名｜ title prefix, lead image before the card, h2 subheadings and a table, no comment thread',
  },
  {
    name: 'embed',
    path: '/chinese/700108.html',
    role: 'article',
    about: 'CDTV post with a YouTube iframe embed and a /cdn-cgi/image/ image; card without topics or collection',
  },
  {
    name: 'no-card',
    path: '/chinese/700102.html',
    role: 'article',
    about: '真理部指令 post without archive card whose quoted directive is a blockquote that is not a comment thread',
  },
  {
    name: 'old-intro',
    path: '/chinese/2020/03/clinic-doctor-warning-post-deleted/',
    role: 'article',
    about: '2020 post at a slug URL declaring shortlink /chinese/?p=700101, no card, thread with the older 以下为中国数字时代编辑摘自网友评论： intro',
  },
  {
    name: 'listing',
    path: '/chinese/category/%E9%9A%90%E7%A7%81%E4%B8%8E%E7%9B%91%E6%8E%A7/',
    role: 'listing',
    about: 'category page 1 of 2 (隐私与监控): five excerpts with title links, pagination to /page/2/, nav menu and sidebar links',
  },
  {
    name: 'listing-dead-link',
    path: '/chinese/page/2/',
    role: 'listing',
    about: 'home page 2 of 3 with prev/next pagination; one excerpt links the deleted post /chinese/799999.html',
  },
  {
    name: 'rss-feed',
    path: '/chinese/category/404%E6%96%87%E5%BA%93/feed',
    role: 'feed',
    about: 'category RSS 2.0 feed (404文库) with 3 items carrying dc:creator, RFC 822 pubDate, categories and content:encoded',
  },
  {
    name: 'gbk',
    path: '/chinese/700103.html',
    role: 'article',
    about: '404文库 post stored as GBK bytes with <meta http-equiv> charset=gbk; full card with WeChat source',
  },
  {
    name: 'not-found',
    path: '/chinese/799999.html',
    role: 'article',
    about: 'the WordPress 404 page (served with HTTP 404) that a deleted post answers; holds no article',
  },
];

/** Writes every case under `dir` (default test/fixtures/cdt of this repository). */
export function writeFixtures(dir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/cdt')): string[] {
  const site = buildDemoSite(FIXTURE_ORIGIN);
  return FIXTURE_CASES.map((fixture) => {
    const response = site.respond(fixture.path);
    const caseDir = join(dir, fixture.name);
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, 'page.html'), response.body);
    const meta = {
      url: `${FIXTURE_ORIGIN}${fixture.path}`,
      contentType: response.headers['content-type'] ?? null,
      role: fixture.role,
      about: fixture.about,
    };
    writeFileSync(join(caseDir, 'case.json'), `${JSON.stringify(meta, null, 2)}\n`);
    return caseDir;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const dir of writeFixtures()) console.log(dir);
}
