/**
 * Markdown for an extracted article body (sanitised HTML from an adapter, never a whole page) and for its
 * comment thread. Front matter and the file layout are in document.ts.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';
import type { ExtractedThread, ExtractedComment } from '../../crawlers/adapter.ts';

/** Options for rendering a body. */
export interface BodyMarkdownOptions {
  /** Rewrites an image URL, such as to point at the archived copy. */
  imageUrl?: (src: string) => string;
}

let shared: TurndownService | null = null;

function turndown(): TurndownService {
  if (shared) return shared;
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  service.use(gfm);
  shared = service;
  return service;
}

/** Render sanitised body HTML as markdown. */
export function bodyToMarkdown(html: string, options: BodyMarkdownOptions = {}): string {
  let source = html;
  if (options.imageUrl) {
    const rewrite = options.imageUrl;
    source = html.replace(/<img src="([^"]*)"/g, (_, src: string) => `<img src="${rewrite(unescapeAttr(src))}"`);
  }
  return turndown().turndown(source).replace(/\n{3,}/g, '\n\n').trim();
}

/** Render a comment thread as a nested list: each comment bold-named, replies indented under it. */
export function threadToMarkdown(thread: ExtractedThread, heading = '## 评论摘录'): string {
  const lines = [heading, ''];
  if (thread.intro) lines.push(`*${escapeInline(thread.intro)}*`, '');
  const render = (comment: ExtractedComment, depth: number): void => {
    const indent = '  '.repeat(depth);
    const [first = '', ...rest] = comment.text.split('\n');
    const name = comment.author ? `**${escapeInline(comment.author)}**：` : '';
    lines.push(`${indent}- ${name}${escapeInline(first)}`);
    for (const line of rest) lines.push(`${indent}  ${escapeInline(line)}`);
    comment.replies.forEach((reply) => render(reply, depth + 1));
  };
  thread.comments.forEach((comment) => render(comment, 0));
  return lines.join('\n');
}

/** Escape what markdown would read as syntax inside a line of plain text. */
export function escapeInline(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#+-]|\d+\.)(\s)/, '$1\\$2$3');
}

function unescapeAttr(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
