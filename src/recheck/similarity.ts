/**
 * How alike two texts are, for soft-404 detection: the Dice coefficient of their character bigram sets,
 * which works for Chinese (no word boundaries) and for markup-free text of any language.
 */

/** Texts are compared on at most this many characters: enough to tell a page from an error page. */
const MAX_CHARS = 20_000;

function bigrams(text: string): Set<string> {
  const compact = text.replace(/\s+/g, ' ').trim().slice(0, MAX_CHARS);
  const set = new Set<string>();
  for (let i = 0; i < compact.length - 1; i++) set.add(compact.slice(i, i + 2));
  return set;
}

/** 1 for the same bigram set, 0 for nothing in common; two empty texts count as the same. */
export function textSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (!left.size && !right.size) return 1;
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return (2 * shared) / (left.size + right.size);
}
