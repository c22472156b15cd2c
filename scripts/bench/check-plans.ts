/**
 * The check ages (time since publication) that each schedule in the re-check benchmark gives one article:
 * memhole's own scheduler (src/recheck/schedule.ts), NewsDiffs' rule stretched by a factor, and a fixed interval.
 * Also the search for the first check that sees a removal, and the bisection that stretches a schedule.
 */
import { nextCheckAt, plannedAges, type ScheduleConfig } from '../../src/recheck/schedule.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A schedule that would check this often in 90 days is a mistake in its ages, not something to simulate.
const MAX_CHECKS = 1_000_000;

/**
 * memhole's checks up to `horizonMs`, exactly as its scheduler places them: each one is `nextCheckAt` called at
 * the moment of the check before, anchored at publication (age 0). Fills `out`, ascending, and returns it.
 */
export function memholePlan(config: ScheduleConfig, horizonMs: number, random: () => number, out: number[]): number[] {
  out.length = 0;
  let now = 0;
  for (;;) {
    const at = nextCheckAt(0, now, config, random);
    if (at > horizonMs) return out;
    if (out.length >= MAX_CHECKS) throw new Error(`more than ${MAX_CHECKS} checks in the horizon`);
    out.push(at);
    now = at;
  }
}

/**
 * memhole's planned ages, each checked once, jittered as `nextCheckAt` jitters them (up to `jitter` of the gap
 * to the previous planned age, either way). This is how the scheduler behaves if a check that jitter moved early
 * counts its slot as done, instead of serving the same slot again.
 */
export function memholePlanOnce(config: ScheduleConfig, horizonMs: number, random: () => number, out: number[]): number[] {
  out.length = 0;
  const share = Math.min(Math.max(config.jitter, 0), 0.5);
  // Planned ages up to half a gap past the horizon can be jittered back inside it.
  const planned = plannedAges(config, 2 * horizonMs + config.thereafterMs);
  let previous = 0;
  for (const age of planned) {
    const at = Math.max(1, Math.round(age + (random() * 2 - 1) * (age - previous) * share));
    previous = age;
    if (at <= horizonMs) out.push(at);
  }
  // Jitter can swap neighbours when the gaps shrink.
  return out.sort((a, b) => a - b);
}

/** One band of NewsDiffs' rule: an article whose last change is less than `underMs` ago waits `delayMs`. */
export interface DelayBand {
  underMs: number;
  delayMs: number;
}

/** NewsDiffs' re-check delay by time since the last change (DOMAIN.md). */
export const NEWSDIFFS_BANDS: readonly DelayBand[] = [
  { underMs: 3 * HOUR, delayMs: 15 * MINUTE },
  { underMs: DAY, delayMs: HOUR },
  { underMs: 7 * DAY, delayMs: 3 * HOUR },
  { underMs: 30 * DAY, delayMs: 3 * DAY },
  { underMs: 365 * DAY, delayMs: 30 * DAY },
];

/** NewsDiffs' delay for an article last changed `ageMs` ago; past a year it is not re-checked at all. */
export function newsdiffsDelay(ageMs: number, bands: readonly DelayBand[] = NEWSDIFFS_BANDS): number {
  for (const band of bands) if (ageMs < band.underMs) return band.delayMs;
  return Number.POSITIVE_INFINITY;
}

/**
 * NewsDiffs' checks of an unchanged article (so its last change is its publication) up to `horizonMs`, every
 * delay multiplied by `factor` and jittered by up to `jitter` of itself either way, as memhole jitters its own.
 * The jitter also makes the expected number of checks a smooth function of the factor, which the bisection needs.
 */
export function newsdiffsPlan(factor: number, jitter: number, horizonMs: number, random: () => number, out: number[]): number[] {
  out.length = 0;
  const share = Math.min(Math.max(jitter, 0), 0.5);
  let age = 0;
  for (;;) {
    const delay = factor * newsdiffsDelay(age);
    age += Math.max(1, delay * (1 + (random() * 2 - 1) * share));
    if (!(age <= horizonMs)) return out;
    if (out.length >= MAX_CHECKS) throw new Error(`more than ${MAX_CHECKS} checks in the horizon`);
    out.push(age);
  }
}

/**
 * Checks every `intervalMs` on a clock shared by all articles (ticks at 0, interval, 2 × interval, ...), as ages
 * of an article published at `publishedMs`: the first tick after publication, and every one up to `horizonMs`.
 */
export function fixedPlan(intervalMs: number, publishedMs: number, horizonMs: number, out: number[]): number[] {
  out.length = 0;
  if (!(intervalMs > 0)) throw new Error('a fixed interval must be positive');
  for (let tick = Math.floor(publishedMs / intervalMs) + 1; ; tick++) {
    const age = tick * intervalMs - publishedMs;
    if (age > horizonMs) return out;
    if (out.length >= MAX_CHECKS) throw new Error(`more than ${MAX_CHECKS} checks in the horizon`);
    out.push(age);
  }
}

/** The index of the first of the ascending `ages` at or after `ageMs`, or `ages.length` if none is. */
export function firstAtOrAfter(ages: readonly number[], ageMs: number): number {
  let lo = 0;
  let hi = ages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ages[mid]! < ageMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The x in [lo, hi] (both positive) where a decreasing `f` comes down to `target`, by bisection on log x.
 * Needs f(lo) >= target > f(hi); returns the smallest x found with f(x) < target, within `iterations` halvings.
 */
export function solveDecreasing(f: (x: number) => number, target: number, lo: number, hi: number, iterations = 60): number {
  if (!(f(lo) >= target && f(hi) < target)) throw new Error(`no crossing of ${target} between ${lo} and ${hi}`);
  for (let i = 0; i < iterations; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) >= target) lo = mid;
    else hi = mid;
  }
  return hi;
}
