/**
 * The search page: the query box and the filters of `memhole search`, results best first with their state
 * (a removed page is found and marked removed) and a snippet whose hits are marked, twenty to a page (`limit`).
 */
import { SEARCH_EVENTS, SEARCH_STATES, searchFilters, type SearchCommandOptions } from '../../cli/commands/search.ts';
import { searchArchive, type SearchResults } from '../../search/search.ts';
import type { Snippet } from '../../search/snippet.ts';
import type { Store } from '../../../storage/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { stateBadge, when } from '../layout.ts';

const PER_PAGE = 20;
const MAX_PER_PAGE = 100;
/** The date filters, by the name their form fields and the CLI's flags share. */
const DATE_FILTERS = ['published', 'captured', 'removed'] as const;

/** The results of the query in the parameters; throws QueryError or CliError with a message for the page. */
export async function searchPage(store: Store, params: URLSearchParams, now: number): Promise<{ query: string; body: SafeHtml }> {
  const query = params.get('q')?.trim() ?? '';
  const pageNumber = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number.parseInt(params.get('limit') ?? '', 10) || PER_PAGE));
  if (!query) return { query, body: html`<h1>Search</h1>${filterForm(params)}<p class="muted">Words of two Chinese characters or more, English words, "quoted phrases"; simplified and traditional find each other.</p>` };
  const values = (name: string): string[] => params.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  const single = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  const options: SearchCommandOptions = {
    source: values('source'),
    state: values('state'),
    event: values('event'),
    tag: values('tag'),
    publishedSince: single('published-since'),
    publishedUntil: single('published-until'),
    capturedSince: single('captured-since'),
    capturedUntil: single('captured-until'),
    removedSince: single('removed-since'),
    removedUntil: single('removed-until'),
  };
  const found = await searchArchive(store, { query, filters: searchFilters(options, now), limit: perPage, offset: (pageNumber - 1) * perPage });
  const stats = await store.searchIndexStats();
  const partial =
    stats.indexedDocuments < stats.expectedDocuments
      ? html`<p class="warning">The search index holds ${stats.indexedDocuments} of ${stats.expectedDocuments} documents: run <code>memhole reindex</code> to search them all.</p>`
      : '';
  return { query, body: html`<h1>Search</h1>${filterForm(params)}${partial}${resultList(found)}${pager(found, params, pageNumber)}` };
}

function filterForm(params: URLSearchParams): SafeHtml {
  const option = (name: string, value: string) => html`<option value="${value}"${params.getAll(name).includes(value) ? html` selected` : ''}>${value}</option>`;
  return html`<form class="filters" action="/search" method="get">
<input type="search" name="q" value="${params.get('q') ?? ''}" aria-label="query" placeholder="健康码 数据泄露">
<label>source <input name="source" value="${params.get('source') ?? ''}" size="10" placeholder="all"></label>
<label>state <select name="state"><option value="">any</option>${SEARCH_STATES.map((state) => option('state', state))}</select></label>
<label>event <select name="event"><option value="">any</option>${SEARCH_EVENTS.map((kind) => option('event', kind))}</select></label>
<label>tag <input name="tag" value="${params.get('tag') ?? ''}" size="10"></label>
${DATE_FILTERS.map((name) => html`<label>${name} <input name="${name}-since" value="${params.get(`${name}-since`) ?? ''}" size="10" placeholder="since"> – <input name="${name}-until" value="${params.get(`${name}-until`) ?? ''}" size="10" placeholder="until"></label>`)}
<button type="submit">search</button>
</form>`;
}

function resultList(found: SearchResults): SafeHtml {
  if (!found.results.length) return html`<p class="empty">${found.total ? `${found.total} pages match; none this far down.` : 'No archived page matches.'}</p>`;
  return html`<p class="total">${found.total} ${found.total === 1 ? 'page matches' : 'pages match'}, best first.</p>
<ol class="results" start="${found.offset + 1}">${found.results.map(
    (result) => html`<li class="result" data-key="${result.key}" data-state="${result.state}">
<a href="/pages/${result.pageId}">${result.title ?? result.key}</a> ${stateBadge(result.state)}${result.removedAt !== null ? html` <span class="muted">removed ${when(result.removedAt)}</span>` : ''}
<div class="muted">${result.sourceId} · ${result.key}${result.publishedAt ? ` · published ${result.publishedAt.slice(0, 10)}` : ''}${result.capturedAt !== null ? ` · archived ${when(result.capturedAt)}` : ''} · found in ${result.matchedIn.join(' and ')}</div>
${result.snippet ? snippetHtml(result.snippet) : ''}
</li>`,
  )}</ol>`;
}

/** The snippet with each hit in <mark>, every piece of archived text escaped. */
function snippetHtml(snippet: Snippet): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    parts.push(html`${snippet.text.slice(at, start)}<mark>${snippet.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${snippet.text.slice(at)}`);
  return html`<p class="snippet" data-field="${snippet.field}">${parts}</p>`;
}

function pager(found: SearchResults, params: URLSearchParams, pageNumber: number): SafeHtml {
  const pages = Math.ceil(found.total / found.limit);
  if (pages <= 1) return html``;
  const link = (number: number, label: string) => {
    const next = new URLSearchParams(params);
    next.set('page', String(number));
    return html`<a href="/search?${next.toString()}" rel="${label === 'next' ? 'next' : 'prev'}">${label}</a>`;
  };
  return html`<nav class="pager">${pageNumber > 1 ? link(pageNumber - 1, 'previous') : ''} page ${pageNumber} of ${pages} ${pageNumber < pages ? link(pageNumber + 1, 'next') : ''}</nav>`;
}
