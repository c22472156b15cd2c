/**
 * A text diff as side-by-side HTML: the version before on the left, after on the right, removed words in
 * `<del>` and added words in `<ins>`, unchanged stretches folded. Self-contained (inline style, no script,
 * nothing loaded) and every piece of archived text escaped (markup.ts). The removal report embeds the table.
 */
import { escapeMarkup } from './markup.ts';
import { describeStats, type DiffPart, type DiffRow, type TextDiff } from './text-diff.ts';
import { DEFAULT_CONTEXT, diffHunks } from './unified-diff.ts';

/** The diff table's style, for pages that embed the table. */
export const DIFF_CSS = `
table.diff { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 0.95em; }
table.diff th { text-align: left; background: #f0f0f0; padding: 4px 6px; font-weight: 600; }
table.diff td { vertical-align: top; padding: 2px 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff td.num { width: 3em; color: #777; text-align: right; user-select: none; }
table.diff tr.delete td.from, table.diff tr.replace td.from { background: #fdecea; }
table.diff tr.insert td.to, table.diff tr.replace td.to { background: #e8f5e9; }
table.diff del { background: #f5b7b1; text-decoration: line-through; }
table.diff ins { background: #a9dfbf; text-decoration: none; }
table.diff tr.skip td { color: #777; text-align: center; background: #fafafa; font-style: italic; }
`;

export interface DiffLabels {
  from: string;
  to: string;
}

/** The side-by-side table of a diff, with folded unchanged stretches. */
export function diffTableHtml(diff: TextDiff, labels: DiffLabels, context = DEFAULT_CONTEXT): string {
  const rows: string[] = [];
  const hunks = diffHunks(diff, context);
  for (const hunk of hunks) {
    if (hunk.skippedBefore) rows.push(skipRow(hunk.skippedBefore));
    for (const row of hunk.rows) rows.push(rowHtml(row));
  }
  const shown = hunks.reduce((n, hunk) => n + hunk.skippedBefore + hunk.rows.length, 0);
  if (diff.rows.length > shown) rows.push(skipRow(diff.rows.length - shown));
  if (diff.identical) rows.push('<tr class="identical"><td colspan="4">The two versions have the same text.</td></tr>');
  return [
    `<table class="diff" data-lines-added="${diff.stats.linesAdded}" data-lines-removed="${diff.stats.linesRemoved}" data-lines-changed="${diff.stats.linesChanged}">`,
    `<colgroup><col style="width:3em"><col><col style="width:3em"><col></colgroup>`,
    `<thead><tr><th scope="col" colspan="2">${escapeMarkup(labels.from)}</th><th scope="col" colspan="2">${escapeMarkup(labels.to)}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** A whole HTML document showing one diff. */
export function diffDocumentHtml(diff: TextDiff, labels: DiffLabels, title: string, context = DEFAULT_CONTEXT): string {
  const summary = diff.identical ? 'No changes.' : `${describeStats(diff.stats)}.`;
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 1.5em; line-height: 1.5; }
${DIFF_CSS}
</style>
</head>
<body>
<h1>${escapeMarkup(title)}</h1>
<p class="summary">${escapeMarkup(summary)}</p>
${diffTableHtml(diff, labels, context)}
</body>
</html>
`;
}

function skipRow(lines: number): string {
  return `<tr class="skip"><td colspan="4">⋯ ${lines} unchanged ${lines === 1 ? 'line' : 'lines'}</td></tr>`;
}

function rowHtml(row: DiffRow): string {
  const cell = (side: 'from' | 'to', line: number | null, html: string): string =>
    `<td class="num">${line ?? ''}</td><td class="${side}">${html}</td>`;
  switch (row.op) {
    case 'equal':
      return `<tr class="equal">${cell('from', row.fromLine, escapeMarkup(row.text))}${cell('to', row.toLine, escapeMarkup(row.text))}</tr>`;
    case 'delete':
      return `<tr class="delete">${cell('from', row.fromLine, `<del>${escapeMarkup(row.text)}</del>`)}${cell('to', null, '')}</tr>`;
    case 'insert':
      return `<tr class="insert">${cell('from', null, '')}${cell('to', row.toLine, `<ins>${escapeMarkup(row.text)}</ins>`)}</tr>`;
    case 'replace':
      return `<tr class="replace">${cell('from', row.fromLine, sideHtml(row.parts, 'delete'))}${cell('to', row.toLine, sideHtml(row.parts, 'insert'))}</tr>`;
  }
}

/** One side of a changed line: the shared words, and this side's own words marked. */
function sideHtml(parts: DiffPart[], own: 'delete' | 'insert'): string {
  const tag = own === 'delete' ? 'del' : 'ins';
  return parts
    .filter((part) => part.op === 'equal' || part.op === own)
    .map((part) => (part.op === 'equal' ? escapeMarkup(part.text) : `<${tag}>${escapeMarkup(part.text)}</${tag}>`))
    .join('');
}
