/**
 * A text diff as hunks of changed lines with context, and their unified text form. Unchanged, removed and
 * added lines carry the usual ` `, `-` and `+`; a changed line is printed once, prefixed `~`, its removed words
 * in `[-…-]` and added words in `{+…+}` (git's word-diff markers), so a changed word reads as one replacement.
 */
import type { DiffRow, TextDiff } from './text-diff.ts';

export interface DiffHunk {
  fromStart: number;
  fromCount: number;
  toStart: number;
  toCount: number;
  rows: DiffRow[];
  /** Unchanged lines left out before this hunk. */
  skippedBefore: number;
}

/** Lines of context kept around each change: paragraphs are long, so one is enough to place it. */
export const DEFAULT_CONTEXT = 1;

export function diffHunks(diff: TextDiff, context = DEFAULT_CONTEXT): DiffHunk[] {
  const { rows } = diff;
  const keep = rows.map(() => false);
  rows.forEach((row, index) => {
    if (row.op === 'equal') return;
    for (let near = Math.max(0, index - context); near <= Math.min(rows.length - 1, index + context); near++) keep[near] = true;
  });
  const hunks: DiffHunk[] = [];
  let fromPos = 1;
  let toPos = 1;
  let skipped = 0;
  let current: DiffHunk | null = null;
  rows.forEach((row, index) => {
    if (!keep[index]) {
      current = null;
      skipped++;
    } else {
      if (!current) {
        current = { fromStart: fromPos, fromCount: 0, toStart: toPos, toCount: 0, rows: [], skippedBefore: skipped };
        hunks.push(current);
        skipped = 0;
      }
      current.rows.push(row);
      if (row.op !== 'insert') current.fromCount++;
      if (row.op !== 'delete') current.toCount++;
    }
    if (row.op !== 'insert') fromPos++;
    if (row.op !== 'delete') toPos++;
  });
  return hunks;
}

/** The unified text of a diff between two labelled versions; only the two header lines when nothing changed. */
export function formatUnifiedDiff(diff: TextDiff, labels: { from: string; to: string }, context = DEFAULT_CONTEXT): string {
  const lines = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const hunk of diffHunks(diff, context)) {
    // As in unified diffs, an empty side's range starts at the line before.
    const range = (start: number, count: number): string => `${count ? start : start - 1},${count}`;
    lines.push(`@@ -${range(hunk.fromStart, hunk.fromCount)} +${range(hunk.toStart, hunk.toCount)} @@`);
    for (const row of hunk.rows) lines.push(formatRow(row));
  }
  return `${lines.join('\n')}\n`;
}

function formatRow(row: DiffRow): string {
  switch (row.op) {
    case 'equal':
      return ` ${row.text}`;
    case 'delete':
      return `-${row.text}`;
    case 'insert':
      return `+${row.text}`;
    case 'replace':
      return `~${row.parts.map((part) => (part.op === 'equal' ? part.text : part.op === 'delete' ? `[-${part.text}-]` : `{+${part.text}+}`)).join('')}`;
  }
}
