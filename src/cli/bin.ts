/**
 * The process face of the `memhole` command: real argv, stdout, stderr, environment and clock.
 */
import { main } from './main.ts';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  clock: Date.now,
});
process.exitCode = code;
