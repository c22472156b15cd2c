/**
 * Turns captured bytes into text: undoes Content-Encoding for reading, then finds the charset (BOM, header,
 * <meta> or XML declaration, sniffing) and decodes with the WHATWG decoders Node ships. The raw bytes stay
 * untouched in the capture; this module only derives text from them. Used by capture-fetcher.ts.
 */
import { analyse } from 'chardet';
import {
  brotliDecompressSync,
  constants as zlibConstants,
  gunzipSync,
  inflateRawSync,
  inflateSync,
  type ZlibOptions,
  type BrotliOptions,
} from 'node:zlib';

/** Where the charset used for decoding came from. */
export type CharsetSource = 'header' | 'bom' | 'meta' | 'sniff' | 'default';

/** Text decoded from a body, with the charset that decoded it. */
export interface DecodedBody {
  text: string;
  /** WHATWG canonical name (utf-8, gbk, gb18030, big5, windows-1252, ...). */
  charset: string;
  source: CharsetSource;
}

/** Why a body could not be turned into text. */
export interface DecodeError {
  error: string;
}

/** How much of the start of a document is searched for <meta charset> or an XML declaration. */
const PRESCAN_BYTES = 4096;
/** How many bytes chardet looks at: enough for a confident guess, bounded so huge pages stay cheap. */
const SNIFF_SAMPLE_BYTES = 64 * 1024;
/**
 * A decode fails only when undecodable sequences are more than this share of the non-ASCII characters (and
 * more than MAX_STRAY_BYTES in all): a GBK page with a few stray bytes still reads, while GBK bytes read as
 * UTF-8 turn nearly every Chinese character into U+FFFD and fail.
 */
const MAX_BAD_SHARE = 0.05;
const MAX_STRAY_BYTES = 3;

/** True for media types whose body is text: text/*, HTML, XML and JSON (with +xml/+json suffixes), scripts. */
export function isTextContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mime = mimeEssence(contentType);
  if (mime.startsWith('text/')) return true;
  if (mime.endsWith('+xml') || mime.endsWith('+json')) return true;
  return TEXT_APPLICATION_TYPES.has(mime);
}

const TEXT_APPLICATION_TYPES = new Set([
  'application/xml',
  'application/json',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/xhtml+xml',
]);

/**
 * Guesses whether an unlabelled body is text: no NUL byte in its first kilobyte. Servers that omit
 * Content-Type mostly serve HTML; images and archives almost always have a NUL early on. A UTF-16 body has
 * NULs too, but only behind a BOM, which is checked first.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bomEncoding(bytes) !== null) return true;
  const end = Math.min(bytes.length, 1024);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return false;
  return true;
}

/** The charset parameter of a Content-Type value, or null when it has none. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]*))/i.exec(contentType);
  const label = (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim();
  return label === '' ? null : label;
}

/**
 * Decodes a (content-decoded) body to text. Order: BOM, the Content-Type charset, <meta charset>,
 * <meta http-equiv content="...charset="> or the XML declaration in the first 4 KB, then sniffing (valid
 * UTF-8, else chardet), and UTF-8 by default. A Content-Type charset no decoder knows is an error; an unknown
 * <meta> label is skipped, since templates leave junk there that browsers ignore too.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody | DecodeError {
  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeWith(bytes, bom, 'bom');

  const declared = charsetFromContentType(contentType);
  if (declared !== null) {
    const encoding = resolveLabel(declared);
    if (encoding === null) return { error: `unknown charset "${declared}" in Content-Type` };
    return decodeWith(bytes, encoding, 'header');
  }

  const inDocument = prescanDocument(bytes);
  if (inDocument !== null) return decodeWith(bytes, inDocument, 'meta');

  return sniff(bytes);
}

/** A decoder choice: the name reported and the decoder actually used (they differ for gbk). */
interface Encoding {
  name: string;
  decoder: string;
}

/**
 * Maps a charset label to a decoder Node knows, or null. WHATWG makes gbk (and gb2312, which labels it) decode
 * exactly as gb18030, but Node's ICU 'gbk' decoder rejects GB18030's four-byte sequences, which GBK-labelled
 * pages do contain, so gbk decodes with gb18030 while keeping its name.
 */
function resolveLabel(label: string): Encoding | null {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
  return { name, decoder: name === 'gbk' ? 'gb18030' : name };
}

function bomEncoding(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: 'utf-8', decoder: 'utf-8' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', decoder: 'utf-16be' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', decoder: 'utf-16le' };
  return null;
}

const decoders = new Map<string, TextDecoder>();

function decoderFor(encoding: string, fatal: boolean): TextDecoder {
  const key = `${encoding}|${fatal}`;
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    decoder = new TextDecoder(encoding, { fatal });
    decoders.set(key, decoder);
  }
  return decoder;
}

function decodeWith(bytes: Uint8Array, encoding: Encoding, source: CharsetSource): DecodedBody | DecodeError {
  const result = tryDecode(bytes, encoding);
  if ('error' in result) return result;
  return { text: result.text, charset: encoding.name, source };
}

