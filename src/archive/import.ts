/**
 * `memhole import`: mirror files as `import` captures. Reads the CDT mirror format (`<!--epoch ms-->`,
 * `[title](url)`, `------`, then the post body; the timestamp becomes the capture time) and, through the
 * `mirrors` adapter when it is registered, the markdown copies of GitHub mirrors that name their original.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtractedArticle, SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterById, adapterForUrl } from '../../crawlers/index.ts';
import type { Store } from '../../storage/types.ts';
import { recordCopy, recordExtraction, resolvePage } from './record.ts';
import { escapeHtml } from '../../crawlers/common/text.ts';

const CDT_MIRROR = /^<!--(\d{10,13})-->\s*\n\[([^\n]*)\]\((https?:\/\/[^\s)]+)\)\s*\n-{3,}\s*\n([\s\S]*)$/;
/** Files worth reading in a mirror checkout. */
const MIRROR_FILE = /\.(txt|md|markdown|html?)$/i;

/** A CDT mirror file split into its parts. */
export interface CdtMirrorFile {
  capturedAt: number;
  title: string;
  url: string;
  body: string;
}

/** Parse the CDT mirror format, or null when the text is not in it. */
export function parseCdtMirror(text: string): CdtMirrorFile | null {
  const match = CDT_MIRROR.exec(text.replace(/^\uFEFF/, ''));
  if (!match) return null;
  const [, stamp, title, url, body] = match as unknown as [string, string, string, string, string];
  // Ten digits are seconds, thirteen milliseconds.
  const capturedAt = stamp.length <= 10 ? Number(stamp) * 1000 : Number(stamp);
  return { capturedAt, title: title.trim(), url, body };
}

/** The post body with the title and body container a page of the site has, for the site's adapter. */
export function cdtMirrorPage(file: CdtMirrorFile): string {
  const title = escapeHtml(file.title);
  return `<html><head><title>${title}</title></head><body><h1 class="entry-title">${title}</h1><div class="post-content">${file.body}</div></body></html>`;
}

export interface ImportedFile {
  file: string;
  format: 'cdt-mirror' | 'markdown-mirror' | 'skipped';
  /** The page's canonical key, when imported. */
  key: string | null;
  articleCreated: boolean;
  /** Why a file was skipped. */
  reason: string | null;
}

export interface ImportSummary {
  files: ImportedFile[];
  imported: number;
  articlesNew: number;
  skipped: number;
}

/** Import one file, or every mirror file under a folder. A file that cannot be read is skipped, not fatal. */
export async function importMirrors(store: Store, target: string, options: { sourceId?: string; clock: () => number }): Promise<ImportSummary> {
  const files = await listFiles(resolve(target));
  const results: ImportedFile[] = [];
  for (const file of files) results.push(await importFile(store, file, options));
  return {
    files: results,
    imported: results.filter((r) => r.format !== 'skipped').length,
    articlesNew: results.filter((r) => r.articleCreated).length,
    skipped: results.filter((r) => r.format === 'skipped').length,
  };
}

async function listFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && MIRROR_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath ?? target, entry.name))
    .sort();
}

async function importFile(store: Store, file: string, options: { sourceId?: string; clock: () => number }): Promise<ImportedFile> {
  const skipped = (reason: string): ImportedFile => ({ file, format: 'skipped', key: null, articleCreated: false, reason });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return skipped(`cannot read: ${(error as Error).message}`);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const cdt = parseCdtMirror(text);
  if (cdt) {
    const adapter = adapterForUrl(cdt.url) ?? adapterById('cdt');
    if (!adapter) return skipped('no adapter for the CDT mirror format');
    const article = adapter.extract({ url: cdt.url, contentType: 'text/html; charset=utf-8', text: cdtMirrorPage(cdt) });
    return record(store, adapter, file, bytes, 'cdt-mirror', cdt.url, cdt.capturedAt, article, options.sourceId);
  }
  const mirrors = adapterById('mirrors');
  if (!mirrors) return skipped('not in the CDT mirror format, and no mirrors adapter is registered');
  const fileUrl = pathToFileURL(file).href;
  const article = mirrors.extract({ url: fileUrl, contentType: 'text/markdown; charset=utf-8', text });
  if (!article?.declaredUrl) return skipped('no article with an original URL (原文链接 / 原文地址) in this file');
  const capturedAt = (await stat(file)).mtimeMs;
  return record(store, mirrors, file, bytes, 'markdown-mirror', article.declaredUrl, Math.round(capturedAt), article, options.sourceId);
}

async function record(
  store: Store,
  adapter: SourceAdapter,
  file: string,
  bytes: Buffer,
  format: ImportedFile['format'],
  url: string,
  capturedAt: number,
  article: ExtractedArticle | null,
  sourceId: string | undefined,
): Promise<ImportedFile> {
  // The page belongs to the original's source when its adapter is known (a mirror of Epoch Times is Epoch Times).
  const owner = adapterForUrl(url) ?? adapter;
  const page = await resolvePage(store, adapter, sourceId ?? owner.id, 'article', url, capturedAt, article);
  const capture = await recordCopy(store, {
    pageId: page.id,
    how: 'import',
    requestedUrl: pathToFileURL(file).href,
    finalUrl: url,
    status: null,
    body: new Uint8Array(bytes),
    contentType: format === 'cdt-mirror' ? 'text/x-cdt-mirror; charset=utf-8' : 'text/markdown; charset=utf-8',
    charset: 'utf-8',
    capturedAt,
  });
  const outcome = article ? await recordExtraction(store, adapter, page, capture, article) : null;
  return { file, format, key: page.canonicalKey, articleCreated: outcome?.articleCreated ?? false, reason: article ? null : 'no article extracted' };
}
