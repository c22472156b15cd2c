/**
 * Per-host politeness: at most N requests in flight to a host and a minimum gap between request starts.
 * One limiter is shared by crawls and re-checks so both together stay within a site's limits; the database,
 * not this queue, decides what is due. One p-queue per host, created on first use.
 */
import PQueue from 'p-queue';

/** Limits for one host. */
export interface HostLimits {
  maxConcurrency: number;
  /** Minimum milliseconds between the starts of two requests to the host; 0 for none. */
  minDelayMs: number;
}

/** Schedules tasks so that each host's limits hold. */
export interface HostLimiter {
  /** Runs `task` when the host of `url` has room; settles as the task settles. */
  schedule<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when no task is queued or running for any host. */
  idle(): Promise<void>;
}

/**
 * Creates a limiter. `perHost` overrides the defaults for a hostname (`example.com`) or a host with port
 * (`127.0.0.1:8080`, checked first); hosts are compared in lower case, and `www.example.com` is its own host.
 */
export function createHostLimiter(
  defaults: HostLimits,
  perHost: Record<string, Partial<HostLimits>> = {},
): HostLimiter {
  const overrides = new Map(Object.entries(perHost).map(([host, limits]) => [host.toLowerCase(), limits]));
  const queues = new Map<string, PQueue>();

  function queueFor(url: string): PQueue {
    const { key, hostname } = hostKey(url);
    let queue = queues.get(key);
    if (queue === undefined) {
      const limits = { ...defaults, ...overrides.get(hostname), ...overrides.get(key) };
      queue = new PQueue(queueOptions(limits));
      queues.set(key, queue);
    }
    return queue;
  }

  return {
    schedule<T>(url: string, task: () => Promise<T>): Promise<T> {
      return queueFor(url).add(() => task());
    },
    async idle(): Promise<void> {
      // A finishing task may schedule another (a redirect's host, a discovered link): wait until all are quiet.
      while ([...queues.values()].some((q) => q.size > 0 || q.pending > 0)) {
        await Promise.all([...queues.values()].map((q) => q.onIdle()));
      }
    },
  };
}

function queueOptions(limits: HostLimits): ConstructorParameters<typeof PQueue>[0] {
  const concurrency = Math.max(1, Math.floor(limits.maxConcurrency));
  if (!(limits.minDelayMs > 0)) return { concurrency };
  // Strict mode is a sliding window: with one start per window, any two starts are at least the window apart.
  // The default fixed windows would let two starts fall on either side of a boundary, moments apart.
  return { concurrency, intervalCap: 1, interval: limits.minDelayMs, strict: true };
}

/** Keys by host and port, so two servers on one address are throttled apart; URLs that do not parse share one. */
function hostKey(url: string): { key: string; hostname: string } {
  try {
    const parsed = new URL(url);
    return { key: parsed.host.toLowerCase(), hostname: parsed.hostname.toLowerCase() };
  } catch {
    return { key: '', hostname: '' };
  }
}
