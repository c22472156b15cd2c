/**
 * Where a command's document goes: the standard output, or with --out a file (then one line saying what was
 * written where). A file that cannot be written is one clear error, not a stack trace.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type CliIo } from './io.ts';

export async function writeOutput(io: CliIo, out: string | undefined, text: string, what: string): Promise<void> {
  if (!out) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, out);
  try {
    await writeFile(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write ${path} (${reason}); choose a file in a folder that exists and is writable`, EXIT.failure);
  }
  io.stdout.write(`wrote ${what} to ${path}\n`);
}
