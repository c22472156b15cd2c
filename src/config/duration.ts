/**
 * Durations as configuration writes them: `15m`, `1h`, `2d`, `30s`, `500ms`, `1w`, or a number of milliseconds.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
export const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/;

/** Milliseconds of a duration; throws with the fix when the text is not one. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = DURATION_PATTERN.exec(value);
  if (!match) throw new Error(`"${value}" is not a duration; write it like 15m, 1h, 2d or 500ms`);
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

/** A duration for people: `45 s`, `12 min`, `3.5 h`, `2.0 d`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
