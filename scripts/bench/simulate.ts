/**
 * The re-check schedule benchmark on a virtual clock: draws articles and their removals, gives every article the
 * check ages of memhole's schedule, of NewsDiffs' rule stretched to the same number of checks, and of a fixed
 * interval, and measures how long each takes to see and to confirm a removal. No real time, no network;
 * scripts/bench-schedule.ts parses the flags and prints the report.
 */
import { DEFAULT_SCHEDULE, plannedAges, type ScheduleConfig } from '../../src/recheck/schedule.ts';
import { firstAtOrAfter, fixedPlan, memholePlan, memholePlanOnce, newsdiffsPlan, solveDecreasing } from './check-plans.ts';
import { mulberry32, streamSeed } from './prng.ts';
import { sampleRemovalAge } from './removal-model.ts';

const DAY = 24 * 60 * 60_000;

// The factor is solved on this many articles; enough that sampling noise moves the mean count by about 0.01.
const SOLVER_ARTICLES = 20_000;

/** What to simulate. */
export interface BenchOptions {
  seed: number;
  articles: number;
  /** The share of articles that get removed at some point; the others never are. */
  removedShare: number;
  /** Publication times are uniform over this window; they matter only against the fixed interval's shared clock. */
  publishWindowMs: number;
  /** Checks and detections count only this long after publication. */
  horizonMs: number;
  /** memhole's schedule; its confirmation gap applies to every schedule. */
  schedule: ScheduleConfig;
  /** `next-check-at`: memhole's scheduler as it is; `once`: each planned age checked once (`memholePlanOnce`). */
  memholeMode: 'next-check-at' | 'once';
}

export const DEFAULT_BENCH: BenchOptions = {
  seed: 1,
  articles: 100_000,
  removedShare: 0.1,
  publishWindowMs: 30 * DAY,
  horizonMs: 90 * DAY,
  schedule: DEFAULT_SCHEDULE,
  memholeMode: 'next-check-at',
};

/** How one schedule did. Delays are per removal, ascending; a removal not seen within the horizon counts as the horizon. */
export interface ScheduleOutcome {
  /** Mean checks a never-removed article receives within the horizon (the full plan): the schedule's budget. */
  plannedChecks: number;
  minPlannedChecks: number;
  maxPlannedChecks: number;
  /** Mean checks per article actually made, removed articles stopping at the check that confirms the removal. */
  spentChecks: number;
  /** Removal to the first check that sees it. */
  detectionMs: Float64Array;
  /** Removal to the confirming check, one confirmation gap after the first sighting. */
  confirmedMs: Float64Array;
  /** The share of removals seen within the horizon. */
  detectedShare: number;
}

/** The whole run. */
export interface BenchResult {
  options: BenchOptions;
  /** Removal delays after publication, ascending. */
  removalAgesMs: Float64Array;
  memhole: ScheduleOutcome & {
    /** Planned ages within the horizon, before jitter. */
    plannedSlots: number;
  };
  newsdiffs: ScheduleOutcome & { factor: number };
  fixed: ScheduleOutcome & { intervalMs: number };
}

/** Runs the benchmark. Deterministic for given options. */
export function runScheduleBench(options: BenchOptions): BenchResult {
  const { articles, horizonMs, schedule } = options;
  if (!(Number.isInteger(articles) && articles > 0)) throw new Error('articles must be a positive whole number');
  if (!(options.removedShare > 0 && options.removedShare <= 1)) throw new Error('the removed share must be above 0 and at most 1');

  // Every article draws the same three numbers whatever the options, so its removal stays put across runs.
  const random = mulberry32(streamSeed(options.seed, 'articles'));
  const publishedMs = new Float64Array(articles);
  const removalMs = new Float64Array(articles).fill(Number.NaN);
  for (let i = 0; i < articles; i++) {
    publishedMs[i] = random() * options.publishWindowMs;
    const removed = random() < options.removedShare;
    const age = sampleRemovalAge(random);
    if (removed) removalMs[i] = age;
  }

  const buffer: number[] = [];
  const memholeRandom = mulberry32(streamSeed(options.seed, 'memhole-jitter'));
  const memhole = evaluate(options, removalMs, () =>
    options.memholeMode === 'once'
      ? memholePlanOnce(schedule, horizonMs, memholeRandom, buffer)
      : memholePlan(schedule, horizonMs, memholeRandom, buffer),
  );
  const budget = memhole.plannedChecks;
  if (!(budget > 0)) throw new Error('memhole\'s schedule makes no check within the horizon');

  const factor = solveNewsdiffsFactor(options, budget);
  const newsdiffsRandom = mulberry32(streamSeed(options.seed, 'newsdiffs-jitter'));
  const newsdiffs = evaluate(options, removalMs, () => newsdiffsPlan(factor, schedule.jitter, horizonMs, newsdiffsRandom, buffer));

  const intervalMs = horizonMs / budget;
  const fixed = evaluate(options, removalMs, (i) => fixedPlan(intervalMs, publishedMs[i]!, horizonMs, buffer));

  const removalAgesMs = removalMs.filter((age) => !Number.isNaN(age)).sort();
  return {
    options,
    removalAgesMs,
    memhole: {
      ...memhole,
      plannedSlots: plannedAges(schedule, horizonMs).length,
    },
    newsdiffs: { ...newsdiffs, factor },
    fixed: { ...fixed, intervalMs },
  };
}

