/**
 * Classifies one re-check fetch as an outcome of DESIGN.md's "Re-check semantics", with the evidence that
 * decided it. Removal outcomes come only from a 404/410/451, a verified removal notice in the place the
 * platform shows it, a redirect to another page, or a soft 404 confirmed by a sibling probe; network failures,
 * walls and broken extraction never count as removal. The state machine is transition.ts.
 */
import type { ExtractedArticle, SourceAdapter } from '../../crawlers/adapter.ts';
import { sha256Hex as sha256, type ArticleVersionRef, type CaptureRow, type CheckOutcome, type PageRow } from '../../storage/index.ts';
import { urlKey } from '../archive/identity.ts';
import type { FetchResult } from '../fetch/types.ts';
import { inlineExtractor, type Extractor } from '../extract/extractor.ts';
import type { ArticleFields, ThreadFields } from '../extract/page-analysis.ts';
import { isRemovalDecisive, matchNotice, type NoticeMatch } from './notices.ts';
import { textSimilarity } from './similarity.ts';
import type { SiblingProbe } from './sibling-probe.ts';

/** Outcomes that are evidence of removal; a second one after the confirmation gap makes a page removed. */
export const REMOVAL_OUTCOMES: ReadonlySet<CheckOutcome> = new Set([
  'not_found',
  'gone',
  'unavailable_legal',
  'soft_deleted',
  'redirected_away',
]);
/** Outcomes that show the content is there. */
export const CONTENT_OUTCOMES: ReadonlySet<CheckOutcome> = new Set(['unchanged', 'changed']);

/** A page this alike to what the host answers for a URL that cannot exist is an error page. */
export const SOFT_404_SIMILARITY = 0.9;
/** Below this likeness to the last good version, a changed page is a suspect for a soft 404. */
const UNLIKE_LAST_GOOD = 0.35;

export interface ClassifyInput {
  page: PageRow;
  /** The page's known URLs, so a redirect to one of them is not "away"; read only after a redirect. */
  pageUrls: () => Promise<string[]>;
  /** Null for pages no adapter extracts (an origin on a platform without an adapter). */
  adapter: SourceAdapter | null;
  result: FetchResult;
  /** The last capture that showed the page's content, to skip extraction when the bytes are the same. */
  lastGoodCapture: CaptureRow | null;
  /** The page's latest article version, the "last good" one. */
  lastGood: ArticleVersionRef | null;
  /** Its text, loaded only when a changed page must be compared with it. */
  lastGoodText: () => Promise<string | null>;
  /** Fetches (once per host, cached) what the host answers for a sibling URL that cannot exist. */
  probeSibling: (url: string) => Promise<SiblingProbe | null>;
  /** Where the page is parsed and extracted (a worker thread when the run has them); inline by default. */
  extractor?: Extractor;
}

export interface Classification {
  outcome: CheckOutcome;
  notice: NoticeMatch | null;
  /** The article extracted from this fetch, when extraction ran and found one, with the rows made of it. */
  found: FoundArticle | null;
  detail: Record<string, unknown>;
}

/** An extracted article, its text hash, and the version and thread rows made from it. */
export interface FoundArticle {
  extracted: ExtractedArticle;
  textHash: string;
  /** Null when the text is the last version's: no new version is made. */
  article: ArticleFields | null;
  thread: ThreadFields | null;
}

