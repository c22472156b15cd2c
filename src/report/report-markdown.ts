/**
 * A removal report as Markdown (CommonMark with GFM tables): a summary, removals per day and source as a
 * table, then one section per event with its dates, removal, evidence, original, last good markdown, surviving
 * copies and, for edits, the unified diff in a fenced block. Archived text is escaped so it cannot become
 * markup, links or HTML.
 */
import { describeCheck, describeCopy, describeRemoval, entryDates, entryHeading, kindName } from './entry-text.ts';
import { chartSources } from './removal-chart.ts';
import type { RemovalReport, ReportEntry } from './removal-report.ts';
import { describeStats } from './text-diff.ts';

export function reportMarkdown(report: RemovalReport): string {
  const lines: string[] = [
    `# Removal report, ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)}`,
    '',
    `Window ${report.window.since} to ${report.window.until}; ${report.source ? `source ${inline(report.source)}` : 'all sources'}; generated ${report.generatedAt}.`,
    `${report.counts.removed} removed, ${report.counts.restored} restored, ${report.counts.edited} edited.`,
    '',
  ];
  const sources = chartSources(report);
  if (sources.length) {
    lines.push('## Removals per day (Asia/Shanghai)', '', `| day | ${sources.map(inline).join(' | ')} | total |`, `|---|${sources.map(() => '---:|').join('')}---:|`);
    for (const day of report.removalsPerDay) lines.push(`| ${day.day} | ${sources.map((s) => day.bySource[s] ?? 0).join(' | ')} | ${day.total} |`);
    lines.push('');
  }
  if (!report.entries.length) {
    lines.push('Nothing was removed, restored or edited in this window.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('## Events', '', '| # | event | at | source | page | title |', '|---:|---|---|---|---|---|');
  report.entries.forEach((entry, index) => {
    lines.push(`| ${index + 1} | ${kindName(entry.kind)} | ${entry.at} | ${inline(entry.page.sourceId)} | ${link(entry.page.key, entry.page.url)} | ${inline(entry.title ?? '')} |`);
  });
  report.entries.forEach((entry, index) => lines.push('', ...entrySection(entry, index + 1)));
  return `${lines.join('\n')}\n`;
}

function entrySection(entry: ReportEntry, number: number): string[] {
  const lines = [`## ${number}. ${inline(entryHeading(entry))}`, ''];
  const page = entry.page;
  lines.push(`- **Page:** ${link(page.key, page.url)} (${inline(page.sourceId)}, ${page.kind}, ${page.state} since ${page.stateSince})`);
  lines.push(`- ${entryDates(entry).map(([label, value]) => `**${label}:** ${value}`).join(' · ')}`);
  if (entry.removal) lines.push(`- **${entry.kind === 'restored' ? 'Removal undone' : 'Removal'}:** ${inline(describeRemoval(entry.removal))}`);
  if (entry.linkNote) lines.push(`- **Original and copies:** ${inline(entry.linkNote)}`);
  if (entry.lastGood) lines.push(`- **Last good version:** v${entry.lastGood.version}, ${link(entry.lastGood.markdownPath, entry.lastGood.markdownPath)}`);
  if (entry.kind === 'removed') {
    lines.push(`- **Copies that survive:** ${entry.copies.length ? entry.copies.map((copy) => `${link(copy.key, copy.url)} (${inline(describeCopy(copy))})`).join('; ') : 'none found in the archive'}`);
  }
  if (entry.evidence.length) {
    lines.push('', '**Evidence:**', '');
    for (const check of entry.evidence) lines.push(`- ${inline(describeCheck(check))}`);
  }
  if (entry.diff) {
    lines.push('', `**Diff** (${describeStats(entry.diff.stats)}):`, '');
    const fence = '`'.repeat(Math.max(3, ...[...entry.diff.unified.matchAll(/`+/g)].map((run) => run[0].length + 1)));
    lines.push(`${fence}diff`, entry.diff.unified.trimEnd(), fence);
  }
  return lines;
}

/** Archived text on one line, unable to become markup: Markdown's punctuation and HTML's brackets escaped. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]{}<>|#!~]/g, (char) => `\\${char}`);
}

/** A link whose destination is wrapped in <>, so spaces and parentheses in it are safe. */
function link(text: string, url: string): string {
  const destination = /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^https?:/i.test(url) ? '#' : url.replace(/[<>\s]/g, encodeURIComponent);
  return `[${inline(text)}](<${destination}>)`;
}
