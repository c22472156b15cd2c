/**
 * How long after publication a censored article disappears, for the re-check schedule benchmark: a piecewise
 * log-linear CDF (the removed share grows linearly in log time between knots) through the figures in
 * ../shared/DOMAIN.md, "How fast content disappears". Pure; the caller passes the random source.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A point of the removal-delay CDF: `share` of removals happen within `ageMs` of publication. */
export interface CdfKnot {
  ageMs: number;
  share: number;
}

/**
 * The fitted CDF. The three middle points are the Weibo figures (5% within 8 min, 30% within 30 min, 90% within
 * 24 h); 98% within 30 days and everything within 150 days give the tail its months ("the slowest seen took over
 * 4 months"); 1 minute is the earliest removal, since the 5% before 8 minutes needs somewhere to start.
 */
export const REMOVAL_KNOTS: readonly CdfKnot[] = [
  { ageMs: MINUTE, share: 0 },
  { ageMs: 8 * MINUTE, share: 0.05 },
  { ageMs: 30 * MINUTE, share: 0.3 },
  { ageMs: DAY, share: 0.9 },
  { ageMs: 30 * DAY, share: 0.98 },
  { ageMs: 150 * DAY, share: 1 },
];

/** The published figures the fit must reproduce, as printed next to the model. */
export const REMOVAL_TARGETS: readonly (CdfKnot & { label: string })[] = [
  { label: 'within 8 min', ageMs: 8 * MINUTE, share: 0.05 },
  { label: 'within 30 min', ageMs: 30 * MINUTE, share: 0.3 },
  { label: 'within 24 h', ageMs: DAY, share: 0.9 },
];

/** The share of removals that happen within `ageMs` of publication. */
export function removalCdf(ageMs: number, knots: readonly CdfKnot[] = REMOVAL_KNOTS): number {
  const first = knots[0];
  const last = knots.at(-1);
  if (!first || !last) throw new Error('a removal CDF needs at least one knot');
  if (ageMs <= first.ageMs) return first.share;
  if (ageMs >= last.ageMs) return last.share;
  for (let i = 1; i < knots.length; i++) {
    const lo = knots[i - 1]!;
    const hi = knots[i]!;
    if (ageMs <= hi.ageMs) {
      const along = Math.log(ageMs / lo.ageMs) / Math.log(hi.ageMs / lo.ageMs);
      return lo.share + along * (hi.share - lo.share);
    }
  }
  return last.share;
}

/** The removal delay below which a share `p` (0 to 1) of removals fall: the inverse of `removalCdf`. */
export function removalQuantile(p: number, knots: readonly CdfKnot[] = REMOVAL_KNOTS): number {
  const first = knots[0];
  const last = knots.at(-1);
  if (!first || !last) throw new Error('a removal CDF needs at least one knot');
  if (p <= first.share) return first.ageMs;
  for (let i = 1; i < knots.length; i++) {
    const lo = knots[i - 1]!;
    const hi = knots[i]!;
    // A flat segment (equal shares) holds no probability, so it is skipped rather than divided by.
    if (p <= hi.share && hi.share > lo.share) {
      const along = (p - lo.share) / (hi.share - lo.share);
      return lo.ageMs * Math.pow(hi.ageMs / lo.ageMs, along);
    }
  }
  return last.ageMs;
}

/** One removal delay drawn from the model (inverse-transform sampling). */
export function sampleRemovalAge(random: () => number, knots: readonly CdfKnot[] = REMOVAL_KNOTS): number {
  return removalQuantile(random(), knots);
}
