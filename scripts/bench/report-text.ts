/**
 * Plain-text pieces of the loopback benchmarks' reports (bench:recheck, bench:crawl): number formats and a table
 * whose numeric columns line up on the right.
 */

export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
export const formatMegabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
export const formatShare = (share: number): string => `${Math.round(share * 100)}%`;

/** Rows as aligned lines: the first row is the header; cells that read as numbers are right-aligned. */
export function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const numeric = (cell: string): boolean => /^[\d,.\-]+( \S+)?$/.test(cell) && cell !== '-';
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, column) => (column > 0 && numeric(cell) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('   ')
        .trimEnd(),
  );
}
