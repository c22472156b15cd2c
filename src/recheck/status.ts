/**
 * The archive's state at a glance, for `memhole status`: pages by state, what is due, recent removals,
 * sources whose share of extraction failures jumped (the site changed, the adapter needs attention), and
 * every page not alive with the checks that prove its state.
 */
import type { CheckRow, EventRow, PageRow, PageState, Store } from '../../storage/types.ts';
import { CHECKED_KINDS } from './run-rechecks.ts';

const DAY = 86_400_000;
/** Recent checks of a source whose extraction-failure share is at least this, and this much above before, warn. */
const FAILURE_SHARE_WARN = 0.3;
const FAILURE_SHARE_JUMP = 0.2;
const MIN_RECENT_CHECKS = 5;

/** The evidence of one check, as status shows it. */
export interface CheckEvidence {
  checkId: number;
  checkedAt: number;
  outcome: string;
  status: number | null;
  finalUrl: string | null;
  failureKind: string | null;
  notice: string | null;
  detail: Record<string, unknown>;
}

export interface PageStatus {
  key: string;
  url: string;
  kind: string;
  sourceId: string;
  state: PageState;
  since: number;
  removalKind: string | null;
  removedBy: string | null;
  notice: string | null;
  /** True when the page was never seen with its content (an origin gone before its first check). */
  removedBeforeFirstCheck: boolean;
  evidence: CheckEvidence[];
  /** For an origin: the archived pages that cite it, and since when the archive holds each citation. */
  citedBy: { key: string; state: PageState; archivedAt: number }[];
}

export interface AdapterWarning {
  sourceId: string;
  recentChecks: number;
  recentFailureShare: number;
  earlierFailureShare: number;
  message: string;
}

export interface ArchiveStatus {
  at: number;
  pages: number;
  byState: Record<PageState, number>;
  due: { now: number; next24h: number; nextAt: number | null };
  recentRemovals: { key: string; url: string; at: number; removalKind: string | null; removedBy: string | null; notice: string | null }[];
  adapterWarnings: AdapterWarning[];
  notAlive: PageStatus[];
}

/** The pages that are re-checked (articles and origins), the ones status counts. */
async function checkedPages(store: Store): Promise<PageRow[]> {
  return (await store.listPages()).filter((page) => CHECKED_KINDS.has(page.kind));
}

/** The adapter warnings of `archiveStatus` alone, without reading every page that is not alive. */
export async function sourceAdapterWarnings(store: Store, now: number): Promise<AdapterWarning[]> {
  const pages = await checkedPages(store);
  return adapterWarnings(await store.listChecksSince(now - 8 * DAY), new Map(pages.map((page) => [page.id, page])), now);
}

export async function archiveStatus(store: Store, now: number): Promise<ArchiveStatus> {
  const pages = await checkedPages(store);
  const byState: Record<PageState, number> = { alive: 0, suspect: 0, removed: 0, blocked: 0, unreachable: 0 };
  for (const page of pages) byState[page.state]++;
  const planned = pages.map((page) => page.nextCheckAt).filter((at): at is number => at !== null);
  const pageById = new Map(pages.map((page) => [page.id, page]));
  const removals = await store.listEvents({ kinds: ['removed'], since: now - 7 * DAY });
  const notAlive: PageStatus[] = [];
  for (const page of pages.filter((p) => p.state !== 'alive')) notAlive.push(await pageStatus(store, page));
  return {
    at: now,
    pages: pages.length,
    byState,
    due: {
      now: planned.filter((at) => at <= now).length,
      next24h: planned.filter((at) => at > now && at <= now + DAY).length,
      nextAt: planned.length ? Math.min(...planned) : null,
    },
    recentRemovals: removals
      .filter((event) => pageById.has(event.pageId))
      .map((event) => {
        const page = pageById.get(event.pageId)!;
        return { key: page.canonicalKey, url: page.url, at: event.at, removalKind: event.removalKind, removedBy: event.removedBy, notice: event.notice };
      }),
    adapterWarnings: adapterWarnings(await store.listChecksSince(now - 8 * DAY), pageById, now),
    notAlive,
  };
}

async function pageStatus(store: Store, page: PageRow): Promise<PageStatus> {
  const events = await store.listEvents({ pageId: page.id });
  const decisive: EventRow | undefined = [...events].reverse().find((event) => event.toState === page.state);
  const checks = decisive ? await store.getChecks(decisive.checkIds) : (await store.listChecks(page.id)).slice(-1);
  const citedBy =
    page.kind === 'origin'
      ? (await store.linkedPages(page.id, 'to')).map((link) => ({ key: link.page.canonicalKey, state: link.page.state, archivedAt: link.firstSeenAt }))
      : [];
  return {
    key: page.canonicalKey,
    url: page.url,
    kind: page.kind,
    sourceId: page.sourceId,
    state: page.state,
    since: page.stateSince,
    removalKind: decisive?.removalKind ?? null,
    removedBy: decisive?.removedBy ?? null,
    notice: decisive?.notice ?? null,
    removedBeforeFirstCheck: decisive?.detail.removedBeforeFirstCheck === true,
    evidence: checks.map(evidenceOf),
    citedBy,
  };
}

function evidenceOf(check: CheckRow): CheckEvidence {
  return {
    checkId: check.id,
    checkedAt: check.checkedAt,
    outcome: check.outcome,
    status: check.status,
    finalUrl: check.finalUrl,
    failureKind: check.failureKind,
    notice: check.notice,
    detail: check.detail,
  };
}

/** Sources whose last day of checks fails extraction far more often than the week before. */
function adapterWarnings(checks: CheckRow[], pageById: Map<number, PageRow>, now: number): AdapterWarning[] {
  const bySource = new Map<string, { recent: CheckRow[]; earlier: CheckRow[] }>();
  for (const check of checks) {
    const page = pageById.get(check.pageId);
    if (!page || page.kind !== 'article') continue;
    const entry = bySource.get(page.sourceId) ?? { recent: [], earlier: [] };
    (check.checkedAt >= now - DAY ? entry.recent : entry.earlier).push(check);
    bySource.set(page.sourceId, entry);
  }
  const share = (list: CheckRow[]): number => (list.length ? list.filter((c) => c.outcome === 'extraction_failed').length / list.length : 0);
  const warnings: AdapterWarning[] = [];
  for (const [sourceId, { recent, earlier }] of bySource) {
    const recentShare = share(recent);
    const earlierShare = share(earlier);
    if (recent.length >= MIN_RECENT_CHECKS && recentShare >= FAILURE_SHARE_WARN && recentShare - earlierShare >= FAILURE_SHARE_JUMP) {
      warnings.push({
        sourceId,
        recentChecks: recent.length,
        recentFailureShare: recentShare,
        earlierFailureShare: earlierShare,
        message: `${Math.round(recentShare * 100)}% of ${sourceId}'s checks in the last day found no article (before: ${Math.round(earlierShare * 100)}%): the site probably changed; the adapter needs attention`,
      });
    }
  }
  return warnings;
}
