/**
 * Article extraction for GitHub mirror copies: the markdown is split by markdown.ts, the mirror's link
 * disguises (`<ok href>`, `<span href>`) become links again, and the embedded article is read by the body rules
 * of its original's site (crawlers/epochtimes, crawlers/secretchina) or, for any other site, by generic rules.
 * The original's URL becomes `declaredUrl` and `originUrl`, so the copy is keyed like its original.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedArticle, PageInput } from '../adapter.ts';
import { editorOfLine, parseBracketDateline, reportersOfByline, writerOfLine } from '../common/bracket-dateline.ts';
import { removeEmptyBlocks } from '../common/empty-blocks.ts';
import { sanitizeBody } from '../common/sanitize-body.ts';
import { readEpochTimesBody, type EpochTimesBody } from '../epochtimes/body.ts';
import { isEpochTimesHost } from '../epochtimes/urls.ts';
import { readSecretChinaBody, SECRET_CHINA_BODY_SELECTORS, type SecretChinaBody } from '../secretchina/body.ts';
import { isSecretChinaHost } from '../secretchina/urls.ts';
import { parseMirrorMarkdown } from './markdown.ts';
import { escapeHtml, titleParts } from '../common/text.ts';

/** Chrome any embedded article may carry: scripts, hidden text, ad slots. */
const GENERIC_CHROME =
  'script, style, noscript, form, input, [style*="display:none"], [style*="display: none"], [id^="div-gpt-ad"], ins.adsbygoogle, .adsbygoogle';
const ROOT_ID = 'mirror-copy-body';
/** A closing credit line as some outlets write it: （记者：程安 责编：何平 网编：李杰）. */
const CREDIT_LINE = /^[（(]\s*(?:特约|特約)?(?:记者|記者)\s*[：:]\s*([^\s；;，,：:）)]{2,12})/;

/** What the embedded article says besides its text. */
interface BodyFacts {
  html: string;
  text: string;
  images: string[];
  embeds: string[];
  author: string | null;
  publishedText: string | null;
  publishedAt: string | null;
  tags: string[];
}

/** Extract the article a mirror's markdown copy holds, or null when the file has no title or no text. */
export function extractMirrorPage(page: PageInput): ExtractedArticle | null {
  const copy = parseMirrorMarkdown(page.text);
  const $ = cheerio.load(`<div id="${ROOT_ID}">${copy.html}</div>`);
  const root = $(`#${ROOT_ID}`).get(0) as Element;
  restoreLinks($, root);
  undoPrettify(root);
  // Rules the mirror writes between the featured image, the body and the share block are not the article's,
  // nor the breaks it puts around figures and captions.
  $(root).children('hr').remove();
  $(root).find('figure > br, figure + br').remove();
  removeTrailingBreaks($, root);
  const title = copy.title ?? firstHeading($, root);
  if (!title) return null;
  // Relative links in the embedded HTML were relative to the original page.
  const base = copy.originalUrl ?? page.url;
  const host = copy.originalUrl ? new URL(copy.originalUrl).hostname : null;
  const read = host && isEpochTimesHost(host) ? epochTimesFacts : host && isSecretChinaHost(host) ? secretChinaFacts : genericFacts;
  const facts = read($, root, base);
  if (!facts.text) return null;
  return {
    ...titleParts(title),
    author: facts.author,
    publishedText: facts.publishedText,
    publishedAt: facts.publishedAt,
    originUrl: copy.originalUrl,
    originName: host,
    card: null,
    bodyHtml: facts.html,
    text: facts.text,
    tags: facts.tags,
    categories: [],
    images: facts.images,
    embeds: facts.embeds,
    comments: null,
    declaredUrl: copy.originalUrl,
  };
}

function epochTimesFacts($: CheerioAPI, root: Element, base: string): BodyFacts {
  return readerFacts(readEpochTimesBody($, root, base));
}

/** The facts of a body as the Epoch Times or secretchina reader gives it: the byline's author, the dateline's date. */
function readerFacts(body: EpochTimesBody | SecretChinaBody): BodyFacts {
  return {
    ...body.sanitized,
    author: body.reporter ?? body.writer ?? body.editor,
    publishedText: body.dateline?.dateText ?? null,
    publishedAt: body.dateline?.date ?? null,
    tags: body.tags,
  };
}

/**
 * The copy's article box closes early: the mirror replaced the opening tag of the ad slot inside it with its
 * promotion blocks but left the slot's closing tag, which then closes the box. So the whole copy is the body,
 * with the box unwrapped.
 */
function secretChinaFacts($: CheerioAPI, root: Element, base: string): BodyFacts {
  for (const selector of SECRET_CHINA_BODY_SELECTORS) $(root).find(selector).each((_, el) => void $(el).replaceWith($(el).contents()));
  return readerFacts(readSecretChinaBody($, root, base));
}

