/**
 * Full-text search of the archive: the query is parsed here (query.ts), matched and ranked by BM25 in the
 * store's index (storage/search-repo.ts), and each page found is shown with its latest matching version, its
 * state (a removed page is found like any other and marked removed) and a snippet (snippet.ts).
 */
import {
  articleSearchFields,
  threadSearchText,
  type ArticleRow,
  type PageRow,
  type PageState,
  type SearchFilters,
  type SearchWeights,
  type Store,
} from '../../storage/index.ts';
import { parseQuery } from './query.ts';
import { makeSnippet, termPatterns, type Snippet, type SnippetSource } from './snippet.ts';

/** A hit in the title counts most, then the card's topics and the author, then body and comments. */
export const RANK_WEIGHTS: SearchWeights = { title: 10, author: 4, body: 1, card: 4, comments: 1 };
export const DEFAULT_LIMIT = 20;

export interface SearchOptions {
  query: string;
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
}

/** One page found. */
export interface SearchResult {
  pageId: number;
  key: string;
  url: string;
  sourceId: string;
  state: PageState;
  stateSince: number;
  /** When the page was last found removed, if ever. */
  removedAt: number | null;
  /** When the page came back after its last removal, when it is alive again. */
  restoredAt: number | null;
  /** The version shown: the latest that matched, or the latest one when only comments matched. */
  articleId: number | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  capturedAt: number | null;
  /** Where the terms were found: the article version, its comments, or both. */
  matchedIn: ('article' | 'comments')[];
  /** BM25 as FTS5 gives it: lower is better. */
  score: number;
  snippet: Snippet | null;
}

export interface SearchResults {
  query: string;
  terms: string[];
  total: number;
  offset: number;
  limit: number;
  results: SearchResult[];
}

/** Search the archive. Throws QueryError (query.ts) when the query cannot be searched. */
export async function searchArchive(store: Store, options: SearchOptions): Promise<SearchResults> {
  const { terms } = parseQuery(options.query);
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  const found = await store.search({ terms, filters: options.filters ?? {}, weights: RANK_WEIGHTS, limit, offset });
  const patterns = termPatterns(terms);
  const results: SearchResult[] = [];
  for (const hit of found.hits) {
    const { page } = hit;
    const shownId = hit.articleId ?? hit.latestArticleId;
    const article = shownId === null ? null : await store.getArticle(shownId);
    const sources: SnippetSource[] = [];
    if (hit.articleId !== null && article) sources.push(...articleSources(article));
    if (hit.threadId !== null) sources.push(await threadSource(store, page, hit.threadId));
    // Restored counts while the page is alive again since its last removal.
    const back = page.state === 'alive' && hit.restoredAt !== null && (hit.removedAt === null || hit.restoredAt >= hit.removedAt);
    results.push({
      pageId: page.id,
      key: page.canonicalKey,
      url: page.url,
      sourceId: page.sourceId,
      state: page.state,
      stateSince: page.stateSince,
      removedAt: hit.removedAt,
      restoredAt: back ? hit.restoredAt : null,
      articleId: article?.id ?? null,
      title: article?.title ?? null,
      author: article?.author ?? null,
      publishedAt: article?.publishedAt ?? null,
      capturedAt: article ? ((await store.getCapture(article.captureId))?.capturedAt ?? null) : null,
      matchedIn: [...(hit.articleId !== null ? ['article' as const] : []), ...(hit.threadId !== null ? ['comments' as const] : [])],
      score: hit.score,
      snippet: makeSnippet(sources, patterns),
    });
  }
  return { query: options.query, terms, total: found.total, offset, limit, results };
}

/** The version's fields in the order a snippet prefers them when they match equally well. */
function articleSources(article: ArticleRow): SnippetSource[] {
  const fields = articleSearchFields(article);
  return [
    { field: 'body', text: fields.body },
    { field: 'title', text: fields.title },
    { field: 'card', text: fields.card },
    { field: 'author', text: fields.author },
  ];
}

async function threadSource(store: Store, page: PageRow, threadId: number): Promise<SnippetSource> {
  const thread = (await store.listThreads(page.id)).find((t) => t.id === threadId);
  return { field: 'comments', text: threadSearchText(thread?.intro ?? null, await store.listComments(threadId)) };
}
