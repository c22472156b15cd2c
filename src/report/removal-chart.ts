/**
 * The removal report's chart: removals per day as bars stacked by source, drawn as inline SVG by this module
 * (no library, no script, nothing fetched). Labelled for screen readers (role="img" with a title and a
 * summary), each bar segment carrying its own title; report-html.ts puts the same numbers in a table beside it.
 */
import { escapeMarkup } from './markup.ts';
import type { RemovalReport } from './removal-report.ts';

/** Okabe-Ito colours, told apart with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999933', '#000000'];

const WIDTH = 760;
const HEIGHT = 280;
const MARGIN = { left: 44, right: 12, top: 40, bottom: 48 };
/** Room one day label needs; labels are thinned out so they never overlap. */
const LABEL_WIDTH = 44;

/** The sources the chart shows: those with a removal in the window. */
export function chartSources(report: Pick<RemovalReport, 'removalsPerDay' | 'sources'>): string[] {
  return report.sources.filter((sourceId) => report.removalsPerDay.some((day) => day.bySource[sourceId]));
}

export function sourceColour(sources: readonly string[], sourceId: string): string {
  return PALETTE[Math.max(0, sources.indexOf(sourceId)) % PALETTE.length]!;
}

export function removalChartSvg(report: Pick<RemovalReport, 'removalsPerDay' | 'sources'>): string {
  const days = report.removalsPerDay;
  const sources = chartSources(report);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...days.map((day) => day.total));
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, Math.min(48, slot * 0.7));
  const y = (count: number): number => MARGIN.top + plotHeight - (count / max) * plotHeight;
  const parts: string[] = [];

  // Horizontal grid and axis labels at 0, half and the maximum (whole numbers only).
  for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fmt(y(tick))}" y2="${fmt(y(tick))}" stroke="#ddd"/>`);
    parts.push(`<text class="y-label" x="${MARGIN.left - 6}" y="${fmt(y(tick) + 4)}" text-anchor="end" font-size="11" fill="#555">${tick}</text>`);
  }

  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / slot));
  days.forEach((day, index) => {
    const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
    let stacked = 0;
    for (const sourceId of sources) {
      const count = day.bySource[sourceId] ?? 0;
      if (!count) continue;
      const top = y(stacked + count);
      const label = `${day.day} · ${sourceId}: ${count} ${count === 1 ? 'removal' : 'removals'}`;
      parts.push(
        `<rect class="bar" data-day="${day.day}" data-source="${escapeMarkup(sourceId)}" data-count="${count}" x="${fmt(x)}" y="${fmt(top)}" width="${fmt(barWidth)}" height="${fmt(y(stacked) - top)}" fill="${sourceColour(sources, sourceId)}"><title>${escapeMarkup(label)}</title></rect>`,
      );
      stacked += count;
    }
    if (index % labelEvery === 0) {
      parts.push(`<text class="x-label" x="${fmt(x + barWidth / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="11" fill="#555">${day.day.slice(5)}</text>`);
    }
  });
  parts.push(`<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" stroke="#333"/>`);

  // The legend across the top.
  let legendX = MARGIN.left;
  for (const sourceId of sources) {
    parts.push(
      `<g class="legend-item" data-source="${escapeMarkup(sourceId)}"><rect x="${legendX}" y="10" width="12" height="12" fill="${sourceColour(sources, sourceId)}"/><text x="${legendX + 16}" y="20" font-size="12" fill="#333">${escapeMarkup(sourceId)}</text></g>`,
    );
    legendX += 28 + sourceId.length * 8;
  }
  parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="11" fill="#555">day (Asia/Shanghai)</text>`);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="removal-chart" role="img" aria-labelledby="removal-chart-title removal-chart-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, sans-serif">`,
    `<title id="removal-chart-title">Removals per day and source</title>`,
    `<desc id="removal-chart-desc">${escapeMarkup(chartSummary(report))}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The chart in one sentence, for screen readers. */
function chartSummary(report: Pick<RemovalReport, 'removalsPerDay' | 'sources'>): string {
  const days = report.removalsPerDay;
  const total = days.reduce((sum, day) => sum + day.total, 0);
  if (!days.length) return 'No days in the window.';
  const range = `from ${days[0]!.day} to ${days.at(-1)!.day}`;
  if (!total) return `No removals ${range}.`;
  const bySource = chartSources(report).map((sourceId) => `${sourceId} ${days.reduce((sum, day) => sum + (day.bySource[sourceId] ?? 0), 0)}`);
  const busiest = days.reduce((best, day) => (day.total > best.total ? day : best));
  return `${total} removals ${range}: ${bySource.join(', ')}. Most on ${busiest.day} (${busiest.total}).`;
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
