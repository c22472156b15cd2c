/**
 * What the loopback benchmarks share around their measurements: their flags, the size of a data directory's
 * database, and a bounded run that removes its temporary folders and ends the process even when the time limit
 * cuts it short.
 */
import { rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../storage/index.ts';

/** The database with its write-ahead log, as it stands on disk. */
export function databaseBytes(dataDir: string): number {
  let total = 0;
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    try {
      total += statSync(join(dataDir, name)).size;
    } catch {
      // No WAL file once the last connection has checkpointed it away.
    }
  }
  return total;
}

/**
 * Run `main` within `limitMs`; past it, remove `dataDirs` and exit 3. A thrown error is reported and exits 1.
 * The process then exits with main's code: crawlee can leave timers and handles behind after teardown.
 */
export async function runBounded(limitMs: number, dataDirs: readonly string[], progress: (message: string) => void, main: () => Promise<number>): Promise<never> {
  const watchdog = setTimeout(() => {
    progress(`still running after ${Math.round(limitMs / 1000)} s; giving up`);
    // The site's process exits on its own when this one goes: it watches the IPC channel.
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(3);
  }, limitMs);
  watchdog.unref();
  let code: number;
  try {
    code = await main();
  } catch (error) {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    code = 1;
  }
  clearTimeout(watchdog);
  process.exit(code);
}

/**
 * A benchmark's flags from the command line: `--help` prints the usage and exits 0; a bad flag prints the
 * reason and the usage and exits 2, the CLI's usage code.
 */
export function benchFlags<T>(name: string, usage: string, parse: (argv: string[]) => T | 'help'): T {
  let flags: T | 'help';
  try {
    flags = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  if (flags === 'help') {
    process.stdout.write(usage);
    process.exit(0);
  }
  return flags;
}

/** The value of a whole-number flag, `fallback` when absent; throws with the flag's name when it is not one of at least `min`. */
export function wholeFlag(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} takes a whole number of at least ${min}, not "${value}"`);
  return parsed;
}

/** The flags of the loopback throughput benchmarks (bench:recheck, bench:crawl). */
export interface LoopbackFlags {
  pages: number;
  concurrency: number;
  seed: number;
  cpuProfile: string | null;
}

/** --pages, --concurrency (32), --seed (1) and --cpu-profile, or 'help'; throws with the flag's name when one is bad. */
export function parseLoopbackFlags(argv: string[], pages: { fallback: number; min: number }): LoopbackFlags | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      pages: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'cpu-profile': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  return {
    pages: wholeFlag('pages', values.pages, pages.fallback, pages.min),
    concurrency: wholeFlag('concurrency', values.concurrency, 32, 1),
    seed: wholeFlag('seed', values.seed, 1, 0),
    cpuProfile: values['cpu-profile'] ?? null,
  };
}
