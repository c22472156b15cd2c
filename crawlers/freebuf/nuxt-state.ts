/**
 * FreeBuf's server-side state, `window.__NUXT__`, read without running it: a plain object literal, or the IIFE
 * Nuxt 2 writes (`(function(a,b,...){return {...}}(...))`), whose parameters are bound to its arguments. Pages
 * whose markup body is empty still carry the post here (post_title, post_content, nickname, post_date).
 */

/** A value of the state as far as a literal reader can know it; calls, `new` and the like read as undefined. */
export type JsValue = string | number | boolean | null | undefined | JsValue[] | JsObject;
/** An object literal of the state. */
export interface JsObject {
  [key: string]: JsValue;
}

/** The post found in the state; every field null when the state does not carry it. */
export interface NuxtPost {
  title: string | null;
  contentHtml: string | null;
  author: string | null;
  date: string | null;
  tags: string[];
  paidRead: boolean | null;
}

/**
 * The post held by the page's `window.__NUXT__` script, or null when there is none. With `postId`, the post
 * whose ID is that id wins over others in the state (related posts carry post_content too).
 */
export function readNuxtPost(scripts: readonly string[], postId: string | null = null): NuxtPost | null {
  const script = scripts.find((text) => /__NUXT__\s*=/.test(text));
  if (!script) return null;
  const source = script.slice(script.search(/__NUXT__\s*=/)).replace(/^__NUXT__\s*=\s*/, '');
  const state = readState(source);
  const found: FoundPost[] = [];
  if (state !== undefined) collectPosts(state, [], found);
  const chosen = found.find(({ post }) => postId !== null && idOf(post) === postId) ?? found[0];
  if (chosen) return postOf(chosen.post, chosen.ancestors);
  return scanLiterals(source);
}

/** The value a `window.__NUXT__ = ...` right-hand side evaluates to, as far as literals go. */
export function readState(source: string): JsValue {
  const trimmed = source.trimStart();
  if (trimmed.startsWith('{')) {
    const json = balancedSlice(trimmed, 0);
    if (json) {
      try {
        return JSON.parse(json) as JsValue;
      } catch {
        // Not JSON (unquoted keys, single quotes): the literal reader below handles it.
      }
    }
    return new LiteralReader(trimmed, new Map()).value();
  }
  const iife = /^\(?\s*function\s*\(([^)]*)\)\s*\{/.exec(trimmed);
  if (!iife) return undefined;
  const bodyStart = iife[0].length - 1;
  const body = balancedSlice(trimmed, bodyStart);
  if (!body) return undefined;
  const params = (iife[1] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const callStart = /^\s*\)?\s*\(/.exec(trimmed.slice(bodyStart + body.length));
  const args = callStart ? new LiteralReader(trimmed, new Map(), bodyStart + body.length + callStart[0].length).list(')') : [];
  const env = new Map(params.map((name, index) => [name, args[index]] as const));
  const returnAt = topLevelReturn(body);
  return returnAt < 0 ? undefined : new LiteralReader(body, env, returnAt + 'return'.length).value();
}

interface FoundPost {
  post: JsObject;
  ancestors: JsObject[];
}

/** Every object that has a string post_content, depth first, with its ancestors (nearest first). */
function collectPosts(value: JsValue, ancestors: JsObject[], found: FoundPost[]): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collectPosts(item, ancestors, found));
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.post_content === 'string') {
    found.push({ post: value, ancestors });
    return;
  }
  Object.values(value).forEach((child) => collectPosts(child, [value, ...ancestors], found));
}

function idOf(post: JsObject): string | null {
  return stringOrNull(post.ID ?? post.id ?? post.post_id ?? null);
}

function postOf(post: JsObject, ancestors: JsObject[]): NuxtPost {
  // The nickname sits in the post or in an author object beside it. Lists (related posts, comments) and scopes
  // further up (the signed-in user's state) are not searched, so no other person's name is taken.
  const parent = ancestors[0];
  const author = nicknameIn(post, 3) ?? (parent ? nicknameIn(parent, 2) : null);
  return {
    title: stringOrNull(post.post_title),
    contentHtml: stringOrNull(post.post_content),
    author,
    date: stringOrNull(post.post_date),
    tags: tagsOf(post.tags ?? post.tag),
    paidRead: post.paid_read === undefined || post.paid_read === null ? null : Boolean(post.paid_read),
  };
}

function nicknameIn(scope: JsObject, depth: number): string | null {
  const own = stringOrNull(scope.nickname);
  if (own || depth === 0) return own;
  for (const child of Object.values(scope)) {
    if (isObject(child) && typeof child.post_content !== 'string') {
      const found = nicknameIn(child, depth - 1);
      if (found) return found;
    }
  }
  return null;
}

function tagsOf(value: JsValue): string[] {
  if (typeof value === 'string') return value.split(/[,，]/).map((tag) => tag.trim()).filter(Boolean);
  if (!Array.isArray(value)) return [];
  const names = value.map((tag) => (isObject(tag) ? (stringOrNull(tag.name) ?? stringOrNull(tag.tag_name)) : stringOrNull(tag)));
  return [...new Set(names.filter((name): name is string => !!name))];
}

/** Last resort for state the reader cannot follow: the first string literal after each key. */
function scanLiterals(source: string): NuxtPost | null {
  const literal = (key: string): string | null => {
    const match = new RegExp(`["']?\\b${key}["']?\\s*:\\s*(?=["'])`).exec(source);
    if (!match) return null;
    const value = new LiteralReader(source, new Map(), match.index + match[0].length).value();
    return typeof value === 'string' ? value.trim() || null : null;
  };
  const contentHtml = literal('post_content');
  if (!contentHtml) return null;
  return { title: literal('post_title'), contentHtml, author: literal('nickname'), date: literal('post_date'), tags: [], paidRead: null };
}

