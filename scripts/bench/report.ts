/**
 * The re-check schedule benchmark's printed report: the removal model against its published targets, the
 * schedules and their equal budgets, detection and confirmation delays, and whether memhole meets its goal
 * against NewsDiffs. Pure: takes a `BenchResult` from simulate.ts, returns text.
 */
import { DEFAULT_SCHEDULE } from '../../src/recheck/schedule.ts';
import { NEWSDIFFS_BANDS } from './check-plans.ts';
import { REMOVAL_KNOTS, REMOVAL_TARGETS, removalCdf, removalQuantile } from './removal-model.ts';
import type { BenchResult, ScheduleOutcome } from './simulate.ts';
import { formatAge, formatDuration, percentile } from './stats.ts';

const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;
const count = (n: number): string => n.toLocaleString('en-US');

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => indent + row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd());
}

/** Whether memhole beats NewsDiffs, part by part, and the ratios behind it. */
export interface GoalVerdict {
  medianRatio: number;
  p90Ratio: number;
  median: boolean;
  p90: boolean;
  share: boolean;
  met: boolean;
}

/** The goal: first sighting sooner than NewsDiffs' at the median and the 90th percentile, and no fewer removals seen. */
export function judgeGoal(result: BenchResult): GoalVerdict {
  const ours = result.memhole;
  const theirs = result.newsdiffs;
  const medianRatio = percentile(ours.detectionMs, 0.5) / percentile(theirs.detectionMs, 0.5);
  const p90Ratio = percentile(ours.detectionMs, 0.9) / percentile(theirs.detectionMs, 0.9);
  const median = medianRatio < 1;
  const p90 = p90Ratio < 1;
  const share = ours.detectedShare >= theirs.detectedShare;
  return { medianRatio, p90Ratio, median, p90, share, met: median && p90 && share };
}

