/**
 * A removal report as one self-contained HTML page: a summary, the chart of removals per day and source
 * (removal-chart.ts) with its numbers as a table, a table of every event, and a section per event with its
 * dates, removal, evidence, original, last good markdown, surviving copies and, for edits, the side-by-side
 * diff. Inline style only; a Content-Security-Policy forbids script and every fetch, and all archived text is
 * escaped (markup.ts).
 */
import { DIFF_CSS, diffTableHtml } from './diff-html.ts';
import { describeCopy, describeRemoval, describeResponse, entryDates, entryHeading, kindName } from './entry-text.ts';
import { escapeMarkup as esc, safeHref } from './markup.ts';
import { chartSources, removalChartSvg, sourceColour } from './removal-chart.ts';
import type { RemovalReport, ReportEntry } from './removal-report.ts';
import { describeStats, type TextDiff } from './text-diff.ts';

/** The report's stylesheet, for pages that embed its body (memhole serve). */
export const REPORT_CSS = `
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 1.5em auto; max-width: 1100px; padding: 0 1em; line-height: 1.5; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { margin-bottom: 0.3em; }
table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
table.events, table.evidence { width: 100%; } td.num { text-align: right; }
table.events td, table.evidence td { overflow-wrap: anywhere; }
table.events td:nth-child(-n+4) { overflow-wrap: normal; white-space: nowrap; }
.kind-removed { color: #a50e0e; } .kind-restored { color: #0b6b2f; } .kind-edited { color: #7a4b00; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
article.entry-detail { border-top: 1px solid #eee; padding-top: 0.5em; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 4px; vertical-align: baseline; }
svg.removal-chart { max-width: 100%; height: auto; }
${DIFF_CSS}`;