/**
 * The factor on NewsDiffs' delays that gives a never-removed article `budget` checks within the horizon on
 * average. Each solver article keeps its own seed, so every trial factor sees the same jitter draws and the mean
 * count falls steadily as the factor grows.
 */
function solveNewsdiffsFactor(options: BenchOptions, budget: number): number {
  const random = mulberry32(streamSeed(options.seed, 'newsdiffs-solve'));
  const seeds = Array.from({ length: Math.min(options.articles, SOLVER_ARTICLES) }, () => Math.floor(random() * 4_294_967_296));
  const buffer: number[] = [];
  const meanChecks = (factor: number): number => {
    let total = 0;
    for (const seed of seeds) total += newsdiffsPlan(factor, options.schedule.jitter, options.horizonMs, mulberry32(seed), buffer).length;
    return total / seeds.length;
  };
  let lo = 1;
  let hi = 1;
  while (meanChecks(lo) < budget) lo /= 2;
  while (meanChecks(hi) >= budget) hi *= 2;
  return solveDecreasing(meanChecks, budget, lo, hi);
}

/** Runs one schedule over every article: `planFor(i)` gives article i's check ages within the horizon, ascending. */
function evaluate(options: BenchOptions, removalMs: Float64Array, planFor: (i: number) => readonly number[]): ScheduleOutcome {
  const { horizonMs } = options;
  const gapMs = options.schedule.confirmationGapMs;
  const removedCount = removalMs.reduce((count, age) => (Number.isNaN(age) ? count : count + 1), 0);
  const detectionMs = new Float64Array(removedCount);
  const confirmedMs = new Float64Array(removedCount);
  let removedIndex = 0;
  let detected = 0;
  let planned = 0;
  let minPlanned = Number.POSITIVE_INFINITY;
  let maxPlanned = 0;
  let spent = 0;
  for (let i = 0; i < removalMs.length; i++) {
    const ages = planFor(i);
    // A plan does not depend on the removal, so every article's full plan counts towards the budget.
    planned += ages.length;
    minPlanned = Math.min(minPlanned, ages.length);
    maxPlanned = Math.max(maxPlanned, ages.length);
    const removal = removalMs[i]!;
    if (Number.isNaN(removal)) {
      spent += ages.length;
      continue;
    }
    const seen = firstAtOrAfter(ages, removal);
    if (seen < ages.length) {
      detected++;
      const delay = ages[seen]! - removal;
      detectionMs[removedIndex] = delay;
      confirmedMs[removedIndex] = delay + gapMs;
      // The sighting replaces the regular schedule with one confirming check, after which checking stops.
      spent += seen + 2;
    } else {
      detectionMs[removedIndex] = horizonMs;
      confirmedMs[removedIndex] = horizonMs;
      spent += ages.length;
    }
    removedIndex++;
  }
  return {
    plannedChecks: planned / removalMs.length,
    minPlannedChecks: minPlanned,
    maxPlannedChecks: maxPlanned,
    spentChecks: spent / removalMs.length,
    detectionMs: detectionMs.sort(),
    confirmedMs: confirmedMs.sort(),
    detectedShare: removedCount > 0 ? detected / removedCount : Number.NaN,
  };
}
