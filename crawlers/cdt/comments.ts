/**
 * CDT's netizen-comment excerpts (网络民议): an intro line in bold, then a blockquote whose paragraphs each open
 * with a comment `author：text`, followed by `> author：text` lines replying to it. A line without a colon
 * continues the comment before it.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedComment, ExtractedThread } from '../adapter.ts';

/** The intros CDT has used: 2022 onwards, and the older 2020 wording. */
const INTRO = /^以下(?:评论由中国数字时代编辑摘自网络|为中国数字时代编辑摘自网友评论)\s*[：:]?$/;
/** An author name is short; a longer text before the first colon is prose that happens to hold one. */
const MAX_AUTHOR_LENGTH = 40;

/** The thread's elements in a post body: the intro paragraph and the blockquotes after it. */
export interface ThreadElements {
  intro: Element;
  quotes: Element[];
}

export function findThread($: CheerioAPI, scope: Element): ThreadElements | null {
  const intro = $(scope)
    .find('p, div, h3, h4, strong')
    .filter((_, el) => INTRO.test($(el).text().trim()))
    .first();
  if (!intro.length) return null;
  // The intro may be a bare <strong>; the blockquotes follow its paragraph.
  let introBlock = intro.get(0) as Element;
  while (introBlock.name === 'strong' && introBlock.parent && (introBlock.parent as Element).name === 'p') {
    introBlock = introBlock.parent as Element;
  }
  const quotes: Element[] = [];
  let next = $(introBlock).next();
  while (next.length && next.is('blockquote')) {
    quotes.push(next.get(0) as Element);
    next = next.next();
  }
  return quotes.length ? { intro: introBlock, quotes } : null;
}

/** Parse the thread's blockquotes into comments with their replies. */
export function parseThread($: CheerioAPI, thread: ThreadElements): ExtractedThread {
  const comments: ExtractedComment[] = [];
  let last: ExtractedComment | null = null;
  for (const quote of thread.quotes) {
    const paragraphs = $(quote).children('p').toArray() as Element[];
    const blocks = paragraphs.length ? paragraphs : [quote];
    for (const block of blocks) {
      let opener: ExtractedComment | null = null;
      for (const rawLine of linesOf(block)) {
        const isReply = /^(?:>|＞)/.test(rawLine);
        const line = rawLine.replace(/^(?:>|＞)\s*/, '');
        const split = splitAuthor(line);
        if (!split) {
          if (last) last.text = last.text ? `${last.text}\n${line}` : line;
          else last = pushComment(comments, { author: '', text: line, replies: [] });
          continue;
        }
        const comment: ExtractedComment = { ...split, replies: [] };
        if (isReply && opener) opener.replies.push(comment);
        else opener = pushComment(comments, comment);
        last = comment;
      }
    }
  }
  return { intro: $(thread.intro).text().trim(), comments };
}

function pushComment(list: ExtractedComment[], comment: ExtractedComment): ExtractedComment {
  list.push(comment);
  return comment;
}

/** Split `author：text` at the first full-width or ASCII colon. */
export function splitAuthor(line: string): { author: string; text: string } | null {
  const match = /^([^：:]*)[：:]\s*([\s\S]*)$/.exec(line);
  if (!match) return null;
  const author = (match[1] ?? '').trim().replace(/^[@＠]\s*/, '');
  if (!author || author.length > MAX_AUTHOR_LENGTH) return null;
  return { author, text: (match[2] ?? '').trim() };
}

/** The text lines of a paragraph: split at `<br>`, whitespace collapsed, empty lines dropped. */
function linesOf(block: Element): string[] {
  const lines: string[] = [''];
  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      lines[lines.length - 1] += (node as { data: string }).data;
    } else if (node.type === 'tag') {
      const element = node as Element;
      if (element.name === 'br' || element.name === 'p') lines.push('');
      element.children.forEach(visit);
    }
  };
  block.children.forEach(visit);
  return lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
