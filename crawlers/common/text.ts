/**
 * Small text helpers shared by adapters and the import of mirror files: whitespace squashing, one-line text,
 * a title's 【column】, percent-decoding that never throws, and HTML escaping of text.
 */

/** Whitespace runs (non-breaking spaces included) as one space, trimmed. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Text on one line (whitespace runs as one space, trimmed), or null when nothing is left. */
export function oneLine(text: string | null | undefined): string | null {
  return (text ?? '').replace(/\s+/g, ' ').trim() || null;
}

/** A column name in brackets at the head of a title, as Chinese news sites mark it: 【网络民议】. */
const COLUMN_PREFIX = /^【([^】]{1,12})】\s*/;

/** A title with its headline (the title without a leading 【column】) and that column, or null when none. */
export function titleParts(title: string): { title: string; headline: string; column: string | null } {
  return { title, headline: title.replace(COLUMN_PREFIX, '').trim(), column: COLUMN_PREFIX.exec(title)?.[1] ?? null };
}

/** Percent-decoded text, or the text as it is when it is not valid percent-encoding. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Text made safe to place between HTML tags. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
