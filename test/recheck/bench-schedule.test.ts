/**
 * The re-check schedule benchmark's pure parts (scripts/bench/): the seeded PRNG, the removal-delay model
 * against its DOMAIN.md targets, each schedule's check ages, the first-sighting search, the bisection, and a
 * small run that must repeat with its seed and give every schedule the same budget.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, plannedAges } from '../../src/recheck/schedule.ts';
import {
  firstAtOrAfter,
  fixedPlan,
  memholePlan,
  memholePlanOnce,
  newsdiffsDelay,
  newsdiffsPlan,
  solveDecreasing,
} from '../../scripts/bench/check-plans.ts';
import { mulberry32, streamSeed } from '../../scripts/bench/prng.ts';
import { REMOVAL_KNOTS, REMOVAL_TARGETS, removalCdf, removalQuantile, sampleRemovalAge } from '../../scripts/bench/removal-model.ts';
import { DEFAULT_BENCH, runScheduleBench } from '../../scripts/bench/simulate.ts';
import { formatAge, formatDuration, percentile } from '../../scripts/bench/stats.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('mulberry32', () => {
  it('repeats with its seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, x) => sum + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });

  it('gives different streams different seeds', () => {
    expect(streamSeed(1, 'articles')).not.toBe(streamSeed(1, 'memhole-jitter'));
    expect(streamSeed(1, 'articles')).not.toBe(streamSeed(2, 'articles'));
    expect(streamSeed(1, 'articles')).toBe(streamSeed(1, 'articles'));
  });
});

describe('removal model', () => {
  it('passes through every knot and the DOMAIN.md targets', () => {
    for (const knot of REMOVAL_KNOTS) expect(removalCdf(knot.ageMs)).toBeCloseTo(knot.share, 12);
    for (const target of REMOVAL_TARGETS) expect(removalCdf(target.ageMs)).toBeCloseTo(target.share, 12);
    expect(removalCdf(0)).toBe(0);
    expect(removalCdf(400 * DAY)).toBe(1);
  });

  it('grows linearly in log time between knots', () => {
    // Halfway between 30 min and 24 h in log time is 30 min × √48.
    expect(removalCdf(30 * MINUTE * Math.sqrt(48))).toBeCloseTo(0.6, 12);
  });

  it('has a quantile function that inverts the CDF', () => {
    for (const p of [0.01, 0.05, 0.2, 0.3, 0.5, 0.9, 0.95, 0.98, 0.999]) expect(removalCdf(removalQuantile(p))).toBeCloseTo(p, 9);
    expect(removalQuantile(0)).toBe(MINUTE);
    expect(removalQuantile(1)).toBe(150 * DAY);
  });

  it('samples the targets', () => {
    const random = mulberry32(7);
    const sample = Array.from({ length: 50_000 }, () => sampleRemovalAge(random));
    for (const target of REMOVAL_TARGETS) {
      const within = sample.filter((age) => age <= target.ageMs).length / sample.length;
      expect(Math.abs(within - target.share)).toBeLessThan(0.01);
    }
    expect(Math.max(...sample)).toBeGreaterThan(120 * DAY);
  });
});

describe('check plans', () => {
  it('memhole without jitter checks exactly its planned ages, either way', () => {
    const still = { ...DEFAULT_SCHEDULE, jitter: 0 };
    const expected = plannedAges(still, 90 * DAY);
    expect(memholePlan(still, 90 * DAY, mulberry32(1), [])).toEqual(expected);
    expect(memholePlanOnce(still, 90 * DAY, mulberry32(1), [])).toEqual(expected);
  });

  it('memhole with jitter keeps each check within its share of the gap', () => {
    const ages = memholePlanOnce(DEFAULT_SCHEDULE, 90 * DAY, mulberry32(3), []);
    const planned = plannedAges(DEFAULT_SCHEDULE, 90 * DAY);
    expect(ages[0]).toBeGreaterThanOrEqual(13.5 * MINUTE);
    expect(ages[0]).toBeLessThanOrEqual(16.5 * MINUTE);
    expect(ages.length).toBeGreaterThanOrEqual(planned.length - 1);
    expect([...ages].sort((a, b) => a - b)).toEqual(ages);
  });

  it('memhole through nextCheckAt checks in order and never past the horizon', () => {
    const ages = memholePlan(DEFAULT_SCHEDULE, 90 * DAY, mulberry32(5), []);
    for (let i = 1; i < ages.length; i++) expect(ages[i]!).toBeGreaterThan(ages[i - 1]!);
    expect(ages.at(-1)!).toBeLessThanOrEqual(90 * DAY);
  });

  it('NewsDiffs waits by time since publication', () => {
    expect(newsdiffsDelay(0)).toBe(15 * MINUTE);
    expect(newsdiffsDelay(3 * HOUR)).toBe(HOUR);
    expect(newsdiffsDelay(2 * DAY)).toBe(3 * HOUR);
    expect(newsdiffsDelay(10 * DAY)).toBe(3 * DAY);
    expect(newsdiffsDelay(100 * DAY)).toBe(30 * DAY);
    expect(newsdiffsDelay(400 * DAY)).toBe(Number.POSITIVE_INFINITY);
    const ages = newsdiffsPlan(1, 0, DAY, mulberry32(1), []);
    // Every 15 min to 3 h (12 checks), then hourly to 24 h (21 more).
    expect(ages.length).toBe(33);
    expect(ages[11]).toBe(3 * HOUR);
    expect(ages.at(-1)).toBe(DAY);
    expect(newsdiffsPlan(2, 0, DAY, mulberry32(1), [])[0]).toBe(30 * MINUTE);
  });

  it('a fixed interval ticks on a clock shared by all articles', () => {
    expect(fixedPlan(10 * DAY, 3 * DAY, 30 * DAY, [])).toEqual([7 * DAY, 17 * DAY, 27 * DAY]);
    expect(fixedPlan(10 * DAY, 10 * DAY, 30 * DAY, [])).toEqual([10 * DAY, 20 * DAY, 30 * DAY]);
  });

  it('finds the first check at or after a removal', () => {
    const ages = [10, 20, 30];
    expect(firstAtOrAfter(ages, 5)).toBe(0);
    expect(firstAtOrAfter(ages, 20)).toBe(1);
    expect(firstAtOrAfter(ages, 21)).toBe(2);
    expect(firstAtOrAfter(ages, 31)).toBe(3);
    expect(firstAtOrAfter([], 1)).toBe(0);
  });

  it('bisects a decreasing function down to its target', () => {
    expect(solveDecreasing((x) => 100 / x, 8, 1, 100)).toBeCloseTo(12.5, 9);
    expect(() => solveDecreasing((x) => 100 / x, 8, 20, 100)).toThrow(/no crossing/);
  });
});

describe('stats', () => {
  it('interpolates percentiles', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(percentile(sorted, 0.5)).toBe(3);
    expect(percentile(sorted, 0.9)).toBeCloseTo(4.6, 12);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('formats delays and ages', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(7.5 * MINUTE)).toBe('7.5 min');
    expect(formatDuration(24 * HOUR)).toBe('24 h');
    expect(formatDuration(3 * DAY)).toBe('3 d');
    expect(formatAge(90 * MINUTE)).toBe('90m');
    expect(formatAge(2 * DAY)).toBe('2d');
  });
});

describe('runScheduleBench', () => {
  const small = { ...DEFAULT_BENCH, articles: 4000 };

  it('repeats with its seed', () => {
    const a = runScheduleBench(small);
    const b = runScheduleBench(small);
    expect(Array.from(a.memhole.detectionMs)).toEqual(Array.from(b.memhole.detectionMs));
    expect(a.newsdiffs.factor).toBe(b.newsdiffs.factor);
  });

  it('gives every schedule the same checks per article as memhole', () => {
    const result = runScheduleBench(small);
    const budget = result.memhole.plannedChecks;
    expect(Math.abs(result.newsdiffs.plannedChecks - budget) / budget).toBeLessThan(0.02);
    expect(Math.abs(result.fixed.plannedChecks - budget) / budget).toBeLessThan(0.02);
  });

  it('keeps the removals when only the schedule changes', () => {
    const a = runScheduleBench(small);
    const b = runScheduleBench({ ...small, memholeMode: 'once' });
    expect(Array.from(a.removalAgesMs)).toEqual(Array.from(b.removalAgesMs));
  });
});