export async function classify(input: ClassifyInput): Promise<Classification> {
  const { result } = input;
  const verdict = (outcome: CheckOutcome, detail: Record<string, unknown> = {}, extras: Partial<Classification> = {}): Classification => ({
    outcome,
    notice: null,
    found: null,
    detail,
    ...extras,
  });

  if (result.failure) {
    const kind = result.failure.kind;
    const detail = { failure: kind, message: result.failure.message };
    if (['dns', 'refused', 'reset', 'tls'].includes(kind)) return verdict('blocked', detail);
    if (kind === 'timeout' || kind === 'truncated') return verdict('unreachable', detail);
    return verdict('error', detail);
  }
  const status = result.status ?? 0;
  if (status === 304) return verdict('unchanged', { notModified: true });
  if (status === 404) return verdict('not_found', { status });
  if (status === 410) return verdict('gone', { status });
  if (status === 451) return verdict('unavailable_legal', { status });
  if (status === 401 || status === 403) return verdict('forbidden', { status });
  if (status === 429) return verdict('rate_limited', { status });
  if (status >= 500) return verdict('unreachable', { status });
  if (status < 200 || status >= 300) return verdict('error', { status, reason: 'unexpected status' });

  // The same bytes as the last capture that showed the content, at the same URL: nothing to parse or extract.
  const good = input.lastGoodCapture;
  const sameBytes = good?.bodyHash != null && good.status === 200 && sameBody(good, result);
  if (sameBytes && input.lastGood && result.finalUrl === good.finalUrl) return verdict('unchanged', { sameBody: true });

  // The fetcher skips decoding only a body it was told is this capture's (same bytes, type and final URL), which
  // the early return above has taken; a body it did not decode here is not text.
  const html = result.text ?? '';
  // One pass, perhaps in a worker: the evidence every 200 page needs, and the extraction an article page needs
  // unless a notice or a redirect decides first (rare enough that extracting anyway costs little).
  const extracting = input.adapter && input.page.kind === 'article' ? input.adapter : null;
  const analysis = await (input.extractor ?? inlineExtractor).analyze(
    extracting,
    { url: input.page.url, finalUrl: result.finalUrl, contentType: result.contentType, text: html },
    { evidence: true, knownTextHash: input.lastGood?.textHash ?? null },
  );
  const evidence = analysis.evidence!;
  const notice = matchNotice(evidence, input.adapter?.notices ?? []);
  const noticeDetail = notice ? { notice: notice.rule.text, noticeWhere: notice.where, platform: notice.rule.platform } : {};
  if (notice?.rule.kind === 'captcha') return verdict('rate_limited', { ...noticeDetail, reason: 'verification wall' }, { notice });

  const away = await redirectedAway(input);
  if (away) return verdict('redirected_away', { finalUrl: result.finalUrl, ...away }, { notice });

  if (notice && isRemovalDecisive(notice)) return verdict('soft_deleted', noticeDetail, { notice });
  if (notice?.rule.kind === 'visibility') return verdict('forbidden', { ...noticeDetail, reason: 'hidden by a visibility setting' }, { notice });
  // An unverified notice is kept as evidence but decides nothing alone: the soft-404 probe must agree.
  const unverified = notice ? { unverifiedNotice: notice.rule.text, platform: notice.rule.platform } : {};


  if (!input.adapter || input.page.kind !== 'article') {
    if (sameBytes) return verdict('unchanged', { sameBody: true });
    const soft = await softNotFound(input, evidence.visibleText);
    if (soft) return verdict('soft_deleted', { ...unverified, ...soft }, { notice });
    return verdict('changed', { ...unverified, reason: 'body differs; no extraction for this page' }, { notice });
  }

  const { extracted, textHash: hash } = analysis;
  if (!extracted || hash === null) {
    const soft = await softNotFound(input, evidence.visibleText);
    if (soft) return verdict('soft_deleted', { ...unverified, ...soft }, { notice });
    return verdict('extraction_failed', { ...unverified, reason: 'the adapter found no article in a 200 page' }, { notice });
  }
  const found: FoundArticle = { extracted, textHash: hash, article: analysis.article, thread: analysis.thread };
  if (input.lastGood && hash === input.lastGood.textHash) return verdict('unchanged', { textHash: hash }, { found });
  if (input.lastGood) {
    const likeness = textSimilarity(extracted.text, (await input.lastGoodText()) ?? '');
    if (likeness < UNLIKE_LAST_GOOD) {
      const soft = await softNotFound(input, evidence.visibleText);
      if (soft) return verdict('soft_deleted', { ...unverified, ...soft, likenessToLastGood: round(likeness) }, { notice });
    }
    return verdict('changed', { ...unverified, textHash: hash, likenessToLastGood: round(likeness) }, { found, notice });
  }
  return verdict('changed', { ...unverified, textHash: hash, firstVersion: true }, { found, notice });
}

function sameBody(last: CaptureRow, result: FetchResult): boolean {
  return last.bodySize === result.body.byteLength && last.bodyHash === sha256(result.body);
}

/** A redirect that ends on another page: the home page, or a URL whose identity is not this page's. */
async function redirectedAway(input: ClassifyInput): Promise<Record<string, unknown> | null> {
  const { result, page } = input;
  if (!result.redirects.length) return null;
  const final = result.finalUrl;
  if ((await input.pageUrls()).includes(final)) return null;
  const path = new URL(final).pathname;
  if (path === '/' || path === '') return { reason: 'redirected to the home page' };
  const finalKey = input.adapter?.canonicalKey(final) ?? null;
  if (finalKey === page.canonicalKey) return null;
  if (finalKey && finalKey !== page.canonicalKey) return { reason: 'redirected to another page', finalKey };
  if (urlKey(final) === page.canonicalKey) return null;
  if (input.adapter && page.kind === 'article') {
    const extracted = input.adapter.extract({ url: final, finalUrl: final, contentType: result.contentType, text: result.text ?? '' });
    const extractedKey = extracted ? input.adapter.canonicalKey(final, extracted) : null;
    if (extractedKey === page.canonicalKey) return null;
    return { reason: 'redirected to another page', finalKey: extractedKey ?? urlKey(final) };
  }
  return { reason: 'redirected to another URL', finalKey: urlKey(final) };
}

/** Soft-404 evidence: the page reads like what the host answers for a URL that cannot exist. */
async function softNotFound(input: ClassifyInput, visibleText: string): Promise<Record<string, unknown> | null> {
  const probe = await input.probeSibling(input.result.finalUrl);
  if (!probe) return null;
  // A host that answers 404 to nonsense URLs does not serve soft 404s: this 200 page is real.
  if (probe.status !== 200) return null;
  const likeness = textSimilarity(visibleText, probe.visibleText);
  if (likeness < SOFT_404_SIMILARITY) return null;
  return { reason: 'soft 404: the page matches what the host answers for a URL that cannot exist', siblingUrl: probe.url, siblingStatus: probe.status, likenessToSibling: round(likeness) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
