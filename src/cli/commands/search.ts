/**
 * `memhole search "<query>"`: full-text search over every archived article version and comment thread
 * (src/search), with filters, each page shown with its state, so a removed article is found and marked
 * removed. `--json` prints the results with snippet highlight offsets.
 */
import { toShanghaiIso } from '../../../crawlers/common/dates.ts';
import { QueryError } from '../../search/query.ts';
import { searchArchive, type SearchResult } from '../../search/search.ts';
import type { Snippet } from '../../search/snippet.ts';
import type { EventKind, SearchFilters, SearchState, TimeRange } from '../../../storage/types.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { parseTimeBound } from '../time-bound.ts';

export const SEARCH_STATES: readonly SearchState[] = ['alive', 'suspect', 'removed', 'restored', 'blocked', 'unreachable'];
export const SEARCH_EVENTS: readonly EventKind[] = ['removed', 'edited', 'restored', 'suspect', 'alive', 'blocked', 'unreachable'];

export interface SearchCommandOptions extends GlobalOptions {
  json?: boolean;
  source?: string[];
  state?: string[];
  event?: string[];
  tag?: string[];
  publishedSince?: string;
  publishedUntil?: string;
  capturedSince?: string;
  capturedUntil?: string;
  removedSince?: string;
  removedUntil?: string;
  limit?: number;
  offset?: number;
}

export async function searchCommand(query: string, options: SearchCommandOptions, io: CliIo): Promise<number> {
  const filters = searchFilters(options, io.clock());
  const app = await openApp(io, options);
  try {
    const stats = await app.store.searchIndexStats();
    if (stats.indexedDocuments < stats.expectedDocuments) {
      io.stderr.write(
        `memhole: the search index holds ${stats.indexedDocuments} of ${stats.expectedDocuments} documents; run \`memhole reindex\` to search them all\n`,
      );
    }
    let found;
    try {
      found = await searchArchive(app.store, { query, filters, limit: options.limit, offset: options.offset ?? 0 });
    } catch (error) {
      if (error instanceof QueryError) throw new CliError(`cannot search ${JSON.stringify(query)}: ${error.message}`, EXIT.usage);
      throw error;
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    } else if (!found.results.length) {
      io.stdout.write(
        found.total ? `${found.total} pages match; none after the first ${found.offset}\n` : `no archived page matches ${JSON.stringify(query)}\n`,
      );
    } else {
      const shown = `${found.offset + 1}-${found.offset + found.results.length}`;
      const lines = [`${found.total} ${found.total === 1 ? 'page matches' : 'pages match'} ${JSON.stringify(query)} (${shown}, best first)`];
      found.results.forEach((result, i) => lines.push('', ...resultLines(result, found.offset + i + 1)));
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return found.total ? EXIT.ok : EXIT.notFound;
  } finally {
    await app.close();
  }
}

export function searchFilters(options: SearchCommandOptions, now: number): SearchFilters {
  const filters: SearchFilters = {};
  if (options.source?.length) filters.sourceIds = options.source;
  if (options.state?.length) filters.states = oneOf(options.state, SEARCH_STATES, '--state');
  if (options.event?.length) filters.eventKinds = oneOf(options.event, SEARCH_EVENTS, '--event');
  if (options.tag?.length) filters.tags = options.tag;
  const range = (since: string | undefined, until: string | undefined, name: string): TimeRange | undefined => {
    if (since === undefined && until === undefined) return undefined;
    const window: TimeRange = {};
    if (since !== undefined) window.since = parseTimeBound(since, now, `--${name}-since`, 'start');
    if (until !== undefined) window.until = parseTimeBound(until, now, `--${name}-until`, 'end');
    if (window.since !== undefined && window.until !== undefined && window.since > window.until) {
      throw new CliError(`--${name}-since is after --${name}-until: nothing can match; swap them`, EXIT.usage);
    }
    return window;
  };
  const published = range(options.publishedSince, options.publishedUntil, 'published');
  const captured = range(options.capturedSince, options.capturedUntil, 'captured');
  const removed = range(options.removedSince, options.removedUntil, 'removed');
  if (published) filters.published = published;
  if (captured) filters.captured = captured;
  if (removed) filters.removed = removed;
  return filters;
}

function oneOf<T extends string>(values: string[], allowed: readonly T[], option: string): T[] {
  for (const value of values) {
    if (!allowed.includes(value as T)) throw new CliError(`${option} "${value}" is not one of: ${allowed.join(', ')}`, EXIT.usage);
  }
  return values as T[];
}

function resultLines(result: SearchResult, rank: number): string[] {
  const state = stateLabel(result);
  const dates = [
    result.publishedAt && `published ${result.publishedAt.slice(0, 10)}`,
    result.capturedAt !== null && `captured ${minute(result.capturedAt)}`,
    result.matchedIn.includes('comments') && (result.matchedIn.includes('article') ? 'found in the article and its comments' : 'found in the comments'),
  ].filter(Boolean);
  const lines = [`${rank}. ${result.title ?? '(no article text)'}  [${state}]`, `   ${result.key}  ${result.url}`];
  if (dates.length) lines.push(`   ${dates.join('  ')}`);
  if (result.snippet) lines.push(`   ${marked(result.snippet)}`);
  return lines;
}

/** The page's state as a result shows it: removed (since when), restored (when), or the plain state. */
function stateLabel(result: SearchResult): string {
  if (result.state === 'removed') return `REMOVED ${minute(result.removedAt ?? result.stateSince)}`;
  if (result.restoredAt !== null) return `restored ${minute(result.restoredAt)}`;
  return result.state === 'alive' ? 'alive' : `${result.state} since ${minute(result.stateSince)}`;
}

/** A time in Shanghai to the minute: 2024-05-01 08:30. */
function minute(ms: number): string {
  return toShanghaiIso(ms).slice(0, 16).replace('T', ' ');
}

/** The snippet with its hits between « and ». */
function marked(snippet: Snippet): string {
  let text = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    text += `${snippet.text.slice(at, start)}«${snippet.text.slice(start, end)}»`;
    at = end;
  }
  return text + snippet.text.slice(at);
}
