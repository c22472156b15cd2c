/**
 * The plain-language pieces every rendering of a removal report shares (markdown, HTML, CSV, Atom): how an
 * event is named, how a removal and a check read. Unescaped text; each renderer escapes for its format.
 */
import type { EvidenceCheck, ReportEntry, ReportKind, SurvivingCopy } from './removal-report.ts';

const KIND_NAMES: Record<ReportKind, string> = { removed: 'Removed', restored: 'Restored', edited: 'Edited' };

export function kindName(kind: ReportKind): string {
  return KIND_NAMES[kind];
}

/** The heading of an entry: "Removed: <title>", falling back to the page's key. */
export function entryHeading(entry: ReportEntry): string {
  return `${kindName(entry.kind)}: ${entry.title ?? entry.page.key}`;
}

/** "soft_deleted, by the platform (wechat notice: 此内容因违规无法查看)". */
export function describeRemoval(removal: NonNullable<ReportEntry['removal']>): string {
  const who = removal.removedBy === 'platform' ? ', by the platform' : removal.removedBy === 'author' ? ', by the author' : removal.notice ? ', by whom the notice does not say' : '';
  const notice = removal.notice ? ` (${removal.noticePlatform ? `${removal.noticePlatform} ` : ''}notice: ${removal.notice})` : '';
  return `${removal.kind ?? 'unknown'}${who}${notice}`;
}

/** "HTTP 404", "dns failure", or "no response". */
export function describeResponse(check: EvidenceCheck): string {
  return check.status !== null ? `HTTP ${check.status}` : check.failureKind ? `${check.failureKind} failure` : 'no response';
}

/** One check on one line: "2026-03-02T11:00:00+08:00 not_found, HTTP 404 at <url>; notice: …". */
export function describeCheck(check: EvidenceCheck): string {
  const at = check.finalUrl ? ` at ${check.finalUrl}` : '';
  const notice = check.notice ? `; notice: ${check.notice}` : '';
  return `#${check.checkId} ${check.checkedAt} ${check.outcome}, ${describeResponse(check)}${at}${notice}`;
}

/** "mirror, alive, text 83% the same" or "cdt, alive, its archive card cites this page". */
export function describeCopy(copy: SurvivingCopy): string {
  const why = copy.match === 'card' ? 'its archive card cites this page' : `text ${Math.round((copy.similarity ?? 0) * 100)}% the same`;
  return `${copy.sourceId}, ${copy.state}, ${why}`;
}

/** The dates of an entry as label and value pairs, absent ones left out. */
export function entryDates(entry: ReportEntry): [string, string][] {
  const dates: [string, string | null][] = [
    ['Published', entry.published],
    ['First archived', entry.firstArchived],
    ['Last seen alive', entry.lastSeenAlive],
    ['Found removed', entry.foundRemoved],
    [entry.kind === 'removed' ? 'Removal confirmed' : entry.kind === 'restored' ? 'Seen again' : 'Edit seen', entry.at],
  ];
  return dates.filter((pair): pair is [string, string] => pair[1] !== null);
}
