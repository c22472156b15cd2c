/**
 * Which adapter reads a tracked page on re-check: its source's configured adapter for articles, else the
 * adapter named like its source, else the one for its host; none for an origin on a platform no adapter reads.
 */
import type { SourceAdapter } from '../../crawlers/adapter.ts';
import { adapterById, adapterForUrl } from '../../crawlers/index.ts';
import type { SourceConfig } from '../config/schema.ts';
import { adapterForSource } from '../config/source-adapter.ts';
import type { PageRow } from '../../storage/types.ts';

export function adapterForPage(sources: readonly SourceConfig[]): (page: PageRow) => SourceAdapter | null {
  return (page) => {
    if (page.kind === 'origin') return adapterForUrl(page.url) ?? null;
    const source = sources.find((candidate) => candidate.id === page.sourceId);
    return (source ? adapterForSource(source) : undefined) ?? adapterById(page.sourceId) ?? adapterForUrl(page.url) ?? null;
  };
}
