import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore, type Store } from '../../storage/index.ts';
import { fingerprintText, signatureSimilarity } from '../../storage/text-fingerprint.ts';
import { MIRROR_TEXT, ORIGINAL_TEXT, UNRELATED_TEXT } from '../helpers/written-texts.ts';
import { articleInput, captureInput, NOW, pageUpsert } from './store-fixtures.ts';

async function addVersion(store: Store, key: string, sourceId: string, text: string): Promise<{ pageId: number; articleId: number }> {
  const page = await store.upsertPage(pageUpsert({ canonicalKey: key, sourceId, url: `https://${sourceId}.example/${key}` }));
  const capture = await store.recordCapture(captureInput(page.id));
  const { article } = await store.recordArticle(articleInput(page.id, capture.id, { text, textHash: key.padEnd(64, '0') }));
  return { pageId: page.id, articleId: article.id };
}

describe('text fingerprints', () => {
  it('estimate a near-identical copy as similar and an unrelated text as not', () => {
    const original = fingerprintText(ORIGINAL_TEXT)!;
    const mirror = fingerprintText(MIRROR_TEXT)!;
    const unrelated = fingerprintText(UNRELATED_TEXT)!;
    expect(signatureSimilarity(original.signature, original.signature)).toBe(1);
    expect(signatureSimilarity(original.signature, mirror.signature)).toBeGreaterThan(0.6);
    expect(signatureSimilarity(original.signature, unrelated.signature)).toBeLessThan(0.1);
    // Spacing and punctuation width are not part of the text's identity.
    const reformatted = fingerprintText(ORIGINAL_TEXT.replace(/，/g, ', ').replace(/\n\n/g, '\n'))!;
    expect(signatureSimilarity(original.signature, reformatted.signature)).toBe(1);
    expect(fingerprintText(' 。，！ ')).toBeNull();
  });

  it('find the copies of a text on other pages, across sources, and nothing unrelated', async () => {
    const store = await openSqliteStore({ memory: true }, () => NOW);
    const original = await addVersion(store, 'cdt:1', 'cdt', ORIGINAL_TEXT);
    const mirror = await addVersion(store, 'url:mirror/1', 'mirror', MIRROR_TEXT);
    const unrelated = await addVersion(store, 'cdt:2', 'cdt', UNRELATED_TEXT);
    const short = await addVersion(store, 'cdt:3', 'cdt', '该内容已被删除');

    const copies = await store.similarTexts(original.articleId);
    expect(copies.map((c) => c.pageId)).toEqual([mirror.pageId]);
    expect(copies[0]!.articleId).toBe(mirror.articleId);
    expect(copies[0]!.similarity).toBeGreaterThan(0.6);
    expect((await store.similarTexts(mirror.articleId)).map((c) => c.pageId)).toEqual([original.pageId]);
    expect(await store.similarTexts(unrelated.articleId)).toEqual([]);
    // Too short to say anything about copies, even of itself elsewhere.
    await addVersion(store, 'cdt:4', 'cdt', '该内容已被删除');
    expect(await store.similarTexts(short.articleId)).toEqual([]);
    await store.close();
  });

  it('never names the page itself, only the best version of each other page', async () => {
    const store = await openSqliteStore({ memory: true }, () => NOW);
    const original = await addVersion(store, 'cdt:1', 'cdt', ORIGINAL_TEXT);
    // A second version of the same page is not a copy.
    const capture = await store.recordCapture(captureInput(original.pageId));
    await store.recordArticle(articleInput(original.pageId, capture.id, { text: `${ORIGINAL_TEXT}\n\n编者按：补充一句。`, textHash: 'c'.repeat(64) }));
    const mirror = await addVersion(store, 'url:mirror/1', 'mirror', MIRROR_TEXT);
    const mirrorCapture = await store.recordCapture(captureInput(mirror.pageId));
    const exact = await store.recordArticle(articleInput(mirror.pageId, mirrorCapture.id, { text: ORIGINAL_TEXT, textHash: 'd'.repeat(64) }));
    expect(await store.similarTexts(original.articleId)).toEqual([{ articleId: exact.article.id, pageId: mirror.pageId, similarity: 1 }]);
    expect(await store.similarTexts(original.articleId, { minSimilarity: 1.01 })).toEqual([]);
    await store.close();
  });

  it('fills in the fingerprints of an archive written before they were kept, looked up by band', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'memhole-fingerprints-'));
    let store = await openSqliteStore({ dataDir }, () => NOW);
    const original = await addVersion(store, 'cdt:1', 'cdt', ORIGINAL_TEXT);
    const mirror = await addVersion(store, 'url:mirror/1', 'mirror', MIRROR_TEXT);
    await store.close();
    const sqlite = new Database(join(dataDir, DATABASE_FILE));
    sqlite.exec('DELETE FROM article_fingerprint_bands; DELETE FROM article_fingerprints;');
    // The lookup reads the band keys through the primary key's index, not the whole table.
    const plan = sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT article_id FROM article_fingerprint_bands WHERE band_key IN (1, 2, 3)')
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH article_fingerprint_bands USING (COVERING )?INDEX sqlite_autoindex_article_fingerprint_bands_1 \(band_key=\?\)/);
    sqlite.close();

    store = await openSqliteStore({ dataDir }, () => NOW);
    expect(await store.similarTexts(original.articleId)).toEqual([]);
    expect(await store.fillMissingFingerprints()).toBe(2);
    expect(await store.fillMissingFingerprints()).toBe(0);
    expect((await store.similarTexts(original.articleId)).map((c) => c.pageId)).toEqual([mirror.pageId]);
    await store.close();
  });
});
