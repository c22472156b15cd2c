/**
 * The page a command's `<url|key>` argument names: a canonical key, a URL alias, or the key its adapter gives
 * the URL. Shared by `show` and `diff`.
 */
import { adapterForUrl } from '../../crawlers/index.ts';
import type { PageRow, Store } from '../../storage/types.ts';
import { normalizeUrl, urlKey } from '../archive/identity.ts';

export async function findPage(store: Store, target: string): Promise<PageRow | null> {
  const byKey = await store.getPageByKey(target);
  if (byKey || !URL.canParse(target)) return byKey;
  const byUrl = (await store.getPageByUrl(target)) ?? (await store.getPageByUrl(normalizeUrl(target)));
  if (byUrl) return byUrl;
  const adapterKey = adapterForUrl(target)?.canonicalKey(target);
  return (adapterKey ? await store.getPageByKey(adapterKey) : null) ?? store.getPageByKey(urlKey(target));
}