/**
 * Any other original (RFA, Minghui, a blog): hidden text and ad slots go, a captioned header image becomes a
 * figure, wrapper divs give way to their content, and the common datelines and credit lines are read.
 */
function genericFacts($: CheerioAPI, root: Element, base: string): BodyFacts {
  $(root).find(GENERIC_CHROME).remove();
  captionBoxesToFigures($, root);
  removeEmptyBlocks($, root);
  for (const child of [...root.children]) {
    if (child.type === 'tag' && (child as Element).name === 'div') $(child).replaceWith($(child).contents());
  }
  const paragraphs = $(root)
    .find('p')
    .toArray()
    .map((p) => $(p).text().replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean);
  const dateline = parseBracketDateline(paragraphs[0] ?? '');
  const opening = dateline ? dateline.rest : (paragraphs[0] ?? '');
  const closing = [...paragraphs].reverse();
  const credited = closing.map((text) => CREDIT_LINE.exec(text)?.[1] ?? null).find(Boolean) ?? null;
  const editor = closing.map(editorOfLine).find((name) => name !== null) ?? null;
  const sanitized = sanitizeBody(root, base);
  return {
    ...sanitized,
    author: reportersOfByline(dateline?.byline) ?? writerOfLine(opening) ?? credited ?? editor,
    publishedText: dateline?.dateText ?? null,
    publishedAt: dateline?.date ?? null,
    tags: [],
  };
}

/** A box holding an image and an element named caption (RFA's #headerimg) becomes `<figure>` with `<figcaption>`. */
function captionBoxesToFigures($: CheerioAPI, root: Element): void {
  for (const box of $(root).find('div:has(> img)').toArray()) {
    const caption = $(box).find('[id*="caption" i], [class*="caption" i]').first();
    const text = caption.text().replace(/[\s\u00a0]+/g, ' ').trim();
    if (!text) continue;
    const images = $(box).children('img').toArray().map((img) => $.html(img)).join('');
    $(box).replaceWith(`<figure>${images}<figcaption>${escapeHtml(text)}</figcaption></figure>`);
  }
}

/**
 * Mirrors disguise the original's links as `<ok href>` or `<span href>` so the markdown viewer shows no link;
 * they are links again here, so a copy and its original read the same. An `<ok>` without href is unwrapped.
 */
function restoreLinks($: CheerioAPI, root: Element): void {
  $(root)
    .find('ok, span[href]')
    .each((_, el) => {
      const href = el.attribs.href;
      if (href) {
        el.name = 'a';
        el.attribs = { href };
      } else {
        $(el).replaceWith($(el).contents());
      }
    });
}

/**
 * The embedded HTML was pretty-printed (BeautifulSoup's prettify): every tag and text on its own indented line.
 * Those line breaks were never in the article; without this, "大规模<a>数据泄露</a>，" would read "大规模 数据泄露 ，".
 * A break between two Latin words or numbers becomes a space, any other goes.
 */
function undoPrettify(root: Element): void {
  const texts: { data: string }[] = [];
  const collect = (node: AnyNode): void => {
    if (node.type === 'text') texts.push(node as unknown as { data: string });
    else if (node.type === 'tag') (node as Element).children.forEach(collect);
  };
  collect(root);
  texts.forEach((node, index) => {
    if (!node.data.includes('\n')) return;
    // The text before has already been undone: a space it ends with is the only space wanted here.
    const previous = texts[index - 1]?.data ?? '';
    const next = texts[index + 1]?.data.trimStart() ?? '';
    node.data = node.data.replace(/[ \t]*\n\s*/g, (run: string, offset: number, whole: string) => {
      if (offset === 0 && /\s$/.test(previous)) return '';
      const before = offset > 0 ? whole.slice(0, offset).trimEnd().slice(-1) : previous.trimEnd().slice(-1);
      const afterText = whole.slice(offset + run.length);
      const after = afterText ? afterText.trimStart().charAt(0) : next.charAt(0);
      return /[A-Za-z0-9.,;:!?)%'"]/.test(before) && /[A-Za-z0-9('"]/.test(after) ? ' ' : '';
    });
  });
}

/** A <br> that ends its block adds nothing; pretty-printing turns `<br>text` into `<br>text</br>`, read as two. */
function removeTrailingBreaks($: CheerioAPI, root: Element): void {
  for (const br of $(root).find('br').toArray()) {
    let next = br.next;
    while (next && next.type === 'text' && !(next as unknown as { data: string }).data.trim()) next = next.next;
    if (!next) $(br).remove();
  }
}

function firstHeading($: CheerioAPI, root: Element): string | null {
  const text = $(root).find('h1, h2, h3').first().text().replace(/\s+/g, ' ').trim();
  return text || null;
}
