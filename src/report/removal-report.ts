/**
 * The removal report's data: every page removed, restored or edited in a window (from the `events` table),
 * with its title and dates, the kind of removal and who removed it, the checks that prove it, the state of
 * the original it copies (or of the copies that cite it), the last good version's markdown path, the diff of
 * an edit and the other archived pages that still hold nearly the same text. This shape is the JSON format
 * (version 1, documented field by field below); report-markdown.ts, report-html.ts, report-csv.ts and
 * atom-feed.ts render it.
 */
import { posix } from 'node:path';
import { toShanghaiIso } from '../../crawlers/common/dates.ts';
import type { CheckRow, EventRow, PageKind, PageRow, PageState, Store } from '../../storage/types.ts';
import { versionPath } from '../export/markdown-tree.ts';
import { CONTENT_OUTCOMES } from '../recheck/classify.ts';
import { normalizeNoticeText, NOTICE_TABLE } from '../recheck/notices.ts';
import type { DiffRow, DiffStats } from './text-diff.ts';
import { formatUnifiedDiff } from './unified-diff.ts';
import { diffArticleVersions, numberedVersions, type DiffSide, type NumberedVersion } from './version-diff.ts';

/** The events a report lists. */
export const REPORT_KINDS = ['removed', 'restored', 'edited'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface RemovalReportOptions {
  /** The window, epoch ms, both ends included. */
  since: number;
  until: number;
  sourceId?: string | undefined;
  kinds?: readonly ReportKind[];
  now: number;
  /** Build entries for only the newest this many events (counts and chart still cover them all). */
  maxEntries?: number;
  /**
   * Fingerprint the versions an older archive holds without one first, so surviving copies are found among
   * them (default true); false for a read-only archive.
   */
  fillMissingFingerprints?: boolean;
  /** Prefix of the last good markdown's path: a folder `memhole export markdown` wrote, or a URL. Default: none. */
  markdownBase?: string | undefined;
}

/** A JSON report, version 1. Times are ISO 8601 in Asia/Shanghai (+08:00); days are Shanghai calendar days. */
export interface RemovalReport {
  format: 'memhole.removal-report';
  version: 1;
  generatedAt: string;
  window: { since: string; until: string };
  /** The source asked for, or null for all. */
  source: string | null;
  counts: Record<ReportKind, number>;
  /** Every source that has an entry, sorted. */
  sources: string[];
  /** Removals per day and source, each day of the window (zero days too), oldest first. */
  removalsPerDay: { day: string; bySource: Record<string, number>; total: number }[];
  /** Events in the window left out of `entries` (the oldest ones) because the caller asked for fewer; 0 normally. */
  entriesOmitted: number;
  /** Oldest first. */
  entries: ReportEntry[];
}

export interface ReportEntry {
  eventId: number;
  kind: ReportKind;
  /** When the event was recorded: the confirming check of a removal, the check that saw a restoration or an edit. */
  at: string;
  page: { key: string; url: string; sourceId: string; kind: PageKind; state: PageState; stateSince: string; firstSeen: string };
  /** The last good version's title; for an original with no version of its own, the title its archived copy gives it. */
  title: string | null;
  published: string | null;
  /** When the text was first archived (the first version's capture). */
  firstArchived: string | null;
  /** The last time the content was seen before it was found removed; for a restoration or an edit, the event's time. */
  lastSeenAlive: string | null;
  /** The first check that saw the removal (for a restoration: of the removal it undoes). */
  foundRemoved: string | null;
  /** For removals (and restorations: the removal undone): the outcome, who removed it as the notice says, the notice. */
  removal: { kind: string | null; removedBy: string | null; notice: string | null; noticePlatform: string | null } | null;
  /** The checks the event names, oldest first. */
  evidence: EvidenceCheck[];
  /** The original this page copies (an archive card's 来源), or the copies that cite this page when it is an original. */
  links: LinkedPage[];
  /** One sentence on the links, such as "cdt's copy cdt:700101 is alive; the original was censored on 2026-03-02". */
  linkNote: string | null;
  lastGood: { version: number; articleId: number; capturedAt: string; textHash: string; markdownPath: string } | null;
  /** For edits: the two versions and what changed between them. */
  diff: { from: DiffSide; to: DiffSide; stats: DiffStats; unified: string; rows: DiffRow[] } | null;
  /** Other archived pages (any source) holding nearly the same text, most similar first; removals only. */
  copies: SurvivingCopy[];
}

export interface EvidenceCheck {
  checkId: number;
  checkedAt: string;
  outcome: string;
  status: number | null;
  finalUrl: string | null;
  failureKind: string | null;
  notice: string | null;
  noticePlatform: string | null;
}

export interface LinkedPage {
  /** `original`: the page this one copies; `copy`: a page that copies this one. */
  relation: 'original' | 'copy';
  key: string;
  url: string;
  sourceId: string;
  state: PageState;
  stateSince: string;
}

export interface SurvivingCopy {
  key: string;
  url: string;
  sourceId: string;
  state: PageState;
  /** Estimated share of the text's character shingles the copy shares (0 to 1); null for a copy known by its archive card. */
  similarity: number | null;
  /** `text`: found by its text's fingerprint; `card`: its archive card names this page as its original. */
  match: 'text' | 'card';
}

const DAY = 86_400_000;
/** A chart of more days than this starts at the first removal rather than at the window's start. */
const MAX_CHART_DAYS = 92;

export async function buildRemovalReport(store: Store, options: RemovalReportOptions): Promise<RemovalReport> {
  const kinds = options.kinds ?? REPORT_KINDS;
  // Archives written before fingerprints were kept get theirs now, so the copies below can be found.
  if (options.fillMissingFingerprints !== false) await store.fillMissingFingerprints();
  const events = await store.listEvents({ since: options.since, until: options.until, kinds: [...kinds] });
  const pages = new Map<number, PageRow | null>();
  const pageOf = async (id: number): Promise<PageRow | null> => {
    if (!pages.has(id)) pages.set(id, await store.getPage(id));
    return pages.get(id)!;
  };
  const inScope: { event: EventRow; page: PageRow }[] = [];
  for (const event of events) {
    const page = await pageOf(event.pageId);
    if (!page || (options.sourceId && page.sourceId !== options.sourceId)) continue;
    inScope.push({ event, page });
  }
  // Counts and the chart cover every event; the entries, which read each page's versions and checks, only the
  // newest `maxEntries` when a caller (a web page, a feed) asks for fewer.
  const kept = options.maxEntries === undefined ? inScope : inScope.slice(Math.max(0, inScope.length - options.maxEntries));
  const entries: ReportEntry[] = [];
  for (const { event, page } of kept) entries.push(await buildEntry(store, page, event, options, pageOf));
  const counts = { removed: 0, restored: 0, edited: 0 };
  for (const { event } of inScope) counts[event.kind as ReportKind]++;
  return {
    format: 'memhole.removal-report',
    version: 1,
    generatedAt: toShanghaiIso(options.now),
    window: { since: toShanghaiIso(options.since), until: toShanghaiIso(options.until) },
    source: options.sourceId ?? null,
    counts,
    sources: [...new Set(inScope.map(({ page }) => page.sourceId))].sort(),
    removalsPerDay: removalsPerDay(inScope, options.since, options.until),
    entriesOmitted: inScope.length - entries.length,
    entries,
  };
}

async function buildEntry(
  store: Store,
  page: PageRow,
  event: EventRow,
  options: RemovalReportOptions,
  pageOf: (id: number) => Promise<PageRow | null>,
): Promise<ReportEntry> {
  const kind = event.kind as ReportKind;
  const [versions, checks, evidenceRows, { links, copyPages }] = await Promise.all([
    numberedVersions(store, page.id),
    store.listChecks(page.id),
    store.getChecks(event.checkIds),
    linkedPages(store, page),
  ]);
  const before = versions.filter((version) => version.capturedAt <= event.at);
  const lastGood = kind === 'edited' ? (versions.find((v) => v.article.id === event.fromArticleId) ?? null) : (before.at(-1) ?? null);
  const removal = kind === 'restored' ? await undoneRemoval(store, page, event) : kind === 'removed' ? { event, checks: evidenceRows } : null;
  const sighting = removal ? (removal.checks[0]?.checkedAt ?? removal.event.at) : null;
  const seen = contentSeenTimes(versions, checks).filter((at) => sighting === null || at < sighting);
  const cardOfCopy = lastGood ? null : await copiedCard(store, copyPages);
  return {
    eventId: event.id,
    kind,
    at: toShanghaiIso(event.at),
    page: {
      key: page.canonicalKey,
      url: page.url,
      sourceId: page.sourceId,
      kind: page.kind,
      state: page.state,
      stateSince: toShanghaiIso(page.stateSince),
      firstSeen: toShanghaiIso(page.firstSeenAt),
    },
    title: lastGood?.article.title ?? cardOfCopy?.title ?? null,
    published: lastGood?.article.publishedAt ?? lastGood?.article.publishedText ?? cardOfCopy?.published ?? null,
    firstArchived: versions[0] ? toShanghaiIso(versions[0].capturedAt) : null,
    lastSeenAlive: kind === 'removed' ? (seen.length ? toShanghaiIso(Math.max(...seen)) : null) : toShanghaiIso(event.at),
    foundRemoved: sighting === null ? null : toShanghaiIso(sighting),
    removal: removal ? removalOf(removal.event, removal.checks) : null,
    evidence: evidenceRows.map(evidenceOf),
    links,
    linkNote: linkNote(kind, removal && sighting !== null ? { removedBy: removal.event.removedBy, sighting } : null, links),
    lastGood: lastGood ? lastGoodRef(page, lastGood, options.markdownBase) : null,
    diff: kind === 'edited' ? editDiff(page, versions, event) : null,
    copies: kind === 'removed' ? await survivingCopies(store, page, lastGood, copyPages, pageOf) : [],
  };
}

/**
 * What the removal was and who made it: as the re-check recorded it from the matched notice, else (a row
 * written before the notice table knew the phrase) as the notice table reads the stored notice now.
 */
function removalOf(event: EventRow, checks: CheckRow[]): NonNullable<ReportEntry['removal']> {
  const known = event.notice ? NOTICE_TABLE.find((rule) => normalizeNoticeText(rule.text) === normalizeNoticeText(event.notice!)) : undefined;
  return {
    kind: event.removalKind,
    removedBy: event.removedBy ?? known?.removedBy ?? null,
    notice: event.notice,
    noticePlatform: checks.find((check) => check.noticePlatform)?.noticePlatform ?? known?.platform ?? null,
  };
}

/** The removal a restoration undoes: the page's last `removed` event before it, with its checks. */
async function undoneRemoval(store: Store, page: PageRow, restored: EventRow): Promise<{ event: EventRow; checks: CheckRow[] } | null> {
  const removed = (await store.listEvents({ pageId: page.id, until: restored.at, kinds: ['removed'] })).filter((e) => e.id < restored.id).at(-1);
  return removed ? { event: removed, checks: await store.getChecks(removed.checkIds) } : null;
}

/** Every time the content was seen: each version's capture and each check that saw the content. */
function contentSeenTimes(versions: NumberedVersion[], checks: CheckRow[]): number[] {
  return [...versions.map((version) => version.capturedAt), ...checks.filter((check) => CONTENT_OUTCOMES.has(check.outcome)).map((check) => check.checkedAt)];
}

/** The page's originals and copies as the report lists them, and the copies' rows. */
async function linkedPages(store: Store, page: PageRow): Promise<{ links: LinkedPage[]; copyPages: PageRow[] }> {
  const [originals, copies] = await Promise.all([store.linkedPages(page.id, 'from'), store.linkedPages(page.id, 'to')]);
  const ref = (relation: LinkedPage['relation'], linked: PageRow): LinkedPage => ({
    relation,
    key: linked.canonicalKey,
    url: linked.url,
    sourceId: linked.sourceId,
    state: linked.state,
    stateSince: toShanghaiIso(linked.stateSince),
  });
  return {
    links: [...originals.map((link) => ref('original', link.page)), ...copies.map((link) => ref('copy', link.page))],
    copyPages: copies.map((link) => link.page),
  };
}

/** For an original with no text of its own: the title and date its copy's archive card gives it. */
async function copiedCard(store: Store, copyPages: PageRow[]): Promise<{ title: string | null; published: string | null } | null> {
  for (const copy of copyPages) {
    const article = await store.latestArticle(copy.id);
    if (article) return { title: article.card?.title ?? article.title, published: article.card?.publishedAt ?? article.card?.publishedText ?? null };
  }
  return null;
}

/** "removed" said as the notice says it: censored by the platform, deleted by the author, or removed. */
function removalVerb(removedBy: string | null): string {
  return removedBy === 'platform' ? 'censored' : removedBy === 'author' ? 'deleted by its author' : 'removed';
}

function linkNote(kind: ReportKind, removal: { removedBy: string | null; sighting: number } | null, links: LinkedPage[]): string | null {
  const day = (iso: string): string => iso.slice(0, 10);
  const notes: string[] = [];
  for (const link of links) {
    if (link.relation === 'copy' && removal) {
      const what = `was ${removalVerb(removal.removedBy)} on ${shanghaiDay(removal.sighting)}${kind === 'restored' ? ' and is back now' : ''}`;
      notes.push(`${link.sourceId}'s copy ${link.key} is ${link.state}; the original ${what}`);
    } else if (link.relation === 'original') {
      const original = link.state === 'removed' ? `was removed on ${day(link.stateSince)}` : link.state === 'alive' ? 'is still alive' : `is ${link.state} since ${day(link.stateSince)}`;
      notes.push(`The original ${link.url} ${original}`);
    }
  }
  return notes.length ? notes.join('; ') : null;
}

function lastGoodRef(page: PageRow, version: NumberedVersion, base: string | undefined): NonNullable<ReportEntry['lastGood']> {
  const relative = versionPath(page, version.article, version.capturedAt, version.number);
  const markdownPath = base ? (/^[a-z][a-z0-9+.-]*:/i.test(base) ? `${base.replace(/\/+$/, '')}/${relative}` : posix.join(base, relative)) : relative;
  return { version: version.number, articleId: version.article.id, capturedAt: toShanghaiIso(version.capturedAt), textHash: version.article.textHash, markdownPath };
}

function editDiff(page: PageRow, versions: NumberedVersion[], event: EventRow): ReportEntry['diff'] {
  const from = versions.find((version) => version.article.id === event.fromArticleId);
  const to = versions.find((version) => version.article.id === event.toArticleId);
  if (!from || !to) return null;
  const result = diffArticleVersions(page, from, to);
  return {
    from: result.from,
    to: result.to,
    stats: result.diff.stats,
    unified: formatUnifiedDiff(result.diff, { from: result.from.label, to: result.to.label }),
    rows: result.diff.rows,
  };
}

/**
 * Where the removed text survives: pages of any source whose text's fingerprint is nearly the same as the
 * last good version's, and, for an original, the copies whose archive cards cite it with the pages nearly
 * the same as those copies.
 */
async function survivingCopies(
  store: Store,
  page: PageRow,
  lastGood: NumberedVersion | null,
  copyPages: PageRow[],
  pageOf: (id: number) => Promise<PageRow | null>,
): Promise<SurvivingCopy[]> {
  const copies = new Map<number, SurvivingCopy>();
  const add = (copy: PageRow, similarity: number | null, match: SurvivingCopy['match']): void => {
    const known = copies.get(copy.id);
    if (copy.id === page.id || (known && (known.match === 'card' || (known.similarity ?? 0) >= (similarity ?? 0)))) return;
    copies.set(copy.id, { key: copy.canonicalKey, url: copy.url, sourceId: copy.sourceId, state: copy.state, similarity, match });
  };
  const texts: number[] = lastGood ? [lastGood.article.id] : [];
  for (const copy of copyPages) {
    add(copy, null, 'card');
    const version = await store.latestVersion(copy.id);
    if (version) texts.push(version.id);
  }
  for (const articleId of texts) {
    for (const similar of await store.similarTexts(articleId)) {
      const copy = await pageOf(similar.pageId);
      if (copy) add(copy, Math.round(similar.similarity * 100) / 100, 'text');
    }
  }
  return [...copies.values()].sort((a, b) => (b.similarity ?? 2) - (a.similarity ?? 2) || a.key.localeCompare(b.key));
}

function evidenceOf(check: CheckRow): EvidenceCheck {
  return {
    checkId: check.id,
    checkedAt: toShanghaiIso(check.checkedAt),
    outcome: check.outcome,
    status: check.status,
    finalUrl: check.finalUrl,
    failureKind: check.failureKind,
    notice: check.notice,
    noticePlatform: check.noticePlatform,
  };
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(at: number): string {
  return toShanghaiIso(at).slice(0, 10);
}

function removalsPerDay(events: { event: EventRow; page: PageRow }[], since: number, until: number): RemovalReport['removalsPerDay'] {
  const counts = new Map<string, Record<string, number>>();
  for (const { event, page } of events) {
    if (event.kind !== 'removed') continue;
    const day = shanghaiDay(event.at);
    const bySource = counts.get(day) ?? {};
    bySource[page.sourceId] = (bySource[page.sourceId] ?? 0) + 1;
    counts.set(day, bySource);
  }
  let start = Date.parse(`${shanghaiDay(since)}T00:00:00+08:00`);
  const end = Date.parse(`${shanghaiDay(until)}T00:00:00+08:00`);
  if ((end - start) / DAY > MAX_CHART_DAYS) {
    const first = [...counts.keys()].sort()[0];
    start = first ? Math.max(start, Date.parse(`${first}T00:00:00+08:00`)) : end - (MAX_CHART_DAYS - 1) * DAY;
  }
  const days: RemovalReport['removalsPerDay'] = [];
  for (let at = start; at <= end; at += DAY) {
    const day = shanghaiDay(at);
    const bySource = counts.get(day) ?? {};
    days.push({ day, bySource, total: Object.values(bySource).reduce((sum, n) => sum + n, 0) });
  }
  return days;
}
