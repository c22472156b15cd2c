/**
 * Everything CPU-heavy that an archived page needs before it is stored: the adapter's extraction, the article
 * and thread rows record.ts makes of it (markdown and fingerprint included), and for a re-check the page's
 * evidence (the parse notices are matched against). A pure function of the adapter and the
 * page, so it runs the same on the main thread or in a worker (extraction-worker.ts).
 */
import type { ExtractedArticle, PageInput, SourceAdapter } from '../../crawlers/adapter.ts';
import type { ArticleInput, ThreadInput } from '../../storage/types.ts';
import { textHash } from '../archive/identity.ts';
import { articleInput, threadInput } from '../archive/record.ts';
import { pageEvidence, type PageEvidence } from '../recheck/page-evidence.ts';

export type ArticleFields = Omit<ArticleInput, 'pageId' | 'captureId'>;
export type ThreadFields = Omit<ThreadInput, 'pageId' | 'captureId'>;

export interface AnalysisOptions {
  /** Also read the page as a re-check does: title, main message and visible text (page-evidence.ts). */
  evidence?: boolean;
  /**
   * The text hash of the page's latest version, for a re-check: an extraction with the same hash is no new
   * version, so its article fields (markdown, fingerprint, search tokens) are not made.
   */
  knownTextHash?: string | null;
}

export interface PageAnalysis {
  /** Present when asked for. */
  evidence?: PageEvidence;
  extracted: ExtractedArticle | null;
  /** The extraction's text hash (textHash); null when nothing was extracted. */
  textHash: string | null;
  /** The article version's fields, markdown rendered; null when nothing was extracted or its hash is `knownTextHash`. */
  article: ArticleFields | null;
  thread: ThreadFields | null;
}

/** `adapter` null reads only the evidence (a page no adapter extracts, such as an origin on another platform). */
export function analyzePage(adapter: SourceAdapter | null, page: PageInput, options: AnalysisOptions = {}): PageAnalysis {
  const extracted = adapter ? adapter.extract(page) : null;
  const hash = extracted ? textHash(extracted) : null;
  return {
    ...(options.evidence ? { evidence: pageEvidence(page.text, page.finalUrl ?? page.url) } : {}),
    extracted,
    textHash: hash,
    article: extracted && adapter && hash !== options.knownTextHash ? articleInput(adapter, extracted) : null,
    thread: extracted?.comments ? threadInput(extracted.comments) : null,
  };
}
