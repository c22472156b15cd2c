/**
 * The registry of source adapters. Adding a source is one folder in crawlers/ and one line here; dispatch
 * picks the first adapter whose `matches()` is true, unless the adapter is named.
 */
import type { SourceAdapter } from './adapter.ts';
import { cdtAdapter } from './cdt/index.ts';
import { freebufAdapter } from './freebuf/index.ts';
import { unsafeAdapter } from './unsafe/index.ts';
import { epochtimesAdapter } from './epochtimes/index.ts';
import { secretchinaAdapter } from './secretchina/index.ts';
import { mirrorsAdapter } from './mirrors/index.ts';
import { genericAdapter } from './generic/index.ts';

export type * from './adapter.ts';

/** Every adapter, in dispatch order: the first whose `matches()` is true handles a URL; the generic one, last, matches any. */
export const adapters: readonly SourceAdapter[] = [cdtAdapter, freebufAdapter, unsafeAdapter, epochtimesAdapter, secretchinaAdapter, mirrorsAdapter, genericAdapter];

/** The adapter with this id, or undefined. */
export function adapterById(id: string): SourceAdapter | undefined {
  return adapters.find((adapter) => adapter.id === id);
}

/** The first adapter that handles the URL's host, or undefined. */
export function adapterForUrl(url: string): SourceAdapter | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return adapters.find((adapter) => adapter.matches(parsed));
}
