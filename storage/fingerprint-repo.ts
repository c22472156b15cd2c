/**
 * Queries on text fingerprints: each article version's MinHash signature and its LSH band keys
 * (text-fingerprint.ts), written in the transaction that writes the version (article-repo.ts), and the
 * lookup of near-identical texts on other pages, which reads only the articles sharing a band key.
 */
import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { preparedPerConnection, type Db } from './connection.ts';
import { articleFingerprintBands, articleFingerprints, articles } from './schema.ts';
import { bandKeys, fingerprintText, MIN_SHINGLES, signatureBytes, signatureFromBytes, signatureSimilarity, type TextFingerprint } from './text-fingerprint.ts';
import type { SimilarText } from './types.ts';

/** Article versions fingerprinted per read when filling in an archive written before fingerprints. */
const FILL_BATCH = 500;

const statements = preparedPerConnection((db) => ({
  insertFingerprint: db
    .insert(articleFingerprints)
    .values({
      articleId: sql.placeholder('articleId'),
      pageId: sql.placeholder('pageId'),
      shingles: sql.placeholder('shingles'),
      signature: sql.placeholder('signature'),
    })
    .onConflictDoNothing()
    .prepare(),
  insertBand: db
    .insert(articleFingerprintBands)
    .values({ bandKey: sql.placeholder('bandKey'), articleId: sql.placeholder('articleId') })
    .onConflictDoNothing()
    .prepare(),
}));

/**
 * Store one article version's fingerprint with its band keys: the one made with the article's fields (perhaps
 * in a worker thread, off the write path), else one made here from its text.
 */
export function insertFingerprint(db: Db, article: { id: number; pageId: number; text: string }, made?: TextFingerprint | null): void {
  const fingerprint = made !== undefined ? made : fingerprintText(article.text);
  const prepared = statements(db);
  prepared.insertFingerprint.run({
    articleId: article.id,
    pageId: article.pageId,
    shingles: fingerprint?.shingles ?? 0,
    signature: fingerprint ? signatureBytes(fingerprint.signature) : Buffer.alloc(0),
  });
  if (!fingerprint || fingerprint.shingles < MIN_SHINGLES) return;
  for (const bandKey of bandKeys(fingerprint.signature)) prepared.insertBand.run({ bandKey, articleId: article.id });
}

/**
 * Versions of other pages whose text is nearly the same as this version's: the best version per page, most
 * similar first. Empty when the version has no fingerprint or too short a text.
 */
export function selectSimilarTexts(db: Db, articleId: number, minSimilarity: number): SimilarText[] {
  const own = db.select().from(articleFingerprints).where(eq(articleFingerprints.articleId, articleId)).get();
  if (!own || own.shingles < MIN_SHINGLES) return [];
  const signature = signatureFromBytes(own.signature);
  const candidates = db
    .selectDistinct({ articleId: articleFingerprints.articleId, pageId: articleFingerprints.pageId, signature: articleFingerprints.signature })
    .from(articleFingerprintBands)
    .innerJoin(articleFingerprints, eq(articleFingerprints.articleId, articleFingerprintBands.articleId))
    .where(and(inArray(articleFingerprintBands.bandKey, bandKeys(signature)), ne(articleFingerprints.pageId, own.pageId)))
    .all();
  const bestPerPage = new Map<number, SimilarText>();
  for (const candidate of candidates) {
    const similarity = signatureSimilarity(signature, signatureFromBytes(candidate.signature));
    if (similarity < minSimilarity) continue;
    const best = bestPerPage.get(candidate.pageId);
    // On a tie the newer version names the page's copy.
    if (!best || similarity > best.similarity || (similarity === best.similarity && candidate.articleId > best.articleId)) {
      bestPerPage.set(candidate.pageId, { articleId: candidate.articleId, pageId: candidate.pageId, similarity });
    }
  }
  return [...bestPerPage.values()].sort((a, b) => b.similarity - a.similarity || a.pageId - b.pageId);
}

/** Fingerprint every article version that has none yet (an archive written before fingerprints); returns how many. */
export function fillMissingFingerprints(db: Db): number {
  let written = 0;
  let after = 0;
  for (;;) {
    const batch = db
      .select({ id: articles.id, pageId: articles.pageId, text: articles.text })
      .from(articles)
      .leftJoin(articleFingerprints, eq(articleFingerprints.articleId, articles.id))
      .where(and(isNull(articleFingerprints.articleId), gt(articles.id, after)))
      .orderBy(articles.id)
      .limit(FILL_BATCH)
      .all();
    for (const article of batch) insertFingerprint(db, article);
    written += batch.length;
    if (batch.length < FILL_BATCH) return written;
    after = batch.at(-1)!.id;
  }
}
