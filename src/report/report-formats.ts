/**
 * The formats a removal report is written in, for `memhole report` and `memhole serve`'s downloads alike, with
 * the media type each is served as.
 */
import type { RemovalReport } from './removal-report.ts';
import { reportCsv } from './report-csv.ts';
import { reportHtml } from './report-html.ts';
import { reportMarkdown } from './report-markdown.ts';

export const REPORT_FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export function renderReport(report: RemovalReport, format: ReportFormat, bom = false): string {
  switch (format) {
    case 'md':
      return reportMarkdown(report);
    case 'html':
      return reportHtml(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return reportCsv(report, { bom });
  }
}
