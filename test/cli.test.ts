/**
 * The CLI's contract: --help on every command, documented exit codes, and errors as one clear line that names
 * the thing and what to do, never a stack trace.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'memhole-cli-'));

describe('memhole CLI', () => {
  it.each([[['--help']], [['crawl', '--help']], [['export', 'markdown', '--help']], [['show', '--help']], [['export', '--help']]])(
    '%j prints usage and exits 0',
    async (args) => {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: memhole/);
    },
  );

  it('documents the exit codes in the help', async () => {
    expect((await runCli(['crawl', '--help'])).stdout).toContain('3  configuration error');
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['crawl', '--bogus'])).code).toBe(2);
    const noTarget = await runCli(['crawl', '--data', tmp()]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('crawl needs URLs or --source <id>');
    const notUrl = await runCli(['crawl', 'ftp://example.org/x', '--data', tmp()]);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('"ftp://example.org/x" is not an http(s) URL');
    const unknownAdapter = await runCli(['crawl', 'http://127.0.0.1:9/x', '--adapter', 'nosuch', '--data', tmp()]);
    expect(unknownAdapter.stderr).toContain('no adapter "nosuch"; use one of: cdt');
  });

  it('exits 3 on a configuration error, naming file and line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'memhole.config.yaml'), 'dataDir: ./d\nretries: many\n');
    const run = await runCli(['show', 'cdt:1'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${join(dir, 'memhole.config.yaml')}:2: retries`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 when --source names no configured source', async () => {
    const dir = tmp();
    const run = await runCli(['crawl', '--source', 'cdt', '--data', join(dir, 'data')], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no source "cdt"');
  });

  it('exits 1 with a storage error when the data folder is unusable', async () => {
    const dir = tmp();
    const notADatabase = join(dir, 'data');
    mkdirSync(notADatabase);
    writeFileSync(join(notADatabase, 'memhole.db'), 'this is not an SQLite database, it is a text file of some length');
    const run = await runCli(['show', 'cdt:1', '--data', notADatabase]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^memhole: storage error: .*memhole\.db/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('honours MEMHOLE_DATA', async () => {
    const dir = tmp();
    const run = await runCli(['export', 'markdown', join(dir, 'out')], { cwd: dir, env: { MEMHOLE_DATA: join(dir, 'env-data') } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exported 0 article versions');
  });

  it('refuses to serve on a port in use or on a bad port, in one line', async () => {
    const dir = tmp();
    // The archive must exist first: serve opens it read-only.
    expect((await runCli(['export', 'markdown', join(dir, 'out'), '--data', join(dir, 'data')])).code).toBe(0);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const busy = await runCli(['serve', '--port', String(port), '--data', join(dir, 'data')]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe(`memhole: port ${port} on 127.0.0.1 is in use; choose another with --port\n`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const bad = await runCli(['serve', '--port', '70000', '--data', join(dir, 'data')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a port number from 0 to 65535');
  });
});
