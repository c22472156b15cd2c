/**
 * The removal report as an app page (its chart and events from src/report), with the window in a form, and
 * the same report as a download in every format the CLI writes, plus the Atom feed of its removals.
 */
import { parseWindow } from '../../cli/time-bound.ts';
import { buildRemovalReport, REPORT_KINDS, type RemovalReport, type ReportKind } from '../../report/removal-report.ts';
import { reportSectionsHtml } from '../../report/report-html.ts';
import type { Store } from '../../../storage/types.ts';
import { html, raw, type SafeHtml } from '../html.ts';

export interface ReportQuery {
  since: string;
  until: string | null;
  source: string | null;
}

export function reportQuery(params: URLSearchParams, defaultSince = '7d'): ReportQuery {
  const value = (name: string): string | null => params.get(name)?.trim() || null;
  return { since: value('since') ?? defaultSince, until: value('until'), source: value('source') };
}

/** Entries a report page shows, and a feed holds: the newest; counts and chart still cover the whole window. */
export const PAGE_ENTRIES = 100;
export const FEED_ENTRIES = 50;

/**
 * The report of the window asked for, with at most `maxEntries` entries (the downloads have them all); a
 * malformed bound throws with a message naming it.
 */
export async function reportFor(store: Store, query: ReportQuery, now: number, kinds: readonly ReportKind[] = REPORT_KINDS, maxEntries?: number): Promise<RemovalReport> {
  const window = parseWindow(query.since, query.until ?? undefined, now);
  // Read-only: an older archive's missing fingerprints are left for `memhole report` to fill.
  return buildRemovalReport(store, { ...window, now, kinds, sourceId: query.source ?? undefined, fillMissingFingerprints: false, maxEntries });
}

export function reportView(report: RemovalReport, query: ReportQuery): SafeHtml {
  const params = new URLSearchParams({ since: query.since, ...(query.until ? { until: query.until } : {}), ...(query.source ? { source: query.source } : {}) }).toString();
  return html`
<link rel="stylesheet" href="/static/report.css">
<h1>Removals, ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)}</h1>
<form class="window" action="/report" method="get">
<label>since <input name="since" value="${query.since}" size="12"></label>
<label>until <input name="until" value="${query.until ?? ''}" size="12" placeholder="now"></label>
<label>source <input name="source" value="${query.source ?? ''}" size="10" placeholder="all"></label>
<button type="submit">show</button>
</form>
<p class="counts"><strong>${report.counts.removed} removed, ${report.counts.restored} restored, ${report.counts.edited} edited</strong>${report.source ? ` · source ${report.source}` : ''}</p>
<p class="downloads">download: <a href="/report.md?${params}">Markdown</a> · <a href="/report.html?${params}">HTML</a> · <a href="/report.json?${params}">JSON</a> · <a href="/report.csv?${params}">CSV</a> · <a href="/feed.atom?${params}" type="application/atom+xml">Atom feed of removals</a></p>
${report.entriesOmitted ? html`<p class="omitted">The ${report.entriesOmitted} oldest events of this window are not shown here; the downloads hold them all.</p>` : ''}
<div class="report">${raw(reportSectionsHtml(report))}</div>`;
}