/** The whole report, lines joined with newlines and ending in one. */
export function formatReport(result: BenchResult): string {
  const { options, removalAgesMs, memhole, newsdiffs, fixed } = result;
  const schedule = options.schedule;
  const removed = removalAgesMs.length;
  const sampleCdf = (ageMs: number): number => {
    let within = 0;
    for (const age of removalAgesMs) if (age <= ageMs) within++;
    return removed > 0 ? within / removed : Number.NaN;
  };
  const lines: string[] = [];
  lines.push(`Re-check schedule benchmark: virtual clock, seed ${options.seed}, ${count(options.articles)} articles`);
  lines.push('');
  lines.push(
    `Articles: published uniformly over ${formatDuration(options.publishWindowMs)}; ${percent(options.removedShare, 0)} to be removed ` +
      `(${count(removed)} drawn), the others never.`,
  );
  lines.push('Removal delay after publication: piecewise log-linear CDF (the removed share grows linearly in log time) through');
  lines.push(`  ${REMOVAL_KNOTS.map((knot) => `(${formatDuration(knot.ageMs)}, ${percent(knot.share, 0)})`).join(' ')}; no day/night cycle.`);
  lines.push(
    ...table([
      ['', 'target (DOMAIN.md)', 'model', 'sample'],
      ...REMOVAL_TARGETS.map((target) => [target.label, percent(target.share, 0), percent(removalCdf(target.ageMs)), percent(sampleCdf(target.ageMs))]),
      ['slowest', 'over 4 months', formatDuration(removalQuantile(1)), formatDuration(removalAgesMs.at(-1) ?? Number.NaN)],
      ['median', '(3 h mean, other study)', formatDuration(removalQuantile(0.5)), formatDuration(percentile(removalAgesMs, 0.5))],
      [
        `after ${formatDuration(options.horizonMs)}`,
        '(no schedule sees these)',
        percent(1 - removalCdf(options.horizonMs), 2),
        percent(1 - sampleCdf(options.horizonMs), 2),
      ],
    ]),
  );
  lines.push('');

  const horizon = formatDuration(options.horizonMs);
  const gap = formatDuration(schedule.confirmationGapMs);
  const jitter = `jitter ±${percent(schedule.jitter, 0)}`;
  const ages = `${schedule.agesMs.map(formatAge).join(', ')}, then every ${formatAge(schedule.thereafterMs)}`;
  const memholeHow =
    options.memholeMode === 'once' ? 'each planned age checked once (--once)' : 'via nextCheckAt at each check';
  const newsdiffsName = `NewsDiffs ×${newsdiffs.factor.toFixed(3)}`;
  const fixedName = `fixed ${formatDuration(fixed.intervalMs)}`;
  lines.push(`Horizon ${horizon} from publication. Every schedule confirms a sighting with one check ${gap} later, then stops.`);
  lines.push(`  memhole     ${schedule === DEFAULT_SCHEDULE ? 'DEFAULT_SCHEDULE' : '--ages'} ${memholeHow}, from publication, ${jitter}:`);
  lines.push(`              ${ages}`);
  lines.push(
    `  NewsDiffs   its delays (${NEWSDIFFS_BANDS.map((band) => `${formatDuration(band.delayMs)} under ${formatDuration(band.underMs)}`).join(', ')})`,
  );
  lines.push(`              all × ${newsdiffs.factor.toFixed(3)}, solved by bisection for N checks; ${jitter} on each delay`);
  lines.push(`  fixed       every ${horizon} / N = ${formatDuration(fixed.intervalMs)} on one clock for all articles (reference)`);
  lines.push('');

  lines.push(`N = ${memhole.plannedChecks.toFixed(2)} checks per article over ${horizon} (memhole, mean of a never-removed article's checks)`);
  const spendRow = (name: string, outcome: ScheduleOutcome): string[] => [
    name,
    outcome.plannedChecks.toFixed(2),
    `${outcome.minPlannedChecks}-${outcome.maxPlannedChecks}`,
    outcome.spentChecks.toFixed(2),
  ];
  lines.push(
    ...table([
      ['checks per article', 'never removed', 'range', 'spent, all articles (removed ones stop at confirmation)'],
      spendRow('memhole', memhole),
      spendRow(newsdiffsName, newsdiffs),
      spendRow(fixedName, fixed),
    ]),
  );
  if (options.memholeMode === 'next-check-at' && memhole.plannedChecks > memhole.plannedSlots + 1) {
    // Worth saying out loud: these repeats set the budget every other schedule gets.
    lines.push(`note: memhole plans ${memhole.plannedSlots} ages within ${horizon} but makes ${memhole.plannedChecks.toFixed(2)} checks: nextCheckAt, called at a check`);
    lines.push('  that jitter moved early, finds the page still younger than that planned age and schedules it again.');
    lines.push('  --once checks each planned age once.');
  }
  lines.push('');

  const delays = (outcome: ScheduleOutcome): string[] =>
    [outcome.detectionMs, outcome.confirmedMs].flatMap((sorted) => [0.5, 0.9, 0.99].map((p) => formatDuration(percentile(sorted, p))));
  const delayRow = (name: string, outcome: ScheduleOutcome): string[] => [name, ...delays(outcome), percent(outcome.detectedShare, 2)];
  lines.push(`Delay from removal: detection = first check that sees it; confirmed = detection + ${gap}; unseen in ${horizon} = ${horizon}.`);
  lines.push(
    ...table([
      ['', 'detection', '', '', 'confirmed', '', '', 'detected'],
      ['', 'median', 'p90', 'p99', 'median', 'p90', 'p99', `within ${horizon}`],
      delayRow('memhole', memhole),
      delayRow(newsdiffsName, newsdiffs),
      delayRow(fixedName, fixed),
    ]),
  );
  lines.push('');

  const verdict = judgeGoal(result);
  const mark = (ok: boolean): string => (ok ? 'yes' : 'no');
  lines.push(`memhole / NewsDiffs detection delay: median ${verdict.medianRatio.toFixed(2)}, p90 ${verdict.p90Ratio.toFixed(2)}`);
  lines.push(
    `goal: below NewsDiffs at the median and p90, share detected no lower: ${verdict.met ? 'MET' : 'NOT MET'} ` +
      `(median ${mark(verdict.median)}, p90 ${mark(verdict.p90)}, share ${mark(verdict.share)})`,
  );
  return `${lines.join('\n')}\n`;
}
