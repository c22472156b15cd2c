/**
 * When to re-check a page: dense after publication, thinning out (most censorship deletions come within hours,
 * a tail over months), counted from the published time when known, else the first capture; with jitter so
 * checks of pages published together spread out. Pure: the caller passes the clock and the random source.
 */

/** A re-check schedule. Durations in milliseconds. */
export interface ScheduleConfig {
  /** Ages (time since the anchor) at which to check, ascending. */
  agesMs: number[];
  /** After the last age, check this often. */
  thereafterMs: number;
  /** Each planned check moves by up to this share of the gap to the previous one, either way (0 to 0.5). */
  jitter: number;
  /** A removal seen once is confirmed by a check this long after the first sighting; 0 is allowed (tests). */
  confirmationGapMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The default: 15 min, 1 h, 3 h, 6 h, 12 h, 1 d, 2 d, 4 d, 7 d, 14 d, 30 d, then every 30 days. */
export const DEFAULT_SCHEDULE: ScheduleConfig = {
  agesMs: [15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 4 * DAY, 7 * DAY, 14 * DAY, 30 * DAY],
  thereafterMs: 30 * DAY,
  jitter: 0.1,
  confirmationGapMs: 30 * MINUTE,
};

/** The planned check ages (without jitter) up to `horizonMs`. */
export function plannedAges(config: ScheduleConfig, horizonMs: number): number[] {
  const ages = config.agesMs.filter((age) => age <= horizonMs);
  let age = config.agesMs.at(-1) ?? 0;
  while (config.thereafterMs > 0 && age + config.thereafterMs <= horizonMs) {
    age += config.thereafterMs;
    ages.push(age);
  }
  return ages;
}

/**
 * The next check after `nowMs` for a page anchored at `anchorMs`: the first planned age past the page's
 * current age, jittered by a share of the gap before it. Never earlier than `nowMs + 1`.
 */
export function nextCheckAt(anchorMs: number, nowMs: number, config: ScheduleConfig, random: () => number = Math.random): number {
  const age = Math.max(0, nowMs - anchorMs);
  let previous = 0;
  let next: number | undefined = config.agesMs.find((candidate) => {
    if (candidate > age) return true;
    previous = candidate;
    return false;
  });
  if (next === undefined) {
    const last = config.agesMs.at(-1) ?? 0;
    const step = Math.max(config.thereafterMs, 1);
    const periods = Math.floor((age - last) / step) + 1;
    next = last + periods * step;
    previous = next - step;
  }
  const spread = (next - previous) * Math.min(Math.max(config.jitter, 0), 0.5);
  let jittered = next + (random() * 2 - 1) * spread;
  // Jitter may not pull a check into the past: then it only moves later.
  if (anchorMs + jittered <= nowMs) jittered = next + random() * spread;
  return Math.max(nowMs + 1, Math.round(anchorMs + jittered));
}
