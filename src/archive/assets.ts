/**
 * The images an article shows, archived with it: each fetched once (through the same limiter and fetcher, so
 * the size cap and politeness hold), stored as an `asset` capture of the article's page linked to the capture
 * it appeared in. An image already archived from the same URL is not fetched again.
 */
import type { CaptureRow, PageRow, Store } from '../../storage/types.ts';
import type { HostLimiter } from '../fetch/host-limiter.ts';
import type { Fetcher } from '../fetch/types.ts';
import { captureOf } from './record.ts';

/** More images than this in one article are left as links: a gallery page should not stall a crawl. */
export const MAX_IMAGES_PER_ARTICLE = 40;

export interface AssetCounts {
  stored: number;
  known: number;
  failed: number;
}

/**
 * Images being fetched and stored right now, per archive: two articles showing the same image at once wait for
 * the one fetch instead of both finding nothing stored yet.
 */
const inFlight = new WeakMap<Store, Map<string, Promise<unknown>>>();

export async function archiveImages(
  store: Store,
  fetcher: Fetcher,
  limiter: HostLimiter,
  page: PageRow,
  capture: CaptureRow,
  images: string[],
): Promise<AssetCounts> {
  const counts: AssetCounts = { stored: 0, known: 0, failed: 0 };
  let pending = inFlight.get(store);
  if (!pending) inFlight.set(store, (pending = new Map()));
  for (const url of [...new Set(images)].slice(0, MAX_IMAGES_PER_ARTICLE)) {
    if (!/^https?:/i.test(url)) continue;
    const elsewhere = pending.get(url);
    if (elsewhere) await elsewhere.catch(() => {});
    if (elsewhere || (await store.findAsset(url))) {
      counts.known++;
      continue;
    }
    const archiving = (async () => {
      const result = await limiter.schedule(url, () => fetcher.fetch(url, { headers: { Accept: 'image/avif,image/webp,image/*,*/*;q=0.8' } }));
      await store.recordCapture({ ...captureOf(result, 'asset'), pageId: page.id, parentCaptureId: capture.id });
      return result;
    })();
    pending.set(url, archiving);
    try {
      const result = await archiving;
      if (result.failure || result.status === null || result.status >= 300 || !result.body.length) counts.failed++;
      else counts.stored++;
    } finally {
      pending.delete(url);
    }
  }
  return counts;
}
