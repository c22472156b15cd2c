/**
 * Traditional to simplified Chinese (OpenCC's t2s, through opencc-js), made cheap for text that is simplified
 * already: a table lookup per character decides whether any t2s rule could change the text, and only then
 * does the converter walk its trie over it. test/search/simplified.test.ts checks the shortcut against the
 * converter itself.
 */
import { Converter, Locale } from 'opencc-js/t2cn';

/** What a character may start: a change of its own, or a phrase whose change lies in other characters. */
const CHANGES = 1;
const STARTS_PHRASE = 2;
/** High surrogates: the character is outside the BMP and is looked up whole. */
const ASTRAL = 4;

interface Simplifier {
  convert: (text: string) => string;
  /** Flags per BMP code unit. */
  flags: Uint8Array;
  astral: Set<string>;
  /** Phrases that change text without holding a character that changes on its own, by first character. */
  phrases: Map<string, string[]>;
}

let simplifier: Simplifier | null = null;

/** The text in simplified characters, exactly as OpenCC's t2s converts it. */
export function toSimplified(text: string): string {
  // Built once per process, on first use (a few milliseconds).
  const s = (simplifier ??= buildSimplifier());
  return mayChange(s, text) ? s.convert(text) : text;
}

function mayChange(s: Simplifier, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const flags = s.flags[text.charCodeAt(i)]!;
    if (flags === 0) continue;
    if (flags & CHANGES) return true;
    if (flags & ASTRAL && s.astral.has(String.fromCodePoint(text.codePointAt(i)!))) return true;
    if (flags & STARTS_PHRASE && s.phrases.get(text[i]!)!.some((phrase) => text.startsWith(phrase, i))) return true;
  }
  return false;
}

/** Dictionary entries of t2s (phrases and characters), as [from, to] pairs. */
export function t2sEntries(): [string, string][] {
  const entries: [string, string][] = [];
  for (const group of Locale.to.cn ?? []) {
    for (const dict of group) {
      if (typeof dict === 'string') for (const entry of dict.split('|')) entries.push(entry.split(' ') as [string, string]);
      else for (const [from, to] of dict) entries.push([from, to]);
    }
  }
  return entries;
}

function buildSimplifier(): Simplifier {
  const entries = t2sEntries().filter(([from, to]) => from !== to);
  const single = new Set(entries.map(([from]) => from).filter((from) => Array.from(from).length === 1));
  const flags = new Uint8Array(0x10000);
  const astral = new Set<string>();
  for (const char of single) {
    if (char.length === 1) flags[char.charCodeAt(0)]! |= CHANGES;
    else astral.add(char);
  }
  // t2s first normalises CJK compatibility ideographs to their unified characters.
  for (let code = 0xf900; code <= 0xfaff; code++) flags[code]! |= CHANGES;
  for (let code = 0x2f800; code <= 0x2fa1f; code++) astral.add(String.fromCodePoint(code));
  for (let code = 0xd800; code <= 0xdbff; code++) flags[code]! |= ASTRAL;
  const phrases = new Map<string, string[]>();
  for (const [from] of entries) {
    const chars = Array.from(from);
    if (chars.length < 2 || chars.some((char) => single.has(char))) continue;
    const first = chars[0]!;
    // A phrase starting outside the BMP: its first character is looked up whole, so it counts as changing.
    if (first.length > 1) astral.add(first);
    else flags[first.charCodeAt(0)]! |= STARTS_PHRASE;
    phrases.set(first, [...(phrases.get(first) ?? []), from]);
  }
  return { convert: Converter({ from: 't', to: 'cn' }), flags, astral, phrases };
}
