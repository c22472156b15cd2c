/**
 * Summaries and duration formats for the re-check schedule benchmark's report: percentiles of sorted samples,
 * delays for a reader (min/h/d), and check ages in the compact form `--ages` accepts (15m, 1h, 2d).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The `p` quantile (0 to 1) of ascending `sorted`, interpolating between neighbours (R's type 7). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}

/**
 * A delay for a reader: seconds, minutes, hours (up to two days, so 24 h reads as it is published) or days,
 * with one decimal while the number is below 10.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const [value, unit] = ms < MINUTE ? [ms / 1000, 's'] : ms < HOUR ? [ms / MINUTE, 'min'] : ms < 2 * DAY ? [ms / HOUR, 'h'] : [ms / DAY, 'd'];
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${shown} ${unit}`;
}

/** A check age as `--ages` takes it back (`parseDuration` in src/config/duration.ts): 15m, 1h, 2d, 36h. */
export function formatAge(ms: number): string {
  for (const [size, unit] of [[DAY, 'd'], [HOUR, 'h'], [MINUTE, 'm'], [1000, 's']] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
