/** The landing page: what the archive holds, and what changed lately (removals first), newest first. */
import type { EventRow, PageRow, Store } from '../../../storage/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { stateBadge, when } from '../layout.ts';

const DAY = 86_400_000;
/** How far back and how many of the latest events the landing page lists. */
const RECENT_DAYS = 30;
const RECENT_EVENTS = 100;

export async function homeView(store: Store, now: number): Promise<SafeHtml> {
  const counts = await store.counts();
  const recent = (await store.listEvents({ since: now - RECENT_DAYS * DAY })).slice(-RECENT_EVENTS).reverse();
  const pages = new Map<number, PageRow | null>();
  for (const event of recent) if (!pages.has(event.pageId)) pages.set(event.pageId, await store.getPage(event.pageId));
  return html`
<h1>The archive</h1>
<p>${counts.pages} pages · ${counts.articles} article versions · ${counts.captures} captures · ${counts.checks} checks · ${counts.events} events</p>
<h2>Changes in the last ${RECENT_DAYS} days</h2>
${recent.length === 0 ? html`<p class="muted">No page changed state or text in this time.</p>` : html`<div class="scroll"><table class="recent responsive">
<thead><tr><th>when</th><th>page</th><th>event</th></tr></thead>
<tbody>${recent.map((event) => eventRow(event, pages.get(event.pageId) ?? null))}</tbody></table></div>`}`;
}

function eventRow(event: EventRow, page: PageRow | null): SafeHtml {
  return html`<tr data-event="${event.kind}"><td>${when(event.at)}</td><td>${page ? html`<a href="/pages/${page.id}">${page.canonicalKey}</a> <span class="muted">${page.sourceId}</span>` : `page ${event.pageId}`}</td><td>${event.kind}${event.toState ? html` → ${stateBadge(event.toState)}` : ''}${event.removalKind ? ` (${event.removalKind})` : ''}</td></tr>`;
}
