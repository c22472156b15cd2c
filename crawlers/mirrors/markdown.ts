/**
 * Reads the markdown copy a GitHub mirror (gfw-breaker/*, begood0513/goodnews) makes of an article: a `###`
 * title, navigation lines of links at top and bottom, the article's HTML pasted in, promotion link blocks
 * (`#### [ 💌 …](…)`), a share block with a QR code, and the original's URL on a 原文链接（需翻墙）：or
 * 原文地址（需翻墙访问）：line. Returns the title, the original URL and the body as HTML, chrome removed.
 */

/** A mirror file split into what the archive keeps. */
export interface MirrorMarkdown {
  title: string | null;
  /** The original's URL as the copy names it, or null. */
  originalUrl: string | null;
  /** The body as HTML: embedded HTML as it is, markdown paragraphs converted. */
  html: string;
}

const ATX_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const SETEXT_RULE = /^\s{0,3}(?:=+|-+)\s*$/;
const SEPARATOR = /^\s*(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$/;
/** A heading made of links: the navigation line and the promotion blocks. */
const LINK_HEADING = /^\s*#{1,6}\s.*\]\([^)]*\)/;
const ORIGINAL_LINE =
  /^\s*(?:\*\*)?\s*原文(?:链接|連結|鏈接|地址|網址|网址)\s*(?:[（(][^）)]*[）)])?\s*(?:\*\*)?\s*[：:]\s*(?:\*\*)?\s*(?:<a\s[^>]*href=["']([^"']+)["'][^>]*>.*?<\/a>|\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)|<?(https?:\/\/[^\s<>"'）)]+)>?)/;
const SHARE_INTRO = /^\s*手机上长按并复制下列链接或二维码分享本文章|^\s*手機上長按並複製下列鏈接或二維碼分享本文章/;
/** What follows the share intro: the copy's own URL and its QR-code image, each ended by <br/>. */
const SHARE_LINE = /^\s*(?:https?:\/\/\S+|<a\s[^>]*>\s*<img\s[^>]*>\s*<\/a>)\s*(?:<br\s*\/?>)?\s*$/i;
/** The hidden counter image at the end of the file. */
const TRACKING_PIXEL = /^\s*<img\s[^>]*\bwidth=["']?0(?:px)?["']?[^>]*>\s*$/i;
/** A rule the mirror itself writes, at the start of a line (the article's own rules are indented inside it). */
const MIRROR_RULE = /^<hr\s*\/?>\s*$/i;

/** Split a mirror file into title, original URL and body HTML. */
export function parseMirrorMarkdown(text: string): MirrorMarkdown {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const title = takeTitle(lines);
  let originalUrl: string | null = null;
  const kept: string[] = [];
  let inShare = false;
  for (const line of lines) {
    if (inShare && SHARE_LINE.test(line)) continue;
    inShare = false;
    if (SHARE_INTRO.test(line)) {
      inShare = true;
      continue;
    }
    const original = ORIGINAL_LINE.exec(line);
    if (original) {
      originalUrl ??= validUrl(original[1] ?? original[2] ?? original[3] ?? '');
      continue;
    }
    if (SEPARATOR.test(line) || LINK_HEADING.test(line) || TRACKING_PIXEL.test(line) || MIRROR_RULE.test(line)) continue;
    kept.push(line);
  }
  return { title, originalUrl, html: blocksToHtml(kept.join('\n')) };
}

/** Remove and return the title: the first line when it is a heading (ATX, or setext with its rule). */
function takeTitle(lines: string[]): string | null {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return null;
  const line = lines[first] as string;
  const atx = ATX_HEADING.exec(line);
  if (atx && !LINK_HEADING.test(line)) {
    lines.splice(first, 1);
    return cleanInline(atx[2] ?? '') || null;
  }
  const next = lines[first + 1];
  if (next !== undefined && SETEXT_RULE.test(next) && next.trim() && !line.trim().startsWith('<')) {
    lines.splice(first, 2);
    return cleanInline(line) || null;
  }
  return null;
}

/**
 * Blank-line-separated blocks: one that starts with a tag is embedded HTML and stays as it is; any other is
 * markdown and becomes a heading, quote, list or paragraph.
 */
function blocksToHtml(source: string): string {
  return source
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map((block) => (block.trim().startsWith('<') ? block : markdownBlock(block)))
    .join('\n');
}

function markdownBlock(block: string): string {
  const lines = block.split('\n').map((line) => line.trim());
  const heading = ATX_HEADING.exec(lines[0] ?? '');
  if (heading && lines.length === 1) {
    const level = Math.min(6, (heading[1] ?? '#').length);
    return `<h${level}>${inline(heading[2] ?? '')}</h${level}>`;
  }
  if (lines.every((line) => line.startsWith('>'))) {
    return `<blockquote>${markdownBlock(lines.map((line) => line.replace(/^>\s?/, '')).join('\n'))}</blockquote>`;
  }
  if (lines.every((line) => /^[-*+]\s+/.test(line))) {
    return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^[-*+]\s+/, ''))}</li>`).join('')}</ul>`;
  }
  if (lines.every((line) => /^\d+[.)]\s+/.test(line))) {
    return `<ol>${lines.map((line) => `<li>${inline(line.replace(/^\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`;
  }
  // Markdown joins a paragraph's lines; a line ended by two spaces or a backslash keeps its break.
  const joined = block
    .split('\n')
    .map((line) => line.replace(/(?: {2,}|\\)$/, '<br>').trim())
    .join('\n');
  return `<p>${inline(joined)}</p>`;
}

/** Images, links, bold and italic; inline HTML passes through. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_, alt: string, src: string) => `<img src="${attr(src)}" alt="${attr(alt)}">`)
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, href: string) => `<a href="${attr(href)}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

/** A title's text without markdown emphasis, links or stray tags. */
function cleanInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function validUrl(candidate: string): string | null {
  const trimmed = candidate.trim().replace(/&amp;/g, '&');
  return /^https?:\/\//i.test(trimmed) && URL.canParse(trimmed) ? new URL(trimmed).href : null;
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
