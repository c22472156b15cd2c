/**
 * `memhole run`: the daemon. Crawls each configured source when its `crawlEvery` has passed and runs re-checks
 * as they fall due, until SIGINT or SIGTERM, on which it finishes the check in hand and closes the archive.
 * All state is in the database, so after a crash (even `kill -9`) it starts again where it was.
 */
import { crawl } from '../../archive/crawl.ts';
import { lastCrawlOf } from '../../archive/source-health.ts';
import type { SourceConfig } from '../../config/schema.ts';
import { adapterForSource } from '../../config/source-adapter.ts';
import { crawlSettings, openCrawlingApp, type CrawlingApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';
import { recheckOnce } from './recheck.ts';

export interface RunCommandOptions extends GlobalOptions {
  /** Longest sleep between two looks at what is due. */
  pollMs?: number;
  /** Stop after this many cycles (for tests and one-shot runs); default: run until signalled. */
  cycles?: number;
}

export interface StopSignal {
  stopped: boolean;
  wait(ms: number): Promise<void>;
}

/** Stops on SIGINT/SIGTERM; waits are cut short by a stop. */
export function stopOnSignals(): StopSignal & { dispose(): void } {
  let wake: (() => void) | null = null;
  const signal = {
    stopped: false,
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
  const stop = (): void => {
    signal.stopped = true;
    wake?.();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return signal;
}

export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<number> {
  const app = await openCrawlingApp(io, options);
  const stop = stopOnSignals();
  const pollMs = options.pollMs ?? 60_000;
  io.stderr.write(`memhole run: ${app.config.sources.length} sources, archive at ${app.config.dataDir}; stop with Ctrl-C\n`);
  try {
    let cycles = 0;
    while (!stop.stopped && (options.cycles === undefined || cycles < options.cycles)) {
      cycles++;
      for (const source of app.config.sources) {
        if (stop.stopped) break;
        if (await crawlDue(app, source)) {
          const summary = await crawlSource(app, source);
          io.stderr.write(`crawled ${source.id}: ${summary.captures} captures, ${summary.articlesNew} new versions\n`);
        }
      }
      if (stop.stopped) break;
      const checks = await recheckOnce(app, { all: false });
      if (checks.checked) {
        const events = Object.entries(checks.events).map(([kind, n]) => `${kind}×${n}`).join(', ');
        io.stderr.write(`re-checked ${checks.checked}${events ? `: ${events}` : ''}\n`);
      }
      if (options.cycles !== undefined && cycles >= options.cycles) break;
      await stop.wait(await sleepFor(app, pollMs));
    }
    io.stderr.write('memhole run: stopped\n');
    return EXIT.ok;
  } finally {
    stop.dispose();
    await app.close();
  }
}

/** A source is due when none of its feeds and start URLs was captured within `crawlEvery`. */
async function crawlDue(app: CrawlingApp, source: SourceConfig): Promise<boolean> {
  const last = await lastCrawlOf(app.store, source);
  return last === null || app.io.clock() - last >= source.crawlEvery;
}

function crawlSource(app: CrawlingApp, source: SourceConfig) {
  const adapter = adapterForSource(source)!;
  return crawl([...source.feeds, ...source.startUrls], {
    ...crawlSettings(app, source),
    adapterFor: () => adapter,
    sourceId: () => source.id,
    limits: source.limits,
  });
}

/** Sleep until the next check or crawl falls due, at most `pollMs`. */
async function sleepFor(app: CrawlingApp, pollMs: number): Promise<number> {
  const now = app.io.clock();
  const due = await app.store.duePages(now + pollMs, { limit: 1 });
  let wake = due[0]?.nextCheckAt ?? now + pollMs;
  for (const source of app.config.sources) {
    const last = await lastCrawlOf(app.store, source);
    wake = Math.min(wake, (last ?? now) + source.crawlEvery);
  }
  return Math.max(50, Math.min(pollMs, wake - now));
}
