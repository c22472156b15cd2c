import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../storage/index.ts';
import { articleInput, captureInput, NOW, pageUpsert, storeWithPage, tempDir } from './store-fixtures.ts';

describe('article versions', () => {
  it('writes a new version only when the text hash changes', async () => {
    const { store, page } = await storeWithPage();
    const c1 = await store.recordCapture(captureInput(page.id));
    const c2 = await store.recordCapture(captureInput(page.id, { capturedAt: NOW + 1 }));
    const c3 = await store.recordCapture(captureInput(page.id, { capturedAt: NOW + 2 }));

    const first = await store.recordArticle(articleInput(page.id, c1.id));
    expect(first.created).toBe(true);
    expect(first.article).toEqual({ ...articleInput(page.id, c1.id), id: first.article.id, createdAt: NOW });

    // Same text from a newer extractor is not an edit.
    const same = await store.recordArticle(
      articleInput(page.id, c2.id, { extractorVersion: 'cdt@2', markdown: '正文 ' }),
    );
    expect(same).toEqual({ article: first.article, created: false });
    expect(await store.counts()).toMatchObject({ articles: 1 });

    const edited = await store.recordArticle(
      articleInput(page.id, c3.id, { text: '改过的正文', textHash: 'b'.repeat(64) }),
    );
    expect(edited.created).toBe(true);
    expect(edited.article.id).toBeGreaterThan(first.article.id);
    expect(await store.latestArticle(page.id)).toEqual(edited.article);
    expect((await store.listArticles(page.id)).map((a) => a.textHash)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(await store.listArticles()).toHaveLength(2);
    expect(await store.latestArticle(page.id + 1)).toBeNull();
    await store.close();
  });

  it('compares with the latest version only, so a revert is a new version', async () => {
    const { store, page } = await storeWithPage();
    const c = await store.recordCapture(captureInput(page.id));
    await store.recordArticle(articleInput(page.id, c.id));
    await store.recordArticle(articleInput(page.id, c.id, { textHash: 'b'.repeat(64) }));
    const reverted = await store.recordArticle(articleInput(page.id, c.id));
    expect(reverted.created).toBe(true);
    expect(await store.listArticles(page.id)).toHaveLength(3);
    await store.close();
  });

  it('round-trips the structured fields', async () => {
    const { store, page } = await storeWithPage();
    const c = await store.recordCapture(captureInput(page.id));
    const input = articleInput(page.id, c.id, {
      collection: { name: '404文库', url: null },
      card: {
        title: '原标题',
        author: null,
        publishedText: '2022.12.24',
        publishedAt: '2022-12-24T00:00:00+08:00',
        sourceName: '微信公众号',
        sourceUrl: 'https://mp.weixin.qq.com/s/x',
        topics: [{ name: '疫情', url: null }],
        collection: null,
        copyright: '版权归原作者所有',
      },
      images: ['https://example.org/1.jpg', 'https://example.org/2.jpg'],
      embeds: ['https://www.youtube.com/embed/x'],
    });
    const { article } = await store.recordArticle(input);
    expect(await store.latestArticle(page.id)).toEqual({ ...input, id: article.id, createdAt: NOW });
    await store.close();
  });

  it('stores a missing card and collection as SQL NULL and the lists as JSON', async () => {
    const temp = tempDir();
    const store = await openSqliteStore({ dataDir: temp.path }, () => NOW);
    try {
      const page = await store.upsertPage(pageUpsert());
      const capture = await store.recordCapture(captureInput(page.id));
      const written = await store.recordArticle(articleInput(page.id, capture.id, { card: null, collection: null, tags: ['健康码'] }));
      expect(await store.latestArticle(page.id)).toEqual(written.article);
    } finally {
      await store.close();
    }
    const db = new Database(join(temp.path, 'memhole.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT card IS NULL AS noCard, collection IS NULL AS noCollection, tags FROM articles').get()).toEqual({ noCard: 1, noCollection: 1, tags: '["健康码"]' });
    } finally {
      db.close();
      temp.remove();
    }
  });
});
