/**
 * The diff of two article versions' extracted text, the model that unified-diff.ts and diff-html.ts render.
 * A version is compared as lines (title, byline and card fields, body markdown lines, diff-document.ts); lines
 * are aligned first, then each changed line is diffed word by word, Chinese segmented into words by
 * Intl.Segmenter and other scripts kept as whole words, so a changed word is one replacement, not a run of
 * characters. Both levels use jsdiff's `diffArrays`.
 */
import { diffArrays } from 'diff';

/** A run of words within a changed line. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One row of the aligned versions; line numbers count from 1. */
export type DiffRow =
  | { op: 'equal'; fromLine: number; toLine: number; text: string }
  | { op: 'delete'; fromLine: number; text: string }
  | { op: 'insert'; toLine: number; text: string }
  | { op: 'replace'; fromLine: number; toLine: number; from: string; to: string; parts: DiffPart[] };

export interface DiffStats {
  linesAdded: number;
  linesRemoved: number;
  linesChanged: number;
  /** Words (not spacing or punctuation) added and removed, inside changed lines too. */
  wordsAdded: number;
  wordsRemoved: number;
}

export interface TextDiff {
  rows: DiffRow[];
  stats: DiffStats;
  identical: boolean;
}

/** "1 line changed, 2 added, 0 removed; 3 words added, 1 removed", for people. */
export function describeStats(stats: DiffStats): string {
  const lines = stats.linesChanged === 1 ? 'line' : 'lines';
  const words = stats.wordsAdded === 1 ? 'word' : 'words';
  return `${stats.linesChanged} ${lines} changed, ${stats.linesAdded} added, ${stats.linesRemoved} removed; ${stats.wordsAdded} ${words} added, ${stats.wordsRemoved} removed`;
}

/** Two lines are the same line changed, rather than one removed and another added, when this similar. */
const SAME_LINE_SIMILARITY = 0.5;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text as words, spaces and punctuation, in order: joined they give the text back. */
export function wordTokens(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

export function diffTexts(fromLines: readonly string[], toLines: readonly string[]): TextDiff {
  const rows: DiffRow[] = [];
  const stats: DiffStats = { linesAdded: 0, linesRemoved: 0, linesChanged: 0, wordsAdded: 0, wordsRemoved: 0 };
  let fromLine = 1;
  let toLine = 1;
  const changes = diffArrays([...fromLines], [...toLines]);
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]!;
    if (!change.added && !change.removed) {
      for (const text of change.value) rows.push({ op: 'equal', fromLine: fromLine++, toLine: toLine++, text });
      continue;
    }
    // A removal and the addition after it (or the reverse) form one changed block, aligned line by line.
    const next = changes[index + 1];
    const paired = next && (next.added || next.removed) && next.added !== change.added;
    const removed = change.removed ? change.value : paired ? next.value : [];
    const added = change.added ? change.value : paired ? next.value : [];
    if (paired) index++;
    for (const row of alignBlock(removed, added)) {
      if (row.kind === 'delete') {
        rows.push({ op: 'delete', fromLine: fromLine++, text: row.from });
        stats.linesRemoved++;
        stats.wordsRemoved += countWords(wordTokens(row.from));
      } else if (row.kind === 'insert') {
        rows.push({ op: 'insert', toLine: toLine++, text: row.to });
        stats.linesAdded++;
        stats.wordsAdded += countWords(wordTokens(row.to));
      } else if (row.from === row.to) {
        rows.push({ op: 'equal', fromLine: fromLine++, toLine: toLine++, text: row.from });
      } else {
        const parts = wordParts(row.from, row.to);
        rows.push({ op: 'replace', fromLine: fromLine++, toLine: toLine++, from: row.from, to: row.to, parts });
        stats.linesChanged++;
        for (const part of parts) {
          if (part.op === 'insert') stats.wordsAdded += countWords(wordTokens(part.text));
          if (part.op === 'delete') stats.wordsRemoved += countWords(wordTokens(part.text));
        }
      }
    }
  }
  return { rows, stats, identical: rows.every((row) => row.op === 'equal') };
}

type BlockRow = { kind: 'delete'; from: string } | { kind: 'insert'; to: string } | { kind: 'replace'; from: string; to: string };

/** Within a changed block, a removed line and an added line that are alike are one line changed. */
function alignBlock(removed: string[], added: string[]): BlockRow[] {
  if (!removed.length) return added.map((to) => ({ kind: 'insert', to }));
  if (!added.length) return removed.map((from) => ({ kind: 'delete', from }));
  const rows: BlockRow[] = [];
  let fromIndex = 0;
  let toIndex = 0;
  // The comparator says which lines correspond: "equal" here means "alike", so those become replacements.
  // Positions are counted rather than read from the change values, which hold one side's lines only.
  for (const change of diffArrays(removed, added, { comparator: (a, b) => similarity(a, b) >= SAME_LINE_SIMILARITY })) {
    for (let n = 0; n < change.count; n++) {
      if (change.removed) rows.push({ kind: 'delete', from: removed[fromIndex++]! });
      else if (change.added) rows.push({ kind: 'insert', to: added[toIndex++]! });
      else rows.push({ kind: 'replace', from: removed[fromIndex++]!, to: added[toIndex++]! });
    }
  }
  return rows;
}

/** The word-level changes of one line, adjacent words of the same kind merged. */
function wordParts(from: string, to: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(wordTokens(from), wordTokens(to))) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const text = change.value.join('');
    const last = parts.at(-1);
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  }
  return parts;
}

function countWords(tokens: string[]): number {
  return tokens.filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Dice similarity of two lines' character-bigram sets, 0 to 1. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const bigrams = (text: string): Set<string> => {
    const chars = Array.from(text.replace(/\s+/g, ''));
    const set = new Set<string>();
    for (let index = 0; index + 1 < chars.length; index++) set.add(chars[index]! + chars[index + 1]!);
    return set;
  };
  const left = bigrams(a);
  const right = bigrams(b);
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const bigram of left) if (right.has(bigram)) shared++;
  return (2 * shared) / (left.size + right.size);
}
