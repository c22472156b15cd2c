/**
 * Escaping for the HTML and XML the report writes (report-html.ts, diff-html.ts, atom-feed.ts): archived text is
 * hostile input, so every piece of it goes through here, whether between tags or inside a quoted attribute.
 */

// Characters XML 1.0 forbids even as references, and halves of surrogate pairs: dropped, not escaped.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe between tags and inside a quoted attribute, in HTML and in XML. */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** A link target safe to write: http(s) and relative paths pass, anything else (javascript:, data:) becomes "#". */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^https?:/i.test(trimmed)) return '#';
  return escapeMarkup(trimmed);
}
