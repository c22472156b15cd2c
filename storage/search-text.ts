/**
 * How text becomes searchable, for the index writes (search-repo.ts) and the query side alike: text is folded
 * to simplified Chinese (OpenCC t2s) with full-width ASCII made plain, then every run of CJK characters is
 * written as its overlapping bigrams followed by its last character, so a phrase of bigrams finds any Chinese
 * substring of two characters or more. Other words are left to FTS5's unicode61 tokenizer (case, diacritics).
 */
import { toSimplified } from './simplified.ts';

/** Letters of the CJK scripts (not their radicals and other symbols, which unicode61 drops as separators). */
const CJK_LETTER = '[[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}]&&[\\p{L}\\p{Nl}]]';
// Built with `new RegExp` because the `v` flag (set intersection) is newer than the compiler's target.
const CJK_RUN = new RegExp(`${CJK_LETTER}+`, 'gv');
const CJK_TEST = new RegExp(`^${CJK_LETTER}$`, 'v');
/** Per BMP code unit: 0 not looked at yet, 1 not a CJK letter, 2 a CJK letter (the regex's answer, cached). */
const BMP_CJK = new Uint8Array(0x10000);
const SPACE = 0x20;
const UTF16 = new TextDecoder('utf-16le');
/** The buffer indexTokens writes into, grown as needed. */
let units = new Uint16Array(4096);
/** What unicode61 keeps as a token character; text without any has nothing to search for. */
const TOKEN_CHAR = /[\p{L}\p{N}]/u;
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/**
 * Text as the index sees it: simplified characters (OpenCC's t2s, phrase-aware), full-width ASCII letters,
 * digits and punctuation as plain ASCII. Apply it to indexed text and queries alike. Nearly always the same
 * length as its input, but not quite always: a few characters fold to one outside the BMP.
 */
export function foldForSearch(text: string): string {
  return toSimplified(text).replace(FULL_WIDTH, (char: string) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

/** A topic tag as the tag filter compares it: folded, trimmed, lower case (SQL's `search_fold` does the same). */
export function foldTag(tag: string): string {
  return foldForSearch(tag).trim().toLowerCase();
}

/**
 * The token text the index stores for folded text. A CJK run ends with its last character alone: a
 * run's last bigram is then never next to the first bigram of the run after it, so no phrase matches across
 * punctuation, and a single character can be found as a prefix.
 */
export function indexTokens(folded: string): string {
  // Written code unit by code unit into a buffer: measured about three times faster than building a string,
  // and this runs over every article version's whole text.
  if (units.length < folded.length * 3 + 3) units = new Uint16Array(folded.length * 4 + 3);
  let length = 0;
  /** The CJK letter before this one in the current run, as one or two code units; 0 outside a run. */
  let previous = 0;
  let previousLow = 0;
  const closeRun = (): void => {
    units[length++] = previous;
    if (previousLow) units[length++] = previousLow;
    units[length++] = SPACE;
    previous = 0;
  };
  for (let i = 0; i < folded.length; ) {
    const code = folded.codePointAt(i)!;
    const high = folded.charCodeAt(i);
    const low = code > 0xffff ? folded.charCodeAt(i + 1) : 0;
    if (isCjkLetter(code)) {
      if (previous) {
        units[length++] = previous;
        if (previousLow) units[length++] = previousLow;
        units[length++] = high;
        if (low) units[length++] = low;
      }
      units[length++] = SPACE;
      previous = high;
      previousLow = low;
    } else {
      if (previous) closeRun();
      units[length++] = high;
      if (low) units[length++] = low;
    }
    i += low ? 2 : 1;
  }
  if (previous) closeRun();
  return UTF16.decode(units.subarray(0, length));
}

function isCjkLetter(code: number): boolean {
  // Below the Hangul Jamo block nothing is a CJK letter; that is most of what is not Chinese.
  if (code < 0x1100) return false;
  if (code > 0xffff) return CJK_TEST.test(String.fromCodePoint(code));
  let known = BMP_CJK[code]!;
  if (known === 0) {
    known = CJK_TEST.test(String.fromCharCode(code)) ? 2 : 1;
    BMP_CJK[code] = known;
  }
  return known === 2;
}

/** True when the text has something the index can find (a letter or a digit). */
export function hasSearchableText(text: string): boolean {
  return TOKEN_CHAR.test(text);
}

/**
 * The FTS5 phrase that matches a term as consecutive text (a substring for Chinese, whole words otherwise),
 * or null when the term has nothing searchable. The term is quoted, so no FTS5 syntax can come through it.
 */
export function termPhrase(term: string): string | null {
  const folded = foldForSearch(term);
  if (!hasSearchableText(folded)) return null;
  const runs = [...folded.matchAll(CJK_RUN)];
  const last = runs.at(-1);
  // The term's final CJK run may continue in the text, so its closing character is not asked for; a final
  // run of one character is a prefix of whatever bigram follows it.
  const trailing = last !== undefined && !hasSearchableText(folded.slice(last.index + last[0].length));
  let prefix = false;
  let position = 0;
  let tokens = '';
  for (const run of runs) {
    const chars = Array.from(run[0]);
    const closes = !(trailing && run === last);
    if (!closes && chars.length === 1) prefix = true;
    tokens += `${folded.slice(position, run.index)} ${runTokens(chars, closes || chars.length === 1)} `;
    position = run.index + run[0].length;
  }
  tokens += folded.slice(position);
  return `"${tokens.trim().replaceAll('"', '""')}"${prefix ? ' *' : ''}`;
}

/** A run's bigrams, then its last character when the run is known to end there. */
function runTokens(chars: string[], closed: boolean): string {
  if (chars.length === 1) return chars[0]!;
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  if (closed) tokens.push(chars[chars.length - 1]!);
  return tokens.join(' ');
}

/** A letter or digit that is not CJK: what makes up the words unicode61 splits out. */
const WORD_CHAR = `[[\\p{L}\\p{N}]--${CJK_LETTER}]`;
const PIECE = new RegExp(`${CJK_LETTER}+|${WORD_CHAR}+`, 'gv');

/**
 * A pattern finding a term in folded text as the index matches it: Chinese as a substring, other words whole
 * and case-insensitively, pieces apart by anything but letters and digits. For highlighting: it does not
 * undo diacritics as the index does. Null when the term has nothing searchable.
 */
export function termPattern(term: string): RegExp | null {
  const pieces = [...foldForSearch(term).matchAll(PIECE)].map((match) => match[0]);
  if (!pieces.length) return null;
  const isCjk = (piece: string): boolean => new RegExp(`^${CJK_LETTER}`, 'v').test(piece);
  let source = '';
  pieces.forEach((piece, i) => {
    const cjk = isCjk(piece);
    if (i > 0) source += cjk === isCjk(pieces[i - 1]!) ? '[^\\p{L}\\p{N}]+' : '[^\\p{L}\\p{N}]*';
    // Pieces are letters and digits only: nothing in them needs escaping.
    source += cjk ? piece : `(?<!${WORD_CHAR})${piece}(?!${WORD_CHAR})`;
  });
  return new RegExp(source, 'giv');
}
