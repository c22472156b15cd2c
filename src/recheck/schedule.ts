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

/**
 * The default: 15 min, 45 min, 2 h, 4 h, 7 h, 10 h, 14 h, 19 h, 24 h, 30 h, 36 h, 2 d, 3 d, 7 d, 30 d, then every
 * 30 days. Dense through the first day and a half, where about 90% of censorship deletions happen
 * (`npm run bench:schedule` measures it against NewsDiffs' schedule at the same number of checks).
 */
export const DEFAULT_SCHEDULE: ScheduleConfig = {
  agesMs: [
    15 * MINUTE, 45 * MINUTE, 2 * HOUR, 4 * HOUR, 7 * HOUR, 10 * HOUR, 14 * HOUR, 19 * HOUR, 24 * HOUR, 30 * HOUR, 36 * HOUR,
    2 * DAY, 3 * DAY, 7 * DAY, 30 * DAY,
  ],
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
 * The next check after `nowMs` for a page anchored at `anchorMs`: the first planned age whose jitter window
 * (a share of the gap before it) still lies wholly ahead, jittered within that window. A check that jitter
 * moved early therefore counts for its planned age, which is not planned again. Never earlier than `nowMs + 1`.
 */
export function nextCheckAt(anchorMs: number, nowMs: number, config: ScheduleConfig, random: () => number = Math.random): number {
  const age = Math.max(0, nowMs - anchorMs);
  const jitter = Math.min(Math.max(config.jitter, 0), 0.5);
  let previous = 0;
  let next: number | undefined;
  for (const candidate of config.agesMs) {
    if (candidate - (candidate - previous) * jitter > age) {
      next = candidate;
      break;
    }
    previous = candidate;
  }
  if (next === undefined) {
    const last = config.agesMs.at(-1) ?? 0;
    const step = Math.max(config.thereafterMs, 1);
    // The first period whose window starts after the current age.
    const periods = Math.max(1, Math.floor((age - last + step * jitter) / step) + 1);
    next = last + periods * step;
    previous = next - step;
  }
  const spread = (next - previous) * jitter;
  return Math.max(nowMs + 1, Math.round(anchorMs + next + (random() * 2 - 1) * spread));
}
