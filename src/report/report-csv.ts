/**
 * A removal report as CSV (RFC 4180): a header row, then one row per event; every field quoted, quotes
 * doubled, rows ended by CRLF, so text with commas, quotes and line breaks (a diff) stays one field. UTF-8
 * without a byte-order mark unless `bom` is asked for (spreadsheet programs read Chinese text right only with
 * one; most other tools would rather not see it). Cells are written as archived, never altered: a cell
 * starting with "=" stays one, so open untrusted reports in a spreadsheet with formulas off.
 */
import { describeCheck, describeCopy } from './entry-text.ts';
import type { RemovalReport, ReportEntry } from './removal-report.ts';

/** The columns, in order, and how each is read from an entry. */
export const CSV_COLUMNS: readonly [string, (entry: ReportEntry) => string | number | null][] = [
  ['event_id', (e) => e.eventId],
  ['event', (e) => e.kind],
  ['at', (e) => e.at],
  ['source', (e) => e.page.sourceId],
  ['key', (e) => e.page.key],
  ['url', (e) => e.page.url],
  ['page_kind', (e) => e.page.kind],
  ['state', (e) => e.page.state],
  ['title', (e) => e.title],
  ['published', (e) => e.published],
  ['first_archived', (e) => e.firstArchived],
  ['last_seen_alive', (e) => e.lastSeenAlive],
  ['found_removed', (e) => e.foundRemoved],
  ['removal_kind', (e) => e.removal?.kind ?? null],
  ['removed_by', (e) => e.removal?.removedBy ?? null],
  ['notice', (e) => e.removal?.notice ?? null],
  ['notice_platform', (e) => e.removal?.noticePlatform ?? null],
  ['evidence_check_ids', (e) => e.evidence.map((check) => check.checkId).join(' ')],
  ['evidence', (e) => e.evidence.map(describeCheck).join('\n')],
  ['origin_note', (e) => e.linkNote],
  ['last_good_markdown', (e) => e.lastGood?.markdownPath ?? null],
  ['copies', (e) => e.copies.map((copy) => `${copy.key} ${copy.url} (${describeCopy(copy)})`).join('\n')],
  ['diff_words_added', (e) => e.diff?.stats.wordsAdded ?? null],
  ['diff_words_removed', (e) => e.diff?.stats.wordsRemoved ?? null],
  ['diff', (e) => e.diff?.unified ?? null],
];

export function reportCsv(report: RemovalReport, options: { bom?: boolean } = {}): string {
  const rows = [CSV_COLUMNS.map(([name]) => name), ...report.entries.map((entry) => CSV_COLUMNS.map(([, value]) => value(entry)))];
  return `${options.bom ? '\uFEFF' : ''}${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string | number | null): string {
  return value === null ? '' : `"${String(value).replace(/"/g, '""')}"`;
}
