/**
 * The removals of a report as an Atom 1.0 feed (RFC 4287), newest first: one entry per confirmed removal,
 * with an id that stays the same every time the feed is written (the page's key and the removal's time as
 * a tag: URI), a link to the page and to its original, and the evidence as escaped HTML content.
 */
import { describeCheck, describeCopy, describeRemoval, entryDates, entryHeading } from './entry-text.ts';
import { escapeMarkup as esc, safeHref } from './markup.ts';
import type { RemovalReport, ReportEntry } from './removal-report.ts';

/** The tag: URI authority and date the feed's ids are minted under (RFC 4151); fixed, so ids never change. */
const TAG = 'tag:memhole,2026';

export function removalFeedAtom(report: RemovalReport, options: { version?: string } = {}): string {
  const removals = report.entries.filter((entry) => entry.kind === 'removed').reverse();
  const updated = removals[0]?.at ?? report.generatedAt;
  const scope = report.source ? ` from ${report.source}` : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${TAG}:removals${report.source ? `/${encodeURIComponent(report.source)}` : ''}</id>
<title>memhole: pages removed${esc(scope)}</title>
<subtitle>Archived pages found removed between ${esc(report.window.since)} and ${esc(report.window.until)}, with the evidence.</subtitle>
<updated>${updated}</updated>
<author><name>memhole</name></author>
<generator${options.version ? ` version="${esc(options.version)}"` : ''}>memhole</generator>
${removals.map(entryXml).join('\n')}
</feed>
`;
}

/** The entry's id: the page and the time its removal was confirmed, which no later run changes. */
export function removalEntryId(entry: ReportEntry): string {
  return `${TAG}:removed/${encodeURIComponent(entry.page.key)}/${Date.parse(entry.at)}`;
}

function entryXml(entry: ReportEntry): string {
  const links = [`<link rel="alternate" href="${safeHref(entry.page.url)}"/>`];
  for (const link of entry.links.filter((l) => l.relation === 'original')) links.push(`<link rel="related" href="${safeHref(link.url)}" title="the original"/>`);
  return `<entry>
<id>${esc(removalEntryId(entry))}</id>
<title>${esc(entryHeading(entry))}</title>
<updated>${entry.at}</updated>
${entry.foundRemoved ? `<published>${entry.foundRemoved}</published>\n` : ''}${links.join('\n')}
<category term="${esc(entry.page.sourceId)}"/>
<summary>${esc(entry.removal ? describeRemoval(entry.removal) : 'removed')}</summary>
<content type="html">${esc(contentHtml(entry))}</content>
</entry>`;
}

/** The entry's details as HTML, escaped once here and once more as the element's text. */
function contentHtml(entry: ReportEntry): string {
  const items = entryDates(entry).map(([label, value]) => `<li>${esc(label)}: ${esc(value)}</li>`);
  if (entry.removal) items.push(`<li>Removal: ${esc(describeRemoval(entry.removal))}</li>`);
  if (entry.linkNote) items.push(`<li>${esc(entry.linkNote)}</li>`);
  if (entry.lastGood) items.push(`<li>Last good version: v${entry.lastGood.version}, ${esc(entry.lastGood.markdownPath)}</li>`);
  const evidence = entry.evidence.map((check) => `<li>${esc(describeCheck(check))}</li>`).join('');
  const copies = entry.copies.map((copy) => `<li><a href="${safeHref(copy.url)}">${esc(copy.key)}</a> (${esc(describeCopy(copy))})</li>`).join('');
  return [
    `<p><a href="${safeHref(entry.page.url)}">${esc(entry.page.key)}</a> (${esc(entry.page.sourceId)})</p>`,
    `<ul>${items.join('')}</ul>`,
    evidence ? `<p>Evidence:</p><ul>${evidence}</ul>` : '',
    `<p>Copies that survive:</p>${copies ? `<ul>${copies}</ul>` : '<p>none found in the archive</p>'}`,
  ].join('');
}
