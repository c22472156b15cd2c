/**
 * The golden-fixture suite's engine: reads `test/fixtures/<source>/<case>/` (page.html, case.json), runs the
 * adapter as the archive would (bytes decoded by src/fetch, then extract or discover) and renders what
 * expected.json and expected.md must hold. The test compares; scripts/update-fixtures.ts rewrites them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedArticle, PageInput, SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterById } from '../../crawlers/index.ts';
import { textHash } from '../../src/archive/identity.ts';
import { decodeBody } from '../../src/fetch/charset.ts';
import { bodyToMarkdown, threadToMarkdown } from '../../src/markdown/body.ts';
import { renderMarkdownDocument } from '../../src/markdown/document.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');
/** Capture time written into expected.md, so files do not change with the clock. */
const FIXED_CAPTURE_MS = Date.UTC(2026, 0, 2, 3, 4, 5);

export interface GoldenCase {
  source: string;
  name: string;
  dir: string;
  url: string;
  contentType: string;
  role: 'article' | 'listing' | 'feed';
  about: string;
}

export function listCases(): GoldenCase[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((source) =>
      readdirSync(join(FIXTURES_DIR, source.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES_DIR, source.name, entry.name, 'case.json')))
        .map((entry) => {
          const dir = join(FIXTURES_DIR, source.name, entry.name);
          const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<GoldenCase, 'source' | 'name' | 'dir'>;
          return { ...meta, source: source.name, name: entry.name, dir };
        }),
    )
    .sort((a, b) => `${a.source}/${a.name}`.localeCompare(`${b.source}/${b.name}`));
}

export function adapterOf(goldenCase: GoldenCase): SourceAdapter {
  const adapter = adapterById(goldenCase.source);
  if (!adapter) throw new Error(`fixtures folder "${goldenCase.source}" names no adapter`);
  return adapter;
}

/** The page as the archive hands it to the adapter: bytes decoded by the fetcher's charset rules. */
export function loadPage(goldenCase: GoldenCase): PageInput {
  const bytes = readFileSync(join(goldenCase.dir, 'page.html'));
  const decoded = decodeBody(new Uint8Array(bytes), goldenCase.contentType);
  if ('error' in decoded) throw new Error(`${goldenCase.dir}/page.html: ${decoded.error}`);
  return { url: goldenCase.url, contentType: goldenCase.contentType, text: decoded.text };
}

/** What expected.json holds for a case: every field, null when absent. */
export function actualJson(goldenCase: GoldenCase): Record<string, unknown> {
  const adapter = adapterOf(goldenCase);
  const page = loadPage(goldenCase);
  const role = adapter.roleOf(new URL(goldenCase.url), page);
  if (goldenCase.role === 'article') {
    const article = adapter.extract(page);
    return { role, canonicalKey: adapter.canonicalKey(goldenCase.url, article), article };
  }
  const found = adapter.discover(page);
  return {
    role,
    articleUrls: found.articleUrls,
    listingUrls: found.listingUrls,
    feedItems: found.feedItems.map((item) => {
      const article = adapter.extractFeedItem(item);
      return { url: item.url, canonicalKey: adapter.canonicalKey(item.url, article), title: item.title, author: item.author, publishedText: item.publishedText, categories: item.categories, article };
    }),
  };
}

/** What expected.md holds: the markdown file(s) the archive writes for the case. */
export function actualMarkdown(goldenCase: GoldenCase): string {
  const adapter = adapterOf(goldenCase);
  const page = loadPage(goldenCase);
  if (goldenCase.role === 'article') {
    const article = adapter.extract(page);
    return article ? articleMarkdown(adapter, goldenCase.url, article) : '(no article)\n';
  }
  const found = adapter.discover(page);
  if (goldenCase.role === 'feed') {
    return found.feedItems
      .map((item) => {
        const article = adapter.extractFeedItem(item);
        return article ? articleMarkdown(adapter, item.url, article) : `(no article in ${item.url})\n`;
      })
      .join('\n<!-- next feed item -->\n\n');
  }
  const list = (title: string, urls: string[]): string => `## ${title}\n\n${urls.map((url) => `- <${url}>`).join('\n') || '(none)'}\n`;
  return `${list('Articles', found.articleUrls)}\n${list('Listing pages', found.listingUrls)}`;
}

function articleMarkdown(adapter: SourceAdapter, url: string, article: ExtractedArticle): string {
  return renderMarkdownDocument({
    url,
    canonicalKey: adapter.canonicalKey(url, article) ?? url,
    sourceId: adapter.id,
    state: 'alive',
    capturedAt: FIXED_CAPTURE_MS,
    ...article,
    extractorVersion: adapter.extractorVersion,
    textHash: textHash(article),
    bodyMarkdown: bodyToMarkdown(article.bodyHtml),
    threadMarkdown: article.comments ? threadToMarkdown(article.comments) : null,
  });
}
