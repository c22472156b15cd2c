/**
 * A whole markdown file for one article version: YAML front matter (identity, dates, state, archive-card
 * fields), the title, the body and the comment thread. Reads well in any markdown viewer.
 */
import { stringify } from 'yaml';
import type { ArchiveCard, NamedLink } from '../../crawlers/adapter.ts';
import { toShanghaiIso } from '../../crawlers/common/dates.ts';

/** What a markdown file says about one article version. */
export interface MarkdownDocumentInput {
  url: string;
  canonicalKey: string;
  sourceId: string;
  state: string;
  capturedAt: number;
  removedAt?: number | null;
  title: string;
  column: string | null;
  author: string | null;
  publishedText: string | null;
  publishedAt: string | null;
  originUrl: string | null;
  originName: string | null;
  card: ArchiveCard | null;
  tags: string[];
  categories: string[];
  extractorVersion: string;
  textHash: string;
  bodyMarkdown: string;
  threadMarkdown: string | null;
}

export function renderMarkdownDocument(input: MarkdownDocumentInput): string {
  const front: Record<string, unknown> = {
    url: input.url,
    canonical_key: input.canonicalKey,
    source: input.sourceId,
    title: input.title,
    column: input.column,
    author: input.author,
    published: input.publishedText,
    published_at: input.publishedAt,
    captured: toShanghaiIso(input.capturedAt),
    state: input.state,
    removed_at: input.removedAt ? toShanghaiIso(input.removedAt) : null,
    origin_url: input.originUrl,
    origin_name: input.originName,
    tags: input.tags,
    categories: input.categories,
    card: input.card ? cardFrontMatter(input.card) : null,
    extractor_version: input.extractorVersion,
    text_hash: input.textHash,
  };
  const parts = [`---\n${stringify(front, { lineWidth: 0 }).trimEnd()}\n---`, `# ${input.title}`, input.bodyMarkdown];
  if (input.threadMarkdown) parts.push(input.threadMarkdown);
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

function cardFrontMatter(card: ArchiveCard): Record<string, unknown> {
  return {
    title: card.title,
    author: card.author,
    published: card.publishedText,
    published_at: card.publishedAt,
    source_name: card.sourceName,
    source_url: card.sourceUrl,
    topics: card.topics.map(linkFrontMatter),
    collection: card.collection ? linkFrontMatter(card.collection) : null,
    copyright: card.copyright,
  };
}

function linkFrontMatter(link: NamedLink): Record<string, string | null> {
  return { name: link.name, url: link.url };
}
