/**
 * `npm run bench:schedule`: simulates memhole's re-check schedule against NewsDiffs' and a fixed interval, all
 * spending the same checks per article, on a virtual clock (see scripts/bench/simulate.ts), and prints the report.
 * Flags: --seed, --articles, --removed (share), --ages 15m,1h,... and --thereafter 30d to try other ages, --once.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../src/config/duration.ts';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../src/recheck/schedule.ts';
import { formatReport } from './bench/report.ts';
import { DEFAULT_BENCH, runScheduleBench, type BenchOptions } from './bench/simulate.ts';

const USAGE = `usage: npm run bench:schedule -- [--seed N] [--articles N] [--removed SHARE] [--ages 15m,1h,...] [--thereafter 30d] [--once]
  --seed N          PRNG seed (default ${DEFAULT_BENCH.seed}); the same seed gives the same run
  --articles N      articles to simulate (default ${DEFAULT_BENCH.articles})
  --removed SHARE   share of articles removed, above 0 up to 1 (default ${DEFAULT_BENCH.removedShare})
  --ages LIST       memhole's check ages instead of DEFAULT_SCHEDULE's, ascending, e.g. 5m,15m,30m,1h,3h,1d
  --thereafter D    memhole's interval after the last age (default ${DEFAULT_SCHEDULE.thereafterMs / 86_400_000}d)
  --once            each planned age checked once, instead of nextCheckAt's behaviour after an early check
`;

class UsageError extends Error {}

function wholeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return n;
}

function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      articles: { type: 'string' },
      removed: { type: 'string' },
      ages: { type: 'string' },
      thereafter: { type: 'string' },
      once: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const options: BenchOptions = { ...DEFAULT_BENCH };
  if (values.seed !== undefined) options.seed = wholeNumber('seed', values.seed);
  if (values.articles !== undefined) options.articles = wholeNumber('articles', values.articles);
  if (options.articles < 1) throw new UsageError('--articles must be at least 1');
  if (values.removed !== undefined) {
    options.removedShare = Number(values.removed);
    if (!(options.removedShare > 0 && options.removedShare <= 1)) throw new UsageError(`--removed takes a share above 0 up to 1, not "${values.removed}"`);
  }
  if (values.ages !== undefined || values.thereafter !== undefined) {
    const schedule: ScheduleConfig = { ...DEFAULT_SCHEDULE };
    if (values.ages !== undefined) schedule.agesMs = values.ages.split(',').map((age) => parseDuration(age));
    if (values.thereafter !== undefined) schedule.thereafterMs = parseDuration(values.thereafter);
    if (schedule.agesMs.length === 0 || schedule.agesMs.some((age, i) => age <= 0 || age <= (schedule.agesMs[i - 1] ?? 0))) {
      throw new UsageError('--ages must be positive and ascending, e.g. 15m,1h,3h,1d');
    }
    options.schedule = schedule;
  }
  if (values.once) options.memholeMode = 'once';
  return options;
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') process.stdout.write(USAGE);
  else process.stdout.write(formatReport(runScheduleBench(options)));
} catch (error) {
  // Bad flags and bad durations are the reader's to fix: one line and exit code 2, the CLI's usage code.
  process.stderr.write(`bench:schedule: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
