/**
 * A MinHash fingerprint of an article's extracted text, for finding near-identical copies across pages and
 * sources. The text is reduced to letters and digits (NFKC, lower case, no spacing or punctuation), cut into
 * overlapping shingles of SHINGLE_CHARS characters, and summarised by one-permutation MinHash: each shingle's
 * hash falls into one of MINHASH_SIZE bins, each bin keeps its least hash, and an empty bin borrows a filled
 * one's (optimal densification, Shrivastava 2017). The share of equal positions between two signatures
 * estimates the Jaccard similarity of their shingle sets, as with MINHASH_SIZE independent hash functions, at
 * one hash per shingle instead of MINHASH_SIZE (a quarter of the time on banned-news2's articles). Bands of
 * BAND_ROWS positions are hashed into lookup keys (LSH), so a lookup reads only the articles sharing a band.
 * fingerprint-repo.ts stores them with each article version.
 */

/** Characters per shingle: long enough that unrelated Chinese texts share few, short enough to survive edits. */
export const SHINGLE_CHARS = 5;
/** Positions (bins) per signature. */
export const MINHASH_SIZE = 64;
/**
 * Positions per band. With 16 bands of 4, texts of similarity 0.6 share a band with probability 0.89, of 0.7
 * with 0.99, of 0.3 with 0.12: a candidate is then confirmed by the whole signature.
 */
export const BAND_ROWS = 4;
export const BAND_COUNT = MINHASH_SIZE / BAND_ROWS;

/** Fewer shingles than this and a text is too short to say anything about copies (a notice, a caption). */
export const MIN_SHINGLES = 20;

export interface TextFingerprint {
  /** MINHASH_SIZE unsigned 32-bit minima. */
  signature: Uint32Array;
  /** How many distinct shingles the text has. */
  shingles: number;
}

/** Bits of a shingle's hash that pick its bin (MINHASH_SIZE = 2^6); the other 26 are its value in the bin. */
const BIN_BITS = 6;
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;
const EMPTY = 0xffffffff;
const MAX_PROBES = 4096;

/** The fingerprint of a text, or null when it holds no letters or digits. */
export function fingerprintText(text: string): TextFingerprint | null {
  const hashes = shingleHashes(text);
  if (hashes.length === 0) return null;
  const signature = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  // A repeated shingle cannot lower a bin's minimum, so every hash goes in, repeats included.
  for (const hash of hashes) {
    const bin = hash >>> (32 - BIN_BITS);
    const value = hash & VALUE_MASK;
    if (value < signature[bin]!) signature[bin] = value;
  }
  densify(signature);
  return { signature, shingles: countDistinct(hashes) };
}

/**
 * Fill each empty bin with the value of the first filled bin its own fixed probe sequence meets, so that two
 * texts agree on an empty bin as often as MinHash would (optimal densification). Bins keep their 26-bit
 * values, never EMPTY, so an empty bin cannot match another empty bin by accident.
 */
function densify(signature: Uint32Array): void {
  const filled = signature.map((value) => (value === EMPTY ? 0 : 1));
  for (let bin = 0; bin < MINHASH_SIZE; bin++) {
    if (filled[bin]) continue;
    for (let attempt = 1; ; attempt++) {
      // Past MAX_PROBES (one filled bin in 64 is found within about 64), the next filled bin: the loop must end.
      const probe = attempt <= MAX_PROBES ? mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> (32 - BIN_BITS) : (bin + attempt) % MINHASH_SIZE;
      if (filled[probe]) {
        signature[bin] = signature[probe]!;
        break;
      }
    }
  }
}

/** The LSH keys of a signature: one per band, the band's number in the high bits so bands never collide. */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BAND_COUNT; band++) {
    let hash = 0x811c9dc5;
    for (let row = 0; row < BAND_ROWS; row++) hash = mix32(hash ^ signature[band * BAND_ROWS + row]!);
    // Below 2^36: an exact integer in JavaScript and in SQLite.
    keys.push(band * 2 ** 32 + hash);
  }
  return keys;
}

/** The estimated Jaccard similarity of two texts' shingle sets, from 0 to 1. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let index = 0; index < MINHASH_SIZE; index++) if (a[index] === b[index]) equal++;
  return equal / MINHASH_SIZE;
}

/** A signature as stored: little-endian bytes. */
export function signatureBytes(signature: Uint32Array): Buffer {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((value, index) => bytes.writeUInt32LE(value, index * 4));
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: Math.floor(bytes.byteLength / 4) }, (_, index) => buffer.readUInt32LE(index * 4));
}

/** The 32-bit hash of each of the text's shingles, in order, repeats included. */
function shingleHashes(text: string): Uint32Array {
  const cleaned = text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{C}]+/gu, '');
  // Code points, not UTF-16 units: a character outside the BMP is one character of a shingle (read by hand, as
  // codePointAt does, because iterating the string makes a string of every character).
  const chars = new Uint32Array(cleaned.length);
  let length = 0;
  for (let at = 0; at < cleaned.length; at++) {
    const code = cleaned.codePointAt(at)!;
    if (code > 0xffff) at++;
    chars[length++] = code;
  }
  if (length === 0) return new Uint32Array(0);
  const width = Math.min(SHINGLE_CHARS, length);
  const hashes = new Uint32Array(length - width + 1);
  for (let start = 0; start < hashes.length; start++) {
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < width; offset++) hash = Math.imul(hash ^ chars[start + offset]!, 0x01000193);
    hashes[start] = mix32(hash);
  }
  return hashes;
}

/**
 * How many different values there are, by open addressing in a typed array: several times faster than a Set of
 * numbers above 2^30, which V8 keeps as heap numbers. The values are already well mixed, so they index the table
 * directly. 0 marks a free slot, and the value 0 is counted apart.
 */
function countDistinct(values: Uint32Array): number {
  let size = 16;
  while (size < values.length * 2) size *= 2;
  const table = new Uint32Array(size);
  const mask = size - 1;
  let distinct = 0;
  let zero = 0;
  for (const value of values) {
    if (value === 0) {
      zero = 1;
      continue;
    }
    let slot = value & mask;
    while (table[slot] !== 0 && table[slot] !== value) slot = (slot + 1) & mask;
    if (table[slot] === 0) {
      table[slot] = value;
      distinct++;
    }
  }
  return distinct + zero;
}

/** MurmurHash3's finaliser: a bijective 32-bit mix. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
