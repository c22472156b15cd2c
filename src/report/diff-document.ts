/**
 * An article version as the lines a diff compares: the title, the byline, the archive card's fields, then the
 * body markdown line by line. Extracted text only, never the page's HTML, so a changed layout or script is no
 * edit and a changed word is.
 */
import type { ArticleInput } from '../../storage/types.ts';

/** What a diff reads of a version: a stored article row, or the article a capture extracts to. */
export type DiffableVersion = Pick<ArticleInput, 'title' | 'author' | 'publishedText' | 'originName' | 'originUrl' | 'card' | 'markdown'>;

export function versionLines(version: DiffableVersion): string[] {
  const card = version.card;
  const fields: [string, string | null | undefined][] = [
    ['author', version.author],
    ['published', version.publishedText],
    ['origin', joinNonEmpty(version.originName, version.originUrl)],
    ['card.title', card?.title],
    ['card.author', card?.author],
    ['card.published', card?.publishedText],
    ['card.source', joinNonEmpty(card?.sourceName, card?.sourceUrl)],
    ['card.topics', card?.topics.map((topic) => topic.name).join('、')],
    ['card.collection', card?.collection?.name],
    ['card.copyright', card?.copyright],
  ];
  return [
    `# ${version.title}`,
    ...fields.filter(([, value]) => value).map(([name, value]) => `${name}: ${value}`),
    ...version.markdown.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim()),
  ];
}

function joinNonEmpty(...values: (string | null | undefined)[]): string {
  return values.filter(Boolean).join(' ');
}
