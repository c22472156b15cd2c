/**
 * An archived article's markdown as HTML for the snapshot view, with markdown-it: raw HTML in the markdown is
 * escaped (html: false), dangerous link schemes are refused by its link validation, links to the live web
 * carry no referrer, and images point at their archived copies or become a note: the view never loads a
 * byte from the original sites.
 */
import MarkdownIt from 'markdown-it';
import type { Store } from '../../storage/types.ts';
import { escapeHtml } from './html.ts';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

interface RenderEnv {
  /** Image URL to the capture id of its archived copy, or null when it was not archived. */
  archivedImages: Map<string, number | null>;
}

markdown.renderer.rules.image = (tokens, at, _options, env: RenderEnv) => {
  const token = tokens[at]!;
  const src = token.attrGet('src') ?? '';
  const alt = token.children?.map((child) => child.content).join('') ?? token.content;
  const captureId = env.archivedImages.get(src) ?? null;
  if (captureId === null) {
    return `<span class="muted missing-image" title="${escapeHtml(src)}">[image not archived${alt ? `: ${escapeHtml(alt)}` : ''}]</span>`;
  }
  return `<img src="/archived/${captureId}" alt="${escapeHtml(alt)}" loading="lazy" data-original="${escapeHtml(src)}">`;
};

const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, at, options, env, self) => {
  tokens[at]!.attrSet('rel', 'noreferrer noopener nofollow');
  return defaultLinkOpen ? defaultLinkOpen(tokens, at, options, env, self) : self.renderToken(tokens, at, options);
};

/** Renders the markdown, looking up the archived copy of every image it shows. */
export async function articleHtml(store: Store, source: string): Promise<string> {
  const env: RenderEnv = { archivedImages: new Map() };
  const tokens = markdown.parse(source, env);
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      if (token.type !== 'image') continue;
      const src = token.attrGet('src');
      if (src && !env.archivedImages.has(src)) env.archivedImages.set(src, (await store.findAsset(src))?.id ?? null);
    }
  }
  return markdown.renderer.render(tokens, markdown.options, env);
}