function tryDecode(bytes: Uint8Array, encoding: Encoding): { text: string } | DecodeError {
  try {
    return { text: decoderFor(encoding.decoder, true).decode(bytes) };
  } catch {
    // Not clean: decode leniently and judge how much was lost.
  }
  const text = decoderFor(encoding.decoder, false).decode(bytes);
  let bad = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) nonAscii++;
    if (code === 0xfffd) bad++;
  }
  if (bad > MAX_STRAY_BYTES && bad > nonAscii * MAX_BAD_SHARE) {
    return { error: `bytes invalid in ${encoding.name}: ${bad} of ${nonAscii} non-ASCII characters undecodable` };
  }
  return { text };
}

/**
 * Finds a charset declared inside the document: an XML declaration at the start, else the first <meta> that
 * declares one a decoder knows. A simplified form of the HTML prescan, run over the first 4 KB.
 */
function prescanDocument(bytes: Uint8Array): Encoding | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');

  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1] !== undefined) {
    const encoding = resolveLabel(xml[1]);
    if (encoding !== null) return encoding;
  }

  const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const meta of withoutComments.matchAll(/<meta\b([^>]*)>?/gi)) {
    const attrs = parseAttributes(meta[1] ?? '');
    let label = attrs.get('charset') ?? null;
    if (label === null && attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      label = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attrs.get('content') ?? '')?.[1] ?? null;
    }
    if (label === null) continue;
    const encoding = resolveLabel(label);
    if (encoding === null) continue;
    // HTML: a document that really were UTF-16 could not have been read this far as ASCII.
    if (encoding.name === 'utf-16le' || encoding.name === 'utf-16be') return { name: 'utf-8', decoder: 'utf-8' };
    if (encoding.name === 'x-user-defined') return { name: 'windows-1252', decoder: 'windows-1252' };
    return encoding;
  }
  return null;
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=\/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** chardet's names that TextDecoder cannot use (or that would mislead), skipped when sniffing. */
const UNUSABLE_SNIFFS = new Set(['iso-2022-cn', 'iso-2022-kr', 'iso_2022', 'utf-32', 'utf-32be', 'utf-32le', 'mbcs']);

function sniff(bytes: Uint8Array): DecodedBody | DecodeError {
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  // Pure ASCII reads the same in any charset we would pick: nothing to sniff.
  if (firstHigh === -1) return { text: decoderFor('utf-8', false).decode(bytes), charset: 'utf-8', source: 'default' };

  try {
    return { text: decoderFor('utf-8', true).decode(bytes), charset: 'utf-8', source: 'sniff' };
  } catch {
    // Not UTF-8: ask chardet.
  }

  // Sample where the non-ASCII text starts: a page whose first 64 KB is ASCII markup would otherwise look
  // like plain Latin-1.
  const from = Math.max(0, firstHigh - 1024);
  const sample = bytes.subarray(from, from + SNIFF_SAMPLE_BYTES);
  let lastError: DecodeError | null = null;
  for (const match of analyse(sample)) {
    if (UNUSABLE_SNIFFS.has(match.name.toLowerCase())) continue;
    const encoding = resolveLabel(match.name);
    if (encoding === null) continue;
    const result = tryDecode(bytes, encoding);
    if ('error' in result) {
      lastError = result;
      continue;
    }
    return { text: result.text, charset: encoding.name, source: 'sniff' };
  }
  return lastError ?? { error: 'charset could not be determined' };
}

/** Options for undoing Content-Encoding. */
export interface ContentDecodeOptions {
  /** Return what decodes from a cut-off stream instead of failing (for truncated or capped bodies). */
  partial?: boolean;
  /** Refuse to produce more than this many bytes: a small compressed body can expand enormously. */
  maxOutputBytes?: number;
}

/**
 * Undoes a Content-Encoding (gzip, x-gzip, deflate, br; a comma-separated list is undone last first;
 * identity is a no-op). Unknown codings and corrupt streams are errors.
 */
export function decodeContentEncoding(
  bytes: Uint8Array,
  encoding: string,
  options: ContentDecodeOptions = {},
): { bytes: Uint8Array } | DecodeError {
  const codings = encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  const unknown = codings.find((c) => !KNOWN_CODINGS.has(c));
  if (unknown !== undefined) return { error: `unsupported content-encoding "${unknown}"` };
  if (bytes.length === 0) return { bytes };

  const zlibOptions: ZlibOptions = {};
  const brotliOptions: BrotliOptions = {};
  if (options.partial === true) {
    zlibOptions.finishFlush = zlibConstants.Z_SYNC_FLUSH;
    brotliOptions.finishFlush = zlibConstants.BROTLI_OPERATION_FLUSH;
  }
  if (options.maxOutputBytes !== undefined) {
    zlibOptions.maxOutputLength = options.maxOutputBytes;
    brotliOptions.maxOutputLength = options.maxOutputBytes;
  }

  let current: Uint8Array = bytes;
  for (const coding of codings.reverse()) {
    try {
      if (coding === 'br') current = brotliDecompressSync(current, brotliOptions);
      else if (coding === 'deflate') current = inflateEither(current, zlibOptions);
      else current = gunzipSync(current, zlibOptions);
    } catch (err) {
      return { error: `${coding} decoding failed: ${(err as Error).message}` };
    }
  }
  return { bytes: current };
}

const KNOWN_CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** HTTP "deflate" means zlib-wrapped, but enough servers send raw deflate that both are tried. */
function inflateEither(bytes: Uint8Array, options: ZlibOptions): Buffer {
  try {
    return inflateSync(bytes, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'Z_DATA_ERROR') throw err;
    return inflateRawSync(bytes, options);
  }
}

function mimeEssence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}
