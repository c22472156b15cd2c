/**
 * How each configured source is doing, for `memhole sources` and the daemon: when it was last crawled, how
 * many of its pages are tracked and in which state.
 */
import type { SourceConfig } from '../config/schema.ts';
import type { PageState, Store } from '../../storage/types.ts';

/** When any of the source's feeds or start URLs was last captured, or null when never. */
export async function lastCrawlOf(store: Store, source: Pick<SourceConfig, 'feeds' | 'startUrls'>): Promise<number | null> {
  let latest: number | null = null;
  for (const url of [...source.feeds, ...source.startUrls]) {
    const page = await store.getPageByUrl(url);
    const capture = page ? await store.lastCapture(page.id) : null;
    if (capture && (latest === null || capture.capturedAt > latest)) latest = capture.capturedAt;
  }
  return latest;
}

export interface SourceHealth {
  id: string;
  adapter: string;
  feeds: number;
  startUrls: number;
  lastCrawl: number | null;
  articles: number;
  origins: number;
  byState: Record<PageState, number>;
}

export async function sourceHealth(store: Store, sources: readonly SourceConfig[]): Promise<SourceHealth[]> {
  const pages = await store.listPages();
  const health: SourceHealth[] = [];
  for (const source of sources) {
    const own = pages.filter((page) => page.sourceId === source.id && (page.kind === 'article' || page.kind === 'origin'));
    const byState: Record<PageState, number> = { alive: 0, suspect: 0, removed: 0, blocked: 0, unreachable: 0 };
    for (const page of own) byState[page.state]++;
    health.push({
      id: source.id,
      adapter: source.adapter,
      feeds: source.feeds.length,
      startUrls: source.startUrls.length,
      lastCrawl: await lastCrawlOf(store, source),
      articles: own.filter((page) => page.kind === 'article').length,
      origins: own.filter((page) => page.kind === 'origin').length,
      byState,
    });
  }
  return health;
}
