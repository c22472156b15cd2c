/**
 * The "CDT 档案卡" archive card: a su-spoiler box whose content is a run of `<strong>label：</strong>` followed
 * by text or links, one field per line. Reads every field it knows; absent fields stay null.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ArchiveCard, NamedLink } from '../adapter.ts';
import { parseSourceDate } from '../common/dates.ts';
import { absoluteUrl, normalizeText } from '../common/sanitize-body.ts';

interface CardField {
  text: string;
  links: NamedLink[];
}

/** The card box in a post body, or null. */
export function findCardBox($: CheerioAPI, scope: Element): Element | null {
  const box = $(scope)
    .find('.su-spoiler')
    .filter((_, el) => /档案卡/.test($(el).children('.su-spoiler-title').text()))
    .first();
  return box.length ? (box.get(0) as Element) : null;
}

/** Parse the card box into its fields. */
export function parseCard($: CheerioAPI, box: Element, baseUrl: string): ArchiveCard {
  const content = $(box).find('.su-spoiler-content').first();
  const fields = collectFields(content.length ? (content.get(0) as Element).children : box.children, baseUrl);
  const field = (label: string): CardField | undefined => fields.get(label);
  const text = (label: string): string | null => field(label)?.text || null;
  const publishedText = text('发表日期');
  const source = field('来源');
  const collection = field('CDS收藏');
  return {
    title: text('标题'),
    author: text('作者'),
    publishedText,
    publishedAt: parseSourceDate(publishedText),
    sourceName: source ? source.links[0]?.name || source.text || null : null,
    sourceUrl: source?.links[0]?.url ?? null,
    topics: field('主题归类')?.links ?? [],
    collection: collection ? (collection.links[0] ?? { name: collection.text, url: null }) : null,
    copyright: text('版权说明'),
  };
}

/** Walk the card's nodes: a bold label ending in a colon opens a field that runs until the next label. */
function collectFields(nodes: AnyNode[], baseUrl: string): Map<string, CardField> {
  const fields = new Map<string, CardField>();
  let current: { label: string; text: string[]; links: NamedLink[] } | null = null;
  const close = (): void => {
    if (current && !fields.has(current.label)) {
      fields.set(current.label, { text: normalizeText(current.text.join('')).replace(/\n+/g, ' '), links: current.links });
    }
  };
  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      current?.text.push((node as { data: string }).data);
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    const label = labelOf(element);
    if (label) {
      close();
      current = { label, text: [], links: [] };
      return;
    }
    if (element.name === 'br') {
      current?.text.push('\n');
      return;
    }
    if (element.name === 'a' && current) {
      const name = normalizeText(textOf(element));
      current.links.push({ name, url: readableUrl(absoluteUrl(element.attribs.href, baseUrl)) });
      current.text.push(name);
      return;
    }
    element.children.forEach(visit);
  };
  nodes.forEach(visit);
  close();
  return fields;
}

function labelOf(element: Element): string | null {
  if (element.name !== 'strong' && element.name !== 'b') return null;
  const match = /^\s*([^：:]{1,12})\s*[：:]\s*$/.exec(textOf(element));
  return match?.[1]?.trim() ?? null;
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as { data: string }).data;
  if (node.type !== 'tag') return '';
  return (node as Element).children.map(textOf).join('');
}

/** Keep Chinese in URLs readable (健康码, not %E5%81%A5...) while leaving reserved characters encoded. */
export function readableUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