export function reportHtml(report: RemovalReport): string {
  const title = `Removal report, ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)}`;
  const scope = report.source ? `source ${report.source}` : 'all sources';
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="summary">Window ${esc(report.window.since)} to ${esc(report.window.until)}; ${esc(scope)}; generated ${esc(report.generatedAt)}.
<strong class="counts">${report.counts.removed} removed, ${report.counts.restored} restored, ${report.counts.edited} edited.</strong></p>
</header>
${reportSectionsHtml(report)}
</body>
</html>
`;
}

/** The chart and the events, for embedding the report in another page. */
export function reportSectionsHtml(report: RemovalReport): string {
  return `${chartSection(report)}
${eventsSection(report)}`;
}

function chartSection(report: RemovalReport): string {
  const sources = chartSources(report);
  const header = sources.map((s) => `<th scope="col"><span class="swatch" style="background:${sourceColour(sources, s)}"></span>${esc(s)}</th>`).join('');
  const rows = report.removalsPerDay
    .map((day) => `<tr data-day="${day.day}"><th scope="row">${day.day}</th>${sources.map((s) => `<td class="num">${day.bySource[s] ?? 0}</td>`).join('')}<td class="num">${day.total}</td></tr>`)
    .join('\n');
  return `<section id="chart" aria-labelledby="chart-heading">
<h2 id="chart-heading">Removals per day and source</h2>
<figure>
${removalChartSvg(report)}
<figcaption>Confirmed removals per calendar day in Asia/Shanghai, stacked by source.</figcaption>
</figure>
<table class="chart-data">
<caption>The chart's numbers</caption>
<thead><tr><th scope="col">day</th>${header}<th scope="col">total</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function eventsSection(report: RemovalReport): string {
  if (!report.entries.length) return '<section id="events"><h2>Events</h2><p class="empty">Nothing was removed, restored or edited in this window.</p></section>';
  const rows = report.entries.map(
    (entry, index) =>
      `<tr class="entry" data-event-id="${entry.eventId}" data-kind="${entry.kind}" data-source="${esc(entry.page.sourceId)}" data-key="${esc(entry.page.key)}">` +
      `<td class="num">${index + 1}</td><td class="kind-${entry.kind}">${kindName(entry.kind)}</td><td>${esc(entry.at)}</td><td>${esc(entry.page.sourceId)}</td>` +
      `<td><a href="${safeHref(entry.page.url)}" rel="noreferrer noopener">${esc(entry.page.key)}</a></td>` +
      `<td><a href="#event-${entry.eventId}">${esc(entry.title ?? entry.page.key)}</a></td>` +
      `<td>${esc(entry.removal ? `${entry.kind === 'restored' ? 'undoes: ' : ''}${describeRemoval(entry.removal)}` : '')}</td></tr>`,
  );
  return `<section id="events" aria-labelledby="events-heading">
<h2 id="events-heading">Events</h2>
<table class="events">
<thead><tr><th scope="col">#</th><th scope="col">event</th><th scope="col">at</th><th scope="col">source</th><th scope="col">page</th><th scope="col">title</th><th scope="col">removal</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${report.entries.map(entryHtml).join('\n')}
</section>`;
}

function entryHtml(entry: ReportEntry): string {
  const facts: [string, string][] = [
    ['Page', `<a href="${safeHref(entry.page.url)}" rel="noreferrer noopener">${esc(entry.page.url)}</a> (${esc(entry.page.sourceId)}, ${entry.page.kind}, ${entry.page.state} since ${esc(entry.page.stateSince)})`],
    ...entryDates(entry).map(([label, value]): [string, string] => [label, esc(value)]),
  ];
  if (entry.removal) facts.push([entry.kind === 'restored' ? 'Removal undone' : 'Removal', esc(describeRemoval(entry.removal))]);
  if (entry.linkNote) facts.push(['Original and copies', esc(entry.linkNote)]);
  if (entry.lastGood) facts.push(['Last good version', `v${entry.lastGood.version}: <a class="markdown" href="${safeHref(entry.lastGood.markdownPath)}">${esc(entry.lastGood.markdownPath)}</a>`]);
  const parts = [
    `<article class="entry-detail" id="event-${entry.eventId}" data-kind="${entry.kind}">`,
    `<h3 class="kind-${entry.kind}">${esc(entryHeading(entry))}</h3>`,
    `<dl class="facts">${facts.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${value}</dd>`).join('')}</dl>`,
  ];
  if (entry.evidence.length) {
    parts.push(
      '<table class="evidence"><caption>Evidence: the checks this event names</caption>',
      '<thead><tr><th scope="col">check</th><th scope="col">checked</th><th scope="col">outcome</th><th scope="col">response</th><th scope="col">final URL</th><th scope="col">notice</th></tr></thead><tbody>',
      ...entry.evidence.map(
        (check) =>
          `<tr class="check" data-check-id="${check.checkId}"><td class="num">${check.checkId}</td><td>${esc(check.checkedAt)}</td><td>${esc(check.outcome)}</td><td>${esc(describeResponse(check))}</td><td>${esc(check.finalUrl ?? '')}</td><td>${esc(check.notice ?? '')}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  if (entry.kind === 'removed') {
    parts.push('<h4>Copies that survive</h4>');
    parts.push(
      entry.copies.length
        ? `<ul class="copies">${entry.copies.map((copy) => `<li data-key="${esc(copy.key)}"><a href="${safeHref(copy.url)}" rel="noreferrer noopener">${esc(copy.key)}</a> (${esc(describeCopy(copy))})</li>`).join('')}</ul>`
        : '<p class="copies-none">None found in the archive.</p>',
    );
  }
  if (entry.diff) {
    const { stats } = entry.diff;
    const diff: TextDiff = { rows: entry.diff.rows, stats, identical: entry.diff.rows.every((row) => row.op === 'equal') };
    parts.push(
      `<h4>Diff: ${describeStats(stats)}</h4>`,
      diffTableHtml(diff, { from: entry.diff.from.label, to: entry.diff.to.label }),
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}
