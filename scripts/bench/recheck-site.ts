/**
 * Starts and drives the re-check benchmark's site (recheck-server.ts) in a child process: waits until it
 * listens, switches it from the archive phase to the re-check phase, asks what it served, stops it. A child
 * that does not stop when asked is killed, so the benchmark always ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PageSize } from './recheck-pages.ts';
import type { FromSite, ToSite } from './recheck-server.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('./recheck-server.ts', import.meta.url));
/** Starting, or answering one message, takes far less; past this the child is taken for hung. */
const REPLY_TIMEOUT_MS = 60_000;

export type SiteStats = Extract<FromSite, { type: 'stats' }>;

/** A running benchmark site. */
export interface BenchSite {
  origin: string;
  pid: number;
  setPhase(phase: 'archive' | 'recheck'): Promise<void>;
  stats(): Promise<SiteStats>;
  stop(): Promise<void>;
}

/** Starts the site; `size` overrides the page sizes (30 to 60 KB by default). */
export async function startBenchSite(pages: number, seed: number, size?: PageSize): Promise<BenchSite> {
  const args = [String(pages), String(seed), ...(size ? [String(size.minBytes), String(size.maxBytes)] : [])];
  // The child inherits this process's execArgv, so it runs TypeScript the way this process does (tsx).
  const child = fork(SERVER_SCRIPT, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await reply(child, (m): m is Extract<FromSite, { type: 'ready' }> => m.type === 'ready', null);
  const ask = <T extends FromSite>(message: ToSite, accept: (m: FromSite) => m is T): Promise<T> => reply(child, accept, message);
  return {
    origin: ready.origin,
    pid: child.pid ?? -1,
    async setPhase(phase) {
      await ask({ type: 'phase', phase }, (m): m is Extract<FromSite, { type: 'phase' }> => m.type === 'phase' && m.phase === phase);
    },
    stats: () => ask({ type: 'stats' }, (m): m is SiteStats => m.type === 'stats'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ToSite);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Sends `message` (if any) and resolves with the first message `accept` takes; rejects if the child dies or hangs. */
function reply<T extends FromSite>(child: ChildProcess, accept: (m: FromSite) => m is T, message: ToSite | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: FromSite): void => {
      if (!accept(m)) return;
      cleanup();
      resolve(m);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the benchmark site exited (code ${code}) before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`the benchmark site did not answer within ${REPLY_TIMEOUT_MS / 1000} s`));
    }, REPLY_TIMEOUT_MS);
    child.on('message', onMessage);
    child.on('exit', onExit);
    if (message) child.send(message);
  });
}
