/**
 * Site chrome as the generic adapter recognises it: class and id words of navigation, comments, banners, share
 * bars, bylines and headlines (used by the body scorer in crawlers/generic/content-score.ts and by discovery),
 * and the pruning of such blocks, captions of slideshows and lone promotion links from inside a chosen body.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { linkDensity, textOf } from './text-measures.ts';

/** Class and id words of containers that hold everything else: short words whole, long ones anywhere in a word. */
const NEGATIVE = new RegExp(
  '^(?:reply|replies|side|foot|nav|menu|ads?|adv|gg|banner|hot|rank|crumbs?|tools?|toolbar|pager|pagination|rail|' +
    'swiper|signup|consent|gdpr|popup|modal|respond|responses?|reactions?|remarks?|header|masthead|policy|privacy|legal|terms)$' +
    '|comment|sidebar|footer|navbar|navigation|relate|recommend|share|sharing|social|advert|sponsor|promo|ranking|breadcrumb|' +
    'copyright|widget|trending|popular|newsletter|subscri|outbrain|taboola|cookie|community|disqus|discuss|conversation|' +
    'shoutbox|skyscraper|supplemental|agegate|disclaimer',
  'i',
);
/**
 * Class and id words of blocks that are never the article, whatever they hold: comment threads, consent and
 * cookie banners, footers, menus. Removed before scoring, as readability removes its "unlikely candidates".
 */
const NEVER_BODY = /comment(?!ary)|disqus|cookie|consent|gdpr|footer|breadcrumb|popup|modal|newsletter|\b(?:menu|nav|navbar|navigation)\b/i;
/** Words that keep a block so named in play: "comment-and-article", "main-footer-content". */
const MAYBE_BODY = /and|article|body|column|content|main|shadow/i;
const PUNCTUATION = /[，。！？、；,.!?;]/g;
/** Inside a body, never body text: the headline and the header block around it. */
const NOT_BODY = 'h1, header';
/**
 * Class and id words of picture widgets and credits: a slideshow repeats its captions in every state it can
 * show, and a photo credit is metadata. A plain caption under a picture is kept: it often says where the
 * picture comes from (图片来源：…).
 */
const MEDIA_CHROME = /^(?:\w*credits?|gallery\w*|slideshow\w*|carousel\w*|slider)$/i;
/** The share of a paragraph's text in links from which it reads as a link rather than a sentence. */
const LINK_LINE_DENSITY = 0.7;
/** Class and id words of the byline and dateline blocks above or below a body. */
const BYLINE = /^(?:by|byline|author\w*|dateline|timestamp|date|time|published|updated|pubdate|posted|meta)$/i;
/** A block named like a byline but longer than this is something else (an author's column, say). */
const BYLINE_MAX = 200;
/** Class and id words of the headline block above a body. */
const HEADING = /^(?:title|headline|heading|head|hero|kicker)$/i;

/** True when a word of the element's class or id names site chrome (`comment-list`, `share_bar`, `gg`). */
export function isChrome(element: Element): boolean {
  return hintWords(element).some((token) => NEGATIVE.test(token));
}

/** True when the element's class or id says it is a comment thread, a banner, a footer or a menu. */
export function isNeverBody(element: Element): boolean {
  const hints = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
  return NEVER_BODY.test(hints) && !MAYBE_BODY.test(hints);
}

/** True when the element is named as a byline, dateline or meta line. */
export function isByline(element: Element): boolean {
  return hintWords(element).some((token) => BYLINE.test(token));
}

/** True when the element is named as the headline block above a body. */
export function isHeading(element: Element): boolean {
  return hintWords(element).some((token) => HEADING.test(token));
}

/** The words of an element's class and id: `share_bar comment-list` gives share, bar, comment, list. */
function hintWords(element: Element): string[] {
  return `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.split(/[\s_-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
}

/**
 * A paragraph that is mostly a link ("READ MORE ON … BY CLICKING HERE", "Related: …"). Standing alone between
 * prose paragraphs it is a promotion; a run of them is a reading list the editors put in the body, and stays.
 */
function isLinkLine($: CheerioAPI, element: Element | undefined): boolean {
  return !!element && element.name === 'p' && textOf($(element)).length > 0 && linkDensity($, element) >= LINK_LINE_DENSITY;
}

/** Take out, inside the content, the chrome that sits among paragraphs: share bars, related lists, comments. */
export function dropBoilerplate($: CheerioAPI, root: Element): void {
  const total = textOf($(root)).length;
  // A block holding most of the content is the article itself, whatever its class says (`side-by-side`).
  const minor = (element: Element): boolean => textOf($(element)).length <= total / 2;
  // An embedded post (a tweet is a blockquote in a "social-embed" box) is quoted material, not a share bar.
  const quote = (element: Element): boolean => element.name === 'blockquote' || $(element).find('blockquote').length > 0;
  $(root)
    .find('*')
    .filter((_, el) => (isChrome(el) || hintWords(el).some((word) => MEDIA_CHROME.test(word))) && minor(el) && !quote(el))
    .remove();
  $(root).find(NOT_BODY).remove();
  $(root)
    .find('*')
    .filter((_, el) => isByline(el) && textOf($(el)).length < BYLINE_MAX)
    .remove();
  $(root)
    .find('p')
    .filter((_, el) => isLinkLine($, el) && !isLinkLine($, $(el).prev().get(0)) && !isLinkLine($, $(el).next().get(0)))
    .filter((_, el) => !/[.!?。！？]$/.test(textOf($(el))) && !$(el).closest('blockquote').length)
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