/** Reads JavaScript literals: objects, arrays, strings, numbers, keywords and bound names. */
class LiteralReader {
  private pos: number;

  constructor(
    private readonly text: string,
    private readonly env: ReadonlyMap<string, JsValue>,
    start = 0,
  ) {
    this.pos = start;
  }

  /** One value; anything that is not a literal is skipped and reads as undefined. */
  value(): JsValue {
    this.skipSpace();
    const char = this.text[this.pos];
    if (char === undefined) return undefined;
    if (char === '{') return this.object();
    if (char === '[') return this.list(']');
    if (char === '"' || char === "'") return this.string();
    if (/[-+\d.]/.test(char)) return this.number();
    if (/[A-Za-z_$]/.test(char)) return this.word();
    this.skipExpression();
    return undefined;
  }

  /** Comma-separated values up to `close`, which the reader has just passed the opening of. */
  list(close: ']' | ')'): JsValue[] {
    if (this.text[this.pos] === '[' && close === ']') this.pos++;
    const items: JsValue[] = [];
    for (;;) {
      this.skipSpace();
      const char = this.text[this.pos];
      if (char === undefined) return items;
      if (char === close) {
        this.pos++;
        return items;
      }
      if (char === ',') {
        // An elision (`[a,,b]`) is a hole.
        items.push(undefined);
        this.pos++;
        continue;
      }
      const before = this.pos;
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close && this.pos === before) this.pos++;
    }
  }

  private object(): JsObject {
    this.pos++;
    const result: JsObject = {};
    for (;;) {
      this.skipSpace();
      const char = this.text[this.pos];
      if (char === undefined) return result;
      if (char === '}') {
        this.pos++;
        return result;
      }
      if (char === ',') {
        this.pos++;
        continue;
      }
      const before = this.pos;
      const key = this.key();
      this.skipSpace();
      if (key === null || this.text[this.pos] !== ':') {
        this.skipExpression();
        if (this.pos === before) this.pos++;
        continue;
      }
      this.pos++;
      const value = this.value();
      // Own property only: a key such as __proto__ must not reach the prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }

  private key(): string | null {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") return this.string();
    const match = /^[\w$]+/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!match) return null;
    this.pos += match[0].length;
    return match[0];
  }

  private string(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++] as string;
      if (char === quote) return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      out += this.escape();
    }
    return out;
  }

  private escape(): string {
    const char = this.text[this.pos++];
    switch (char) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case '\r':
        if (this.text[this.pos] === '\n') this.pos++;
        return '';
      case '\n':
      case '\u2028':
      case '\u2029':
        return '';
      case 'x': return this.codePoint(/^[0-9a-fA-F]{2}/);
      case 'u':
        if (this.text[this.pos] === '{') {
          const end = this.text.indexOf('}', this.pos);
          const hex = this.text.slice(this.pos + 1, end);
          if (end > 0 && /^[0-9a-fA-F]{1,6}$/.test(hex) && Number.parseInt(hex, 16) <= 0x10ffff) {
            this.pos = end + 1;
            return String.fromCodePoint(Number.parseInt(hex, 16));
          }
          return 'u';
        }
        return this.codePoint(/^[0-9a-fA-F]{4}/);
      default:
        return char ?? '';
    }
  }

  private codePoint(pattern: RegExp): string {
    const hex = pattern.exec(this.text.slice(this.pos, this.pos + 4))?.[0];
    if (!hex) return '';
    this.pos += hex.length;
    return String.fromCharCode(Number.parseInt(hex, 16));
  }

  private number(): number | undefined {
    const match = /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) {
      this.skipExpression();
      return undefined;
    }
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private word(): JsValue {
    const match = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 256));
    const word = match?.[0] ?? '';
    this.pos += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word === 'void') {
      this.value();
      return undefined;
    }
    this.skipSpace();
    const next = this.text[this.pos];
    if (word === 'new' || next === '(' || next === '.' || next === '[') {
      // A call, a constructor or a member access: nothing a literal reader can know.
      this.skipExpression();
      return undefined;
    }
    return this.env.get(word);
  }

  /** Move past the rest of an expression: to the next comma or closing bracket at this depth. */
  private skipExpression(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos] as string;
      if (char === '"' || char === "'" || char === '`') {
        this.skipQuoted(char);
        continue;
      }
      if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) return;
        depth--;
      } else if (char === ',' && depth === 0) return;
      this.pos++;
    }
  }

  private skipQuoted(quote: string): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++];
      if (char === '\\') this.pos++;
      else if (char === quote) return;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos, this.pos + 2);
      if (/^\s/.test(rest)) this.pos++;
      else if (rest === '/*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }
}

/** The text from an opening bracket at `start` to its matching close, quotes respected; null if unbalanced. */
function balancedSlice(text: string, start: number): string | null {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      i = endOfQuoted(text, i);
      continue;
    }
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}

/** Where `return` starts at the top level of a function body (`{...}`), or -1. */
function topLevelReturn(body: string): number {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '"' || char === "'" || char === '`') {
      i = endOfQuoted(body, i);
      continue;
    }
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    else if (depth === 1 && body.startsWith('return', i) && !/[\w$]/.test(body[i - 1] ?? '') && !/[\w$]/.test(body[i + 6] ?? '')) {
      return i;
    }
  }
  return -1;
}

function endOfQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

function isObject(value: JsValue): value is JsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: JsValue): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
