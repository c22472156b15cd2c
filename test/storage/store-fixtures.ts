/**
 * Builders shared by the storage tests: complete inputs with overridable fields, a pinned clock and
 * throwaway data directories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openSqliteStore,
  type ArticleInput,
  type CaptureInput,
  type PageRow,
  type PageUpsert,
  type Store,
  type ThreadInput,
} from '../../storage/index.ts';

/** A fixed instant (2024-06-04T00:00:00Z) so stored times are predictable. */
export const NOW = Date.UTC(2024, 5, 4);

/** A clock pinned to NOW. */
export const pinnedClock = (): number => NOW;

export function pageUpsert(overrides: Partial<PageUpsert> = {}): PageUpsert {
  return {
    canonicalKey: 'cdt:685611',
    sourceId: 'cdt',
    kind: 'article',
    url: 'https://chinadigitaltimes.net/chinese/685611.html',
    seenAt: NOW,
    ...overrides,
  };
}

export function captureInput(pageId: number, overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    pageId,
    how: 'http',
    requestedUrl: 'https://chinadigitaltimes.net/chinese/685611',
    finalUrl: 'https://chinadigitaltimes.net/chinese/685611.html',
    status: 200,
    redirects: [],
    headers: [['content-type', 'text/html; charset=UTF-8']],
    requestHeaders: [['user-agent', 'memhole-test']],
    remoteAddress: '203.0.113.7',
    failureKind: null,
    failureMessage: null,
    truncated: false,
    body: new TextEncoder().encode('<html><body>网络民议</body></html>'),
    contentType: 'text/html',
    contentEncoding: null,
    charset: 'utf-8',
    capturedAt: NOW,
    durationMs: 120,
    ...overrides,
  };
}

export function articleInput(pageId: number, captureId: number, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    pageId,
    captureId,
    extractorVersion: 'cdt@1',
    title: '【网络民议】标题',
    headline: '标题',
    column: '网络民议',
    author: '作者',
    publishedText: '2022.12.24',
    publishedAt: '2022-12-24T00:00:00+08:00',
    originUrl: 'https://weibo.com/1',
    originName: '微博',
    topics: [{ name: '疫情', url: 'https://chinadigitaltimes.net/chinese/tag/疫情' }],
    collection: null,
    copyright: null,
    card: null,
    tags: ['疫情'],
    categories: ['网络民议'],
    images: [],
    embeds: [],
    markdown: '正文',
    text: '正文',
    textHash: 'a'.repeat(64),
    ...overrides,
  };
}

export function threadInput(pageId: number, captureId: number, overrides: Partial<ThreadInput> = {}): ThreadInput {
  return {
    pageId,
    captureId,
    intro: '网友评论：',
    hash: 'c'.repeat(64),
    comments: [
      { author: '甲', text: '第一条', parentIndex: null, postedAt: null },
      { author: '乙', text: '回复甲', parentIndex: 0, postedAt: NOW - 1000 },
      { author: '丙', text: '回复乙', parentIndex: 1, postedAt: null },
      { author: '丁', text: '第二条', parentIndex: null, postedAt: null },
    ],
    ...overrides,
  };
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'memhole-storage-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** An in-memory store with the real migrations, holding one article page. */
export async function storeWithPage(): Promise<{ store: Store; page: PageRow }> {
  const store = await openSqliteStore({ memory: true }, pinnedClock);
  const page = await store.upsertPage(pageUpsert());
  return { store, page };
}
