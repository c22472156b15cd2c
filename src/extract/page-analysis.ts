/**
 * Everything CPU-heavy that an archived page needs before it is stored: the adapter's extraction, and the
 * article and thread rows record.ts makes of it (markdown included). A pure function of the adapter and the
 * page, so it runs the same on the main thread or in a worker (extraction-worker.ts).
 */
import type { ExtractedArticle, PageInput, SourceAdapter } from '../../crawlers/adapter.ts';
import type { ArticleInput, ThreadInput } from '../../storage/types.ts';
import { articleInput, threadInput } from '../archive/record.ts';

export type ArticleFields = Omit<ArticleInput, 'pageId' | 'captureId'>;
export type ThreadFields = Omit<ThreadInput, 'pageId' | 'captureId'>;

export interface PageAnalysis {
  extracted: ExtractedArticle | null;
  /** The article version's fields, markdown rendered; null when nothing was extracted. */
  article: ArticleFields | null;
  thread: ThreadFields | null;
}

export function analyzePage(adapter: SourceAdapter, page: PageInput): PageAnalysis {
  const extracted = adapter.extract(page);
  return {
    extracted,
    article: extracted ? articleInput(adapter, extracted) : null,
    thread: extracted?.comments ? threadInput(extracted.comments) : null,
  };
}
