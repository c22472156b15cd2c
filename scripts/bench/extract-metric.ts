/**
 * The article-body metric of the Zyte article extraction benchmark, ported so memhole's extractors can be scored
 * on the same scale as the published table: word 4-shingles, per-page normalised tp/fp/fn, mean precision and
 * recall over pages, F1 of those means, plus exact-token accuracy and seeded bootstrap.
 */
import { mulberry32 } from './prng.ts';

/** One page's shingle counts, divided by their sum so a long article weighs no more than a short one. */
export interface PageMatch {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

// Python's `\w` on str: letters, digits/numerics and the underscore (combining marks are not word characters).
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string | null | undefined): string[] {
  return text ? (text.match(TOKEN_RE) ?? []) : [];
}

/**
 * Shingles of n tokens as a multiset. A text shorter than n tokens still yields one shingle (all its tokens);
 * an empty text yields none, so an empty prediction scores zero precision and recall rather than a perfect page.
 */
export function shingles(text: string | null | undefined, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n).join(' ');
    if (!shingle) continue;
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

export function matchPage(truth: string, predicted: string, n = 4): PageMatch {
  const t = shingles(truth, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
  }
  for (const [key, tc] of t) fn += Math.max(0, tc - (p.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp: 0, fp: 0, fn: 0 };
}

/** Exact match of the token sequences, the benchmark's "accuracy". */
export function exactTokens(truth: string, predicted: string): boolean {
  const a = tokenize(truth);
  const b = tokenize(predicted);
  return a.length === b.length && a.every((tok, i) => tok === b[i]);
}

/**
 * Mean of num/den over the pages where den > 0, as upstream does: a page with nothing predicted is left out of
 * precision (it already costs recall), and a page with nothing in its ground truth is left out of recall.
 * A page where truth and prediction are both empty has no error at all and counts as 1 in both.
 */
function meanRatio(matches: readonly PageMatch[], pick: (m: PageMatch) => number): number {
  let sum = 0;
  let count = 0;
  for (const m of matches) {
    if (m.tp === 0 && m.fp === 0 && m.fn === 0) {
      sum += 1;
      count++;
      continue;
    }
    const den = m.tp + pick(m);
    if (den > 0) {
      sum += m.tp / den;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

export function aggregate(matches: readonly PageMatch[], exact: readonly boolean[]): Scores {
  if (matches.length === 0) return { f1: 0, precision: 0, recall: 0, accuracy: 0 };
  const precision = meanRatio(matches, (m) => m.fp);
  const recall = meanRatio(matches, (m) => m.fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = exact.filter(Boolean).length / exact.length;
  return { f1, precision, recall, accuracy };
}

export interface Bootstrap {
  /** Standard deviation of each score over resamples (the benchmark's ±). */
  std: Scores;
  /** 2.5th and 97.5th percentile of F1 over resamples. */
  f1Interval: [number, number];
}

/** Resample pages with replacement, seeded, so a rerun prints the same intervals. */
export function bootstrap(matches: readonly PageMatch[], exact: readonly boolean[], resamples = 1000, seed = 42): Bootstrap {
  const rand = mulberry32(seed);
  const n = matches.length;
  const runs: Scores[] = [];
  for (let b = 0; b < resamples; b++) {
    const ms: PageMatch[] = [];
    const ex: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rand() * n);
      ms.push(matches[k]!);
      ex.push(exact[k]!);
    }
    runs.push(aggregate(ms, ex));
  }
  const std = (key: keyof Scores): number => {
    const xs = runs.map((s) => s[key]);
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  };
  const f1s = runs.map((s) => s.f1).sort((a, b) => a - b);
  const at = (q: number): number => f1s[Math.min(f1s.length - 1, Math.max(0, Math.floor(q * f1s.length)))] ?? 0;
  return {
    std: { f1: std('f1'), precision: std('precision'), recall: std('recall'), accuracy: std('accuracy') },
    f1Interval: [at(0.025), at(0.975)],
  };
}

/** Score predictions keyed by page id against the ground truth; a missing prediction counts as empty. */
export function scoreAll(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
  ids: readonly string[],
): { matches: PageMatch[]; exact: boolean[]; scores: Scores } {
  const matches = ids.map((id) => matchPage(truth.get(id) ?? '', predicted.get(id) ?? ''));
  const exact = ids.map((id) => exactTokens(truth.get(id) ?? '', predicted.get(id) ?? ''));
  return { matches, exact, scores: aggregate(matches, exact) };
}
