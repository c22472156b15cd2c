/**
 * The snippet a search result shows: a short window of the original (unfolded) text around the first hit,
 * with every hit of the query's terms inside it marked. Hits are found in the folded text (simplified
 * characters) and mapped back, so a simplified query highlights the traditional text it found.
 */
import { foldForSearch, termPattern } from '../../storage/index.ts';

/** Characters of context shown before the first hit, and the snippet's length at most. */
const BEFORE = 30;
const LENGTH = 140;

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
  let best: { source: SnippetSource; hits: [number, number][]; terms: number } | null = null;
  for (const source of sources) {
    if (!source.text) continue;
    const found = findHits(source.text, patterns);
    if (best === null || found.terms > best.terms) best = { source, ...found };
  }
  if (best === null) return null;
  const text = best.source.text.replace(/\s+/g, ' ');
  // Whitespace runs became one space: hits are mapped from the original to the collapsed text.
  const collapsedAt = collapsedOffsets(best.source.text);
  const hits = best.hits.map(([start, end]): [number, number] => [collapsedAt[start]!, collapsedAt[end]!]);
  const first = hits[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - BEFORE, text.length - LENGTH));
  const end = Math.min(text.length, start + LENGTH);
  const lead = start > 0 ? '…' : '';
  const highlights = hits
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + lead.length, e - start + lead.length]);
  return { field: best.source.field, text: `${lead}${text.slice(start, end)}${end < text.length ? '…' : ''}`, highlights };
}

/** Every hit of every pattern in the original text, in order and not overlapping, and how many terms hit. */
function findHits(original: string, patterns: RegExp[]): { hits: [number, number][]; terms: number } {
  const { folded, originAt } = foldWithOffsets(original);
  const hits: [number, number][] = [];
  let terms = 0;
  for (const pattern of patterns) {
    let any = false;
    for (const match of folded.matchAll(pattern)) {
      if (!match[0]) continue;
      any = true;
      hits.push([originAt[match.index]!, originAt[match.index + match[0].length]!]);
    }
    if (any) terms++;
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const hit of hits) {
    const last = merged.at(-1);
    if (last && hit[0] < last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push(hit);
  }
  return { hits: merged, terms };
}

/**
 * The folded text and, for each of its offsets (and its end), the offset in the original. Folding keeps the
 * length nearly always; a line where it does not is folded character by character to keep the mapping.
 */
function foldWithOffsets(original: string): { folded: string; originAt: number[] } {
  let folded = '';
  const originAt: number[] = [];
  let offset = 0;
  for (const line of original.split('\n')) {
    const whole = foldForSearch(line);
    if (whole.length === line.length) {
      for (let i = 0; i < line.length; i++) originAt.push(offset + i);
      folded += whole;
    } else {
      let at = offset;
      for (const char of line) {
        const one = foldForSearch(char);
        for (let i = 0; i < one.length; i++) originAt.push(at);
        folded += one;
        at += char.length;
      }
    }
    offset += line.length;
    // The newline itself.
    originAt.push(offset);
    folded += '\n';
    offset += 1;
  }
  // The trailing newline added above stands for the end of the text.
  return { folded: folded.slice(0, -1), originAt };
}

/** For each offset of the text (and its end), the offset in the text with whitespace runs collapsed. */
function collapsedOffsets(text: string): number[] {
  const at: number[] = [];
  let out = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    at.push(out);
    const space = /\s/.test(text[i]!);
    if (!space || !inSpace) out++;
    inSpace = space;
  }
  at.push(out);
  return at;
}
