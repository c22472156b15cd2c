/**
 * Site chrome as the generic adapter recognises it: class and id words of navigation, comments, share bars and
 * the like (used by the body scorer in crawlers/generic/content-score.ts and by discovery), and the pruning of
 * such blocks from inside a chosen article body.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { linkDensity, textOf } from './text-measures.ts';

/** Class and id words (whole tokens, or their start) of containers that hold everything else. */
const NEGATIVE =
  /^(?:comment\w*|reply|replies|sidebar|side|footer|foot|nav\w*|menu|relate\w*|recommend\w*|share\w*|sharing|social|ads?|adv|advert\w*|gg|banner|sponsor\w*|promo\w*|hot|rank\w*|breadcrumbs?|crumbs?|copyright|widget|tools?|toolbar|pager|pagination)$/i;
const PUNCTUATION = /[，。！？、；,.!?;]/g;
/** Inside a body, never body text: the headline and the header block around it. */
const NOT_BODY = 'h1, header';
/**
 * Class and id words of picture widgets and credits: a slideshow repeats its captions in every state it can
 * show, and a photo credit is metadata. A plain caption under a picture is kept: it often says where the
 * picture comes from (图片来源：…).
 */
const MEDIA_CHROME = /^(?:\w*credits?|gallery\w*|slideshow\w*|carousel\w*|slider)$/i;
/** Class and id words of the byline and dateline blocks above or below a body. */
const BYLINE = /^(?:by|byline|author\w*|dateline|timestamp|date|time|published|updated|pubdate|posted|meta)$/i;
/** A block named like a byline but longer than this is something else (an author's column, say). */
const BYLINE_MAX = 200;

/** True when a word of the element's class or id names site chrome (`comment-list`, `share_bar`, `gg`). */
export function isChrome(element: Element): boolean {
  return hintWords(element).some((token) => NEGATIVE.test(token));
}

function isByline(element: Element): boolean {
  return hintWords(element).some((token) => BYLINE.test(token));
}

/** The words of an element's class and id: `share_bar comment-list` gives share, bar, comment, list. */
function hintWords(element: Element): string[] {
  return `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.split(/[\s_-]+/).filter(Boolean);
}

/** Take out, inside the content, the chrome that sits among paragraphs: share bars, related lists, comments. */
export function dropBoilerplate($: CheerioAPI, root: Element): void {
  const total = textOf($(root)).length;
  // A block holding most of the content is the article itself, whatever its class says (`side-by-side`).
  const minor = (element: Element): boolean => textOf($(element)).length <= total / 2;
  $(root)
    .find('*')
    .filter((_, el) => (isChrome(el) || hintWords(el).some((word) => MEDIA_CHROME.test(word))) && minor(el))
    .remove();
  $(root).find(NOT_BODY).remove();
  $(root)
    .find('*')
    .filter((_, el) => isByline(el) && textOf($(el)).length < BYLINE_MAX)
    .remove();
  // Deepest first, so a list of links goes before the block around it is judged.
  for (const element of $(root).find('div, section, ul, ol, table, dl').toArray().reverse()) {
    if (!element.parent) continue;
    const text = textOf($(element));
    const media = $(element).find('img, video, iframe, embed, object').length;
    const links = $(element).find('a').length;
    const punctuation = text.match(PUNCTUATION)?.length ?? 0;
    const density = linkDensity($, element);
    if (links >= 2 && density > 0.5 && punctuation < 5 && !media) $(element).remove();
    else if (!text && !media) $(element).remove();
  }
}
