/**
 * What the CLI reads and writes, passed in so tests run `main(argv, io)` in-process against buffers.
 */

export interface CliWriter {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Epoch milliseconds; tests pin it. */
  clock: () => number;
}

/** Documented exit codes (README.md, "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** The command could not do its job: storage, an unexpected failure. */
  failure: 1,
  /** Wrong arguments or options. */
  usage: 2,
  /** The configuration file is missing a value, malformed or names something unknown. */
  config: 3,
  /** Nothing matched: `show` or `diff` of an unknown URL or key, a report on a source with no pages. */
  notFound: 4,
} as const;

/** An error the CLI reports as one line with its exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
