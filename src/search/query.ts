/**
 * Reads what a researcher types into the terms a search must all find: words split at spaces, "quoted
 * phrases" (ASCII, full-width or Chinese quotation marks) kept whole. A word mixing Chinese and English is one
 * term, matched as consecutive text. Anything malformed becomes a QueryError whose message says what to fix.
 */
import { hasSearchableText } from '../../storage/index.ts';

/** Terms beyond this many make a query nobody means, and an expensive one. */
const MAX_TERMS = 16;
const MAX_QUERY_LENGTH = 1_000;
/** Opening quotation marks and the mark that closes each. */
const QUOTES = new Map([
  ['"', '"'],
  ['＂', '＂'],
  ['“', '”'],
]);
const SPACE = /\s/u;

/** A query that cannot be searched; the message names the problem and the fix. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

export interface ParsedQuery {
  /** Words and phrases as typed, each of which must be found (AND). */
  terms: string[];
}

export function parseQuery(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) throw new QueryError(`the query is ${text.length} characters long; keep it under ${MAX_QUERY_LENGTH}`);
  const pieces = splitQuery(text);
  if (pieces.some((piece) => !piece.quoted && (piece.text === 'OR' || piece.text === 'NOT'))) {
    throw new QueryError('OR and NOT are not supported: every word of a query must be found; search for the words you want together');
  }
  // AND is what a query means anyway; text with no letters or digits (such as "！" or "--") finds nothing.
  const terms = pieces.filter((piece) => (piece.quoted || piece.text !== 'AND') && hasSearchableText(piece.text)).map((piece) => piece.text);
  if (!terms.length) {
    throw new QueryError(
      text.trim()
        ? `the query ${JSON.stringify(text.trim())} has no letters, digits or Chinese characters to search for`
        : 'the query is empty: give a word, a Chinese word of two characters or more, or a "quoted phrase"',
    );
  }
  if (terms.length > MAX_TERMS) throw new QueryError(`the query has ${terms.length} words; a search takes at most ${MAX_TERMS}: quote a long phrase`);
  return { terms };
}

interface Piece {
  text: string;
  quoted: boolean;
}

function splitQuery(text: string): Piece[] {
  const pieces: Piece[] = [];
  let word = '';
  const endWord = (): void => {
    if (word) pieces.push({ text: word, quoted: false });
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const close = QUOTES.get(char);
    if (close !== undefined) {
      endWord();
      const end = text.indexOf(close, i + 1);
      if (end < 0) {
        const after = text.slice(i + 1, i + 13).trim();
        const where = after ? `before ${after}${i + 13 < text.length ? '…' : ''}` : 'at the end';
        throw new QueryError(`unbalanced quote: the ${char} ${where} is never closed; add a closing ${close} or remove it`);
      }
      const phrase = text.slice(i + 1, end).trim();
      if (phrase) pieces.push({ text: phrase, quoted: true });
      i = end;
    } else if (SPACE.test(char)) {
      endWord();
    } else {
      word += char;
    }
  }
  endWord();
  return pieces;
}
