/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already SafeHtml, so a
 * title, a URL or a comment from an archived page can never become markup in the app's own pages.
 */
import { escapeMarkup, safeHref } from '../report/markup.ts';

/** Markup known to be safe: built by `html` or `raw` only. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

/** Escapes text for an element's content or a quoted attribute value (the report's own escaping). */
export const escapeHtml = escapeMarkup;

/**
 * A link to the live web taken from an archived page (an alias, an archive card's source): http(s) only, so a
 * hostile `javascript:` or `data:` URL becomes an inert link even were the page's policy to fail.
 */
export function liveLink(url: string): SafeHtml {
  return new SafeHtml(safeHref(url));
}

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, at) => {
    out += render(value) + strings[at + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusts markup made elsewhere (the markdown renderer, which escapes raw HTML itself). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
