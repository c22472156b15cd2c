/**
 * One article version as archived: its card, the extracted markdown rendered (images from their archived
 * copies), the comment thread seen with it, the screenshot when one was taken, and the archived HTML in a
 * sandboxed frame whose own response forbids script (archived.ts).
 */
import type { ExtractedComment } from '../../../crawlers/adapter.ts';
import { threadTree } from '../../export/markdown-tree.ts';
import type { ArticleRow, CaptureRow, PageRow, Store, ThreadRow } from '../../../storage/types.ts';
import { html, liveLink, raw, type SafeHtml } from '../html.ts';
import { stateBadge, when } from '../layout.ts';
import { articleHtml } from '../markdown-html.ts';

export interface SnapshotView {
  title: string;
  body: SafeHtml;
}

/** The view of version `number` (1 is the first), or null when the page has no such version. */
export async function snapshotView(store: Store, page: PageRow, number: number): Promise<SnapshotView | null> {
  const versions = await store.listArticles(page.id);
  const version = versions[number - 1];
  if (!version) return null;
  const captures = await store.listCaptures(page.id);
  const capture = captures.find((c) => c.id === version.captureId) ?? null;
  // A rendering is linked to the HTTP capture it was made beside; the newest one is shown.
  const rendered = (how: CaptureRow['how']): CaptureRow | null =>
    captures.filter((c) => c.how === how && c.bodyHash !== null && c.parentCaptureId === version.captureId).at(-1) ?? null;
  const screenshot = rendered('screenshot');
  const dom = rendered('browser');
  const thread = threadSeenWith(await store.listThreads(page.id), version.captureId);
  const comments = thread ? await threadTree(store, thread) : null;
  const framed = dom ?? (capture?.bodyHash ? capture : null);

  const body = html`
<p><a href="/pages/${page.id}">← timeline</a> · version ${number} of ${versions.length} · ${stateBadge(page.state)}</p>
<h1>${version.title}</h1>
${cardList(version, capture)}
<article class="snapshot" lang="zh">${raw(await articleHtml(store, version.markdown))}</article>
${comments && comments.comments.length ? html`<h2>评论 (${countComments(comments.comments)})</h2>${comments.intro ? html`<p class="muted">${comments.intro}</p>` : ''}${commentList(comments.comments)}` : ''}
${screenshot ? html`<h2>Screenshot</h2><p class="muted">taken ${when(screenshot.capturedAt)}</p><img class="screenshot" src="/archived/${screenshot.id}" alt="full-page screenshot of ${page.url}">` : ''}
${framed ? html`<h2>Archived page</h2><p class="muted">${framed.how === 'browser' ? 'as Chromium rendered it' : 'as fetched'} ${when(framed.capturedAt)}; shown sandboxed, with no script and nothing loaded from the live web.</p><iframe class="archived" sandbox src="/archived/${framed.id}" title="archived page" referrerpolicy="no-referrer"></iframe>` : ''}`;
  return { title: version.title || page.canonicalKey, body };
}

function cardList(version: ArticleRow, capture: CaptureRow | null): SafeHtml {
  const rows: [string, SafeHtml | string | null][] = [
    ['作者', version.author],
    ['发表日期', version.publishedText ?? version.publishedAt],
    ['来源', version.originUrl ? html`<a href="${liveLink(version.originUrl)}" rel="noreferrer noopener nofollow">${version.originName ?? version.originUrl}</a>` : version.originName],
    ['主题归类', version.topics.map((topic) => topic.name).join('、') || null],
    ['收藏', version.collection?.name ?? null],
    ['版权说明', version.copyright],
    ['archived', capture ? `${when(capture.capturedAt)} (${capture.how}, capture #${capture.id})` : null],
    ['extractor', version.extractorVersion],
  ];
  return html`<dl class="card">${rows.filter(([, value]) => value).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The thread recorded with this capture, else the newest one seen before it. */
function threadSeenWith(threads: ThreadRow[], captureId: number): ThreadRow | null {
  return threads.find((t) => t.firstCaptureId <= captureId && t.lastCaptureId >= captureId) ?? threads.filter((t) => t.firstCaptureId <= captureId).at(-1) ?? null;
}

function commentList(comments: ExtractedComment[]): SafeHtml {
  return html`<ul class="comments">${comments.map((c) => html`<li><strong>${c.author}</strong>：${c.text}${c.replies.length ? commentList(c.replies) : ''}</li>`)}</ul>`;
}

function countComments(comments: ExtractedComment[]): number {
  return comments.reduce((sum, c) => sum + 1 + countComments(c.replies), 0);
}
