/**
 * A page's timeline: what the archive holds of it (aliases, versions, origin links and the pages citing it)
 * and, oldest first, every capture, every check with its evidence, and every event, state changes marked.
 */
import type { CaptureRow, CheckRow, EventRow, PageRow, Store } from '../../../storage/types.ts';
import { html, liveLink, type SafeHtml } from '../html.ts';
import { stateBadge, when } from '../layout.ts';

export interface TimelineView {
  title: string;
  body: SafeHtml;
}

type Entry =
  | { at: number; order: number; kind: 'capture'; capture: CaptureRow }
  | { at: number; order: number; kind: 'check'; check: CheckRow; capture: CaptureRow | null }
  | { at: number; order: number; kind: 'event'; event: EventRow };

export async function timelineView(store: Store, page: PageRow): Promise<TimelineView> {
  const [urls, captures, checks, events, versions, origins, citedBy] = await Promise.all([
    store.pageUrls(page.id),
    store.listCaptures(page.id),
    store.listChecks(page.id),
    store.listEvents({ pageId: page.id }),
    store.listArticles(page.id),
    store.linkedPages(page.id, 'from'),
    store.linkedPages(page.id, 'to'),
  ]);
  const title = versions.at(-1)?.title || page.canonicalKey;
  // Where the text survives: other archived pages, of any source, holding nearly the same text as any version.
  const copies = new Map<number, { page: PageRow; similarity: number }>();
  for (const version of versions) {
    for (const similar of await store.similarTexts(version.id)) {
      if (similar.pageId === page.id || (copies.get(similar.pageId)?.similarity ?? 0) >= similar.similarity) continue;
      const other = copies.get(similar.pageId)?.page ?? (await store.getPage(similar.pageId));
      if (other) copies.set(similar.pageId, { page: other, similarity: similar.similarity });
    }
  }
  const byId = new Map(captures.map((capture) => [capture.id, capture]));
  const checked = new Set(checks.map((check) => check.captureId));
  const entries: Entry[] = [
    ...captures.filter((capture) => !checked.has(capture.id)).map((capture) => ({ at: capture.capturedAt, order: 0, kind: 'capture' as const, capture })),
    ...checks.map((check) => ({ at: check.checkedAt, order: 1, kind: 'check' as const, check, capture: byId.get(check.captureId) ?? null })),
    ...events.map((event) => ({ at: event.at, order: 2, kind: 'event' as const, event })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);

  const body = html`
<h1>${title}</h1>
<p>${stateBadge(page.state)} since ${when(page.stateSince)} · ${page.sourceId} · ${page.kind} · <code>${page.canonicalKey}</code></p>
<ul class="urls">${urls.map((url) => html`<li><a href="${liveLink(url)}" rel="noreferrer noopener nofollow">${url}</a> <span class="muted">(live site)</span></li>`)}</ul>
${origins.length ? html`<h2>Origin</h2><ul class="origins">${origins.map((link) => html`<li><a href="/pages/${link.page.id}">${link.page.url}</a> ${stateBadge(link.page.state)} since ${when(link.page.stateSince)}</li>`)}</ul>` : ''}
${citedBy.length ? html`<h2>Cited by</h2><ul class="cited-by">${citedBy.map((link) => html`<li><a href="/pages/${link.page.id}">${link.page.canonicalKey}</a> ${stateBadge(link.page.state)} <span class="muted">archived since ${when(link.firstSeenAt)}</span></li>`)}</ul>` : ''}
${copies.size ? html`<h2>Copies elsewhere</h2><ul class="copies">${[...copies.values()].sort((a, b) => b.similarity - a.similarity).map(({ page: other, similarity }) => html`<li data-key="${other.canonicalKey}"><a href="/pages/${other.id}">${other.canonicalKey}</a> ${stateBadge(other.state)} <span class="muted">${other.sourceId}, text ${Math.round(similarity * 100)}% the same</span></li>`)}</ul>` : ''}
<h2>Versions</h2>
${versions.length === 0 ? html`<p class="muted">No article was extracted from this page.</p>` : html`<ol class="versions">${versions.map(
    (version, at) => html`<li><a href="/pages/${page.id}/versions/${at + 1}">${version.title || '(untitled)'}</a> <span class="muted">${when(byId.get(version.captureId)?.capturedAt ?? version.createdAt)}</span>${at > 0 ? html` · <a class="diff" href="/diff?page=${page.id}&amp;from=${at}&amp;to=${at + 1}">diff with v${at}</a>` : ''}</li>`,
  )}</ol>`}
<h2>Timeline</h2>
<div class="scroll"><table class="timeline responsive">
<thead><tr><th>when</th><th>what</th><th>result</th><th>evidence</th></tr></thead>
<tbody>${entries.map(entryRow)}</tbody>
</table></div>`;
  return { title, body };
}

function entryRow(entry: Entry): SafeHtml {
  if (entry.kind === 'event') {
    const { event } = entry;
    const change = event.fromState && event.toState ? html`${stateBadge(event.fromState)} → ${stateBadge(event.toState)}` : html``;
    return html`<tr class="event transition" data-event="${event.kind}"><td>${when(event.at)}</td><td>event: ${event.kind}</td><td>${change}</td><td>${[
      event.removalKind && `removal: ${event.removalKind}`,
      event.removedBy && ` · removed by ${event.removedBy}`,
      event.notice && ` · notice “${event.notice}”`,
      ` · checks ${event.checkIds.map((id) => `#${id}`).join(', ')}`,
    ]}</td></tr>`;
  }
  if (entry.kind === 'check') {
    const { check, capture } = entry;
    const moved = check.stateBefore !== check.stateAfter;
    return html`<tr class="${moved ? 'check transition' : 'check'}" id="check-${check.id}" data-outcome="${check.outcome}"><td>${when(check.checkedAt)}</td><td>check #${check.id}</td><td>${check.outcome}${moved ? html` (${stateBadge(check.stateBefore)} → ${stateBadge(check.stateAfter)})` : ''}</td><td>${[
      check.status !== null ? `HTTP ${check.status}` : 'no response',
      check.failureKind && ` · ${check.failureKind}`,
      check.finalUrl && capture && check.finalUrl !== capture.requestedUrl ? ` · ended at ${check.finalUrl}` : '',
      check.notice && ` · notice “${check.notice}”${check.noticePlatform ? ` (${check.noticePlatform})` : ''}`,
      check.removedBy && ` · removed by ${check.removedBy}`,
    ]}${capture ? captureLink(capture) : ''}</td></tr>`;
  }
  const { capture } = entry;
  return html`<tr class="capture" data-how="${capture.how}"><td>${when(capture.capturedAt)}</td><td>capture #${capture.id} (${capture.how})</td><td>${capture.status !== null ? `HTTP ${capture.status}` : (capture.failureKind ?? 'no response')}</td><td>${capture.bodySize !== null ? `${capture.bodySize} bytes` : ''}${capture.finalUrl !== capture.requestedUrl ? ` · ended at ${capture.finalUrl}` : ''}${captureLink(capture)}</td></tr>`;
}

function captureLink(capture: CaptureRow): SafeHtml {
  if (capture.bodyHash === null) return html``;
  const label = capture.how === 'screenshot' ? 'screenshot' : 'archived bytes';
  return html` · <a href="/archived/${capture.id}">${label}</a>`;
}
