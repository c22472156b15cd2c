/**
 * Small text helpers shared by adapters and the import of mirror files: whitespace squashing, one-line text,
 * percent-decoding that never throws, and HTML escaping of text.
 */

/** Whitespace runs (non-breaking spaces included) as one space, trimmed. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Text on one line (whitespace runs as one space, trimmed), or null when nothing is left. */
export function oneLine(text: string | null | undefined): string | null {
  return (text ?? '').replace(/\s+/g, ' ').trim() || null;
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
