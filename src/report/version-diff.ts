/**
 * Diffs of a page's archived text: between two of its article versions (numbered from 1, oldest first, as
 * `memhole show` and the markdown export number them), or between what one capture shows and the last good
 * version before it. The text model is text-diff.ts; renderings are unified-diff.ts and diff-html.ts.
 */
import { toShanghaiIso } from '../../crawlers/common/dates.ts';
import type { ArticleRow, CaptureRow, PageRow, Store } from '../../storage/types.ts';
import { versionLines, type DiffableVersion } from './diff-document.ts';
import { diffTexts, type TextDiff } from './text-diff.ts';

/** One side of a diff: a numbered version, or a capture's own reading. */
export interface DiffSide {
  label: string;
  /** The version's number on its page, or null for a capture that wrote no version. */
  version: number | null;
  articleId: number | null;
  captureId: number;
  capturedAt: string;
}

export interface VersionDiff {
  page: { key: string; url: string; sourceId: string };
  from: DiffSide;
  to: DiffSide;
  diff: TextDiff;
}

/** A stored version with its number on the page and when its capture was made. */
export interface NumberedVersion {
  article: ArticleRow;
  number: number;
  capturedAt: number;
}

/** A page's versions, oldest first, numbered from 1 and dated by their captures. */
export async function numberedVersions(store: Store, pageId: number): Promise<NumberedVersion[]> {
  const [articles, captures] = await Promise.all([store.listArticles(pageId), store.listCaptures(pageId)]);
  const capturedAt = new Map(captures.map((capture) => [capture.id, capture.capturedAt]));
  return articles.map((article, index) => ({ article, number: index + 1, capturedAt: capturedAt.get(article.captureId) ?? article.createdAt }));
}

export function diffArticleVersions(page: PageRow, from: NumberedVersion, to: NumberedVersion): VersionDiff {
  return {
    page: pageRef(page),
    from: versionSide(page, from),
    to: versionSide(page, to),
    diff: diffTexts(versionLines(from.article), versionLines(to.article)),
  };
}

/**
 * What a capture shows against the last good version before it. `shown` is the article the capture extracts
 * to, or (when it holds none, as a removal notice does) a stand-in built from the page's visible text.
 */
export function diffCaptureWithVersion(
  page: PageRow,
  lastGood: NumberedVersion,
  capture: CaptureRow,
  shown: { version: DiffableVersion; extracted: boolean },
): VersionDiff {
  const what = shown.extracted ? 'article' : 'no article extracted; the page as shown';
  return {
    page: pageRef(page),
    from: versionSide(page, lastGood),
    to: {
      label: `${page.canonicalKey} capture #${capture.id} (${toShanghaiIso(capture.capturedAt)}, ${capture.status ?? capture.failureKind ?? 'no response'}, ${what})`,
      version: null,
      articleId: null,
      captureId: capture.id,
      capturedAt: toShanghaiIso(capture.capturedAt),
    },
    diff: diffTexts(versionLines(lastGood.article), versionLines(shown.version)),
  };
}

function pageRef(page: PageRow): VersionDiff['page'] {
  return { key: page.canonicalKey, url: page.url, sourceId: page.sourceId };
}

function versionSide(page: PageRow, version: NumberedVersion): DiffSide {
  return {
    label: `${page.canonicalKey} v${version.number} (${toShanghaiIso(version.capturedAt)})`,
    version: version.number,
    articleId: version.article.id,
    captureId: version.article.captureId,
    capturedAt: toShanghaiIso(version.capturedAt),
  };
}
