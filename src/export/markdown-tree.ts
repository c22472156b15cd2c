/**
 * The markdown tree export: one file per article version at `<source>/<yyyy>/<mm>/<key>.v<n>.md`, dated by
 * the article's publication (else its capture), each with front matter, body and the comment thread the
 * archive held at that version.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { ExtractedComment, ExtractedThread } from '../../crawlers/adapter.ts';
import { toShanghaiIso } from '../../crawlers/common/dates.ts';
import type { ArticleRow, CommentRow, PageRow, Store, ThreadRow } from '../../storage/types.ts';
import { threadToMarkdown } from '../markdown/body.ts';
import { renderMarkdownDocument } from '../markdown/document.ts';

export interface MarkdownExportOptions {
  sourceId?: string;
  /** Write the archived images under `<dir>/assets/` and point the markdown at them. */
  withImages?: boolean;
}

export interface MarkdownExportResult {
  files: string[];
  pages: number;
  /** Image files written under assets/. */
  assets: number;
}

export async function exportMarkdownTree(store: Store, outDir: string, options: MarkdownExportOptions = {}): Promise<MarkdownExportResult> {
  const pages = await store.listPages({ kind: 'article', ...(options.sourceId ? { sourceId: options.sourceId } : {}) });
  const files: string[] = [];
  const writtenAssets = new Map<string, string | null>();
  let exportedPages = 0;
  for (const page of pages) {
    const versions = await store.listArticles(page.id);
    if (!versions.length) continue;
    exportedPages++;
    const threads = await store.listThreads(page.id);
    for (const [index, version] of versions.entries()) {
      const capture = await store.getCapture(version.captureId);
      const capturedAt = capture?.capturedAt ?? version.createdAt;
      const thread = threadAt(threads, version.captureId);
      const threadMarkdown = thread ? threadToMarkdown(await threadTree(store, thread)) : null;
      const path = join(outDir, versionPath(page, version, capturedAt, index + 1));
      await mkdir(dirname(path), { recursive: true });
      let markdown = markdownFor(page, version, capturedAt, threadMarkdown);
      if (options.withImages) {
        for (const url of new Set(version.images)) {
          const asset = await writeAsset(store, outDir, url, writtenAssets);
          // The archived copy replaces the live URL, which may be gone when the file is read.
          if (asset) markdown = markdown.split(`](${url})`).join(`](${relative(dirname(path), asset).split(sep).join('/')})`);
        }
      }
      await writeFile(path, markdown);
      files.push(path);
    }
  }
  return { files, pages: exportedPages, assets: [...writtenAssets.values()].filter(Boolean).length };
}

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/svg+xml': 'svg' };

/** Write an archived image once, named by its hash; null when the archive has no copy of it. */
async function writeAsset(store: Store, outDir: string, url: string, written: Map<string, string | null>): Promise<string | null> {
  if (written.has(url)) return written.get(url)!;
  const capture = await store.findAsset(url);
  const bytes = capture?.bodyHash ? await store.readBlob(capture.bodyHash) : null;
  let path: string | null = null;
  if (capture?.bodyHash && bytes) {
    const type = (capture.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    path = join(outDir, 'assets', `${capture.bodyHash}.${IMAGE_EXTENSIONS[type] ?? 'bin'}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
  written.set(url, path);
  return path;
}

/** The whole markdown file of one version. */
export function markdownFor(page: PageRow, version: ArticleRow, capturedAt: number, threadMarkdown: string | null): string {
  return renderMarkdownDocument({
    url: page.url,
    canonicalKey: page.canonicalKey,
    sourceId: page.sourceId,
    state: page.state,
    capturedAt,
    removedAt: page.state === 'removed' ? page.stateSince : null,
    title: version.title,
    column: version.column,
    author: version.author,
    publishedText: version.publishedText,
    publishedAt: version.publishedAt,
    originUrl: version.originUrl,
    originName: version.originName,
    card: version.card,
    tags: version.tags,
    categories: version.categories,
    extractorVersion: version.extractorVersion,
    textHash: version.textHash,
    bodyMarkdown: version.markdown,
    threadMarkdown,
  });
}

/** The relative path of a version's file, with `/` on every platform (reports and exports print it). */
export function versionPath(page: PageRow, version: ArticleRow, capturedAt: number, number: number): string {
  const dated = version.publishedAt ?? toShanghaiIso(capturedAt);
  const [year, month] = dated.slice(0, 7).split('-');
  return posix.join(safeSegment(page.sourceId), year ?? '0000', month ?? '00', `${fileStem(page.canonicalKey)}.v${number}.md`);
}

/** The thread the archive held when a version was captured: the latest first seen at or before it. */
function threadAt(threads: ThreadRow[], captureId: number): ThreadRow | null {
  const before = threads.filter((thread) => thread.firstCaptureId <= captureId);
  return before.at(-1) ?? null;
}

/** Rebuild the reply tree of a stored thread. */
export async function threadTree(store: Store, thread: ThreadRow): Promise<ExtractedThread> {
  const rows: CommentRow[] = await store.listComments(thread.id);
  const byId = new Map<number, ExtractedComment>();
  const roots: ExtractedComment[] = [];
  for (const row of rows) {
    const comment: ExtractedComment = { author: row.author, text: row.text, replies: [] };
    byId.set(row.id, comment);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (parent) parent.replies.push(comment);
    else roots.push(comment);
  }
  return { intro: thread.intro, comments: roots };
}

/** A file name for a canonical key: `cdt:685611` becomes `cdt-685611`; URL keys keep host and path. */
function fileStem(key: string): string {
  const stem = key.replace(/^url:https?:\/\//, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return stem.slice(0, 120) || 'page';
}

function safeSegment(value: string): string {
  return value.replace(/[^a-z0-9_-]/gi, '_') || 'source';
}
