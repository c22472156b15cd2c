/**
 * Runs the `memhole` CLI in-process against buffers, the way users run it, for end-to-end tests.
 */
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; clock?: () => number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    clock: options.clock ?? Date.now,
  });
  return { code, stdout, stderr };
}

/** A configuration that crawls loopback without the politeness delay meant for real sites. */
export function fastLoopbackConfig(extra = ''): string {
  return `retries: 1\ntimeoutMs: 2000\nconcurrency: 4\nhosts:\n  default: { maxConcurrency: 4, minDelayMs: 0 }\n${extra}`;
}

/**
 * The same for pages copied from test/fixtures, whose images point at the real sites: those images are not
 * fetched, so tests never leave loopback.
 */
export function fixtureCrawlConfig(extra = ''): string {
  return fastLoopbackConfig(`archiveImages: false\n${extra}`);
}
