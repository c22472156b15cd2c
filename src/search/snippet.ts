/**
 * The snippet a search result shows: a short window of the original (unfolded) text around the first hit,
 * with every hit of the query's terms inside it marked. Hits are found in the folded text (simplified
 * characters) and mapped back, so a simplified query highlights the traditional text it found.
 */
import { foldForSearch, termPattern } from '../../storage/index.ts';

/** Characters of context shown before the first hit, and the snippet's length at most. */
const BEFORE = 30;
const LENGTH = 140;
const WHITESPACE = /\s+/g;

export interface Snippet {
  /** The field the snippet comes from. */
  field: string;
  text: string;
  /** [start, end) offsets of the hits in `text`, in UTF-16 code units, in order. */
  highlights: [number, number][];
}

/** A field's text, in the order fields are preferred for snippets when they match equally well. */
export interface SnippetSource {
  field: string;
  text: string;
}

/** Patterns of the query's terms, made once per search. */
export function termPatterns(terms: string[]): RegExp[] {
  return terms.map(termPattern).filter((pattern): pattern is RegExp => pattern !== null);
}

/**
 * The snippet from the field that holds the most distinct terms (ties go to the earlier source), or the start
 * of the first non-empty field, unmarked, when no term is found in any (a hit the patterns cannot place).
 */
export function makeSnippet(sources: SnippetSource[], patterns: RegExp[]): Snippet | null {
  let best: { source: SnippetSource; folded: Folded; terms: number } | null = null;
  for (const source of sources) {
    if (!source.text) continue;
    const folded = foldWithOffsets(source.text);
    const terms = patterns.filter((pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(folded.text);
    }).length;
    if (best === null || terms > best.terms) best = { source, folded, terms };
  }
  if (best === null) return null;
  const original = best.source.text;
  const hits = findHits(best.folded, patterns);
  const first = hits[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - BEFORE, original.length - LENGTH));
  const end = Math.min(original.length, start + LENGTH);
  const window = collapseWhitespace(original.slice(start, end), hits.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start]));
  const lead = start > 0 ? '…' : '';
  return {
    field: best.source.field,
    text: `${lead}${window.text}${end < original.length ? '…' : ''}`,
    highlights: window.hits.map(([s, e]) => [s + lead.length, e + lead.length]),
  };
}

/** Folded text and, when its length differs from the original's, the original offset of each of its offsets. */
interface Folded {
  text: string;
  originAt: number[] | null;
}

/** Every hit of every pattern as [start, end) in the original text, in order and not overlapping. */
function findHits(folded: Folded, patterns: RegExp[]): [number, number][] {
  const origin = (at: number): number => folded.originAt?.[at] ?? at;
  const hits: [number, number][] = [];
  for (const pattern of patterns) {
    // matchAll starts where the pattern's last test() stopped.
    pattern.lastIndex = 0;
    for (const match of folded.text.matchAll(pattern)) {
      if (match[0]) hits.push([origin(match.index), origin(match.index + match[0].length)]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const hit of hits) {
    const last = merged.at(-1);
    if (last && hit[0] < last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push(hit);
  }
  return merged;
}

/**
 * Folding keeps the length nearly always, and offsets then carry over as they are. Where it does not (a few
 * characters fold to one outside the BMP), each line whose length changed is folded character by character
 * to keep the mapping.
 */
function foldWithOffsets(original: string): Folded {
  const whole = foldForSearch(original);
  if (whole.length === original.length) return { text: whole, originAt: null };
  let text = '';
  const originAt: number[] = [];
  let offset = 0;
  for (const line of original.split('\n')) {
    const folded = foldForSearch(line);
    if (folded.length === line.length) {
      for (let i = 0; i < line.length; i++) originAt.push(offset + i);
      text += folded;
    } else {
      let at = offset;
      for (const char of line) {
        const one = foldForSearch(char);
        for (let i = 0; i < one.length; i++) originAt.push(at);
        text += one;
        at += char.length;
      }
    }
    offset += line.length;
    // The newline (or, after the last line, the end of the text).
    originAt.push(offset);
    text += '\n';
    offset += 1;
  }
  return { text: text.slice(0, -1), originAt };
}

/** The text with each run of whitespace as one space, and the hits moved to match. */
function collapseWhitespace(text: string, hits: [number, number][]): { text: string; hits: [number, number][] } {
  const removedBefore: [number, number][] = [];
  let removed = 0;
  const collapsed = text.replace(WHITESPACE, (run: string, at: number) => {
    removed += run.length - 1;
    removedBefore.push([at + run.length, removed]);
    return ' ';
  });
  const shift = (offset: number): number => offset - (removedBefore.findLast(([after]) => after <= offset)?.[1] ?? 0);
  return { text: collapsed, hits: hits.map(([s, e]) => [shift(s), shift(e)]) };
}
