/**
 * The adapter that reads a configured source: the registered one it names (crawlers/index.ts), or, for a
 * generic source with `selectors`, a generic adapter configured with them. Crawls, re-checks and re-extraction
 * all ask here, so a source is read the same way each time.
 */
import type { SourceAdapter } from '../../crawlers/adapter.ts';
import { createGenericAdapter } from '../../crawlers/generic/index.ts';
import { adapterById } from '../../crawlers/index.ts';
import type { SourceConfig } from './schema.ts';

const configured = new WeakMap<SourceConfig, SourceAdapter>();

/** The source's adapter, or undefined when it names none that exists (load-config.ts rejects that earlier). */
export function adapterForSource(source: SourceConfig): SourceAdapter | undefined {
  if (!source.selectors || source.adapter !== 'generic') return adapterById(source.adapter);
  let adapter = configured.get(source);
  if (!adapter) {
    adapter = createGenericAdapter(source.selectors);
    configured.set(source, adapter);
  }
  return adapter;
}
