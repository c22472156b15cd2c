/**
 * The composition root of the CLI: configuration, store, fetcher and limiter built once per command from
 * the flags and the environment, and closed together.
 */
import { loadConfig } from '../config/load-config.ts';
import { DEFAULT_HOST_LIMIT, type MemholeConfig } from '../config/schema.ts';
import { createCaptureFetcher } from '../fetch/capture-fetcher.ts';
import { createHostLimiter, type HostLimiter } from '../fetch/host-limiter.ts';
import { createRobotsGate, type RobotsGate } from '../fetch/robots.ts';
import type { Fetcher } from '../fetch/types.ts';
import { createExtractor, type Extractor } from '../extract/extractor.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import type { CliIo } from './io.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  data?: string;
}

export interface App {
  config: MemholeConfig;
  store: Store;
  io: CliIo;
  close(): Promise<void>;
}

export interface CrawlingApp extends App {
  /** The fetcher of crawls without a source: through the global proxy, if any. */
  fetcher: Fetcher;
  /** The fetcher of a source: through its proxy, else the global one. */
  fetcherFor(sourceId: string): Fetcher;
  limiter: HostLimiter;
  /** Extraction and markdown, moved to worker threads once a run is large enough to gain from it. */
  extractor: Extractor;
}

export async function openApp(io: CliIo, options: GlobalOptions): Promise<App> {
  const config = loadConfig({ cwd: io.cwd, configPath: options.config ?? null, env: io.env, dataDir: options.data ?? null });
  const store = await openSqliteStore({ dataDir: config.dataDir }, io.clock);
  return { config, store, io, close: () => store.close() };
}

/**
 * The archive opened for reading only (verify, the table and WARC exports): nothing is migrated or written, and
 * an archive whose rows break foreign keys still opens, so what is intact can be checked and exported.
 */
export async function openReadOnlyApp(io: CliIo, options: GlobalOptions): Promise<App> {
  const config = loadConfig({ cwd: io.cwd, configPath: options.config ?? null, env: io.env, dataDir: options.data ?? null });
  const store = await openSqliteStore({ dataDir: config.dataDir, readOnly: true }, io.clock);
  return { config, store, io, close: () => store.close() };
}

export async function openCrawlingApp(io: CliIo, options: GlobalOptions): Promise<CrawlingApp> {
  const app = await openApp(io, options);
  const fetchers = new Map<string, Fetcher>();
  // One fetcher (and connection pool) per proxy, made when first needed; '' is the direct one.
  const fetcherVia = (proxy: string | undefined): Fetcher => {
    let fetcher = fetchers.get(proxy ?? '');
    if (!fetcher) {
      fetcher = createCaptureFetcher({
        userAgent: app.config.userAgent,
        maxBodyBytes: app.config.maxBodyBytes,
        timeoutMs: app.config.timeoutMs,
        maxRedirects: 10,
        clock: io.clock,
        proxy: proxy ?? null,
      });
      fetchers.set(proxy ?? '', fetcher);
    }
    return fetcher;
  };
  const { default: defaults, ...perHost } = app.config.hosts;
  const limiter = createHostLimiter({ ...DEFAULT_HOST_LIMIT, ...stripUndefined(defaults) }, perHost);
  const extractor = createExtractor(app.config.extractionThreads === undefined ? {} : { threads: app.config.extractionThreads });
  return {
    ...app,
    fetcher: fetcherVia(app.config.proxy),
    fetcherFor: (sourceId) => fetcherVia(app.config.sources.find((source) => source.id === sourceId)?.proxy ?? app.config.proxy),
    limiter,
    extractor,
    close: async () => {
      await extractor.close();
      for (const fetcher of fetchers.values()) await fetcher.close();
      await app.close();
    },
  };
}

/** The robots.txt gate of a crawl, or null when the crawl does not obey robots.txt. */
export function robotsGate(app: CrawlingApp, obey: boolean, fetcher: Fetcher): RobotsGate | null {
  return obey ? createRobotsGate((url) => app.limiter.schedule(url, () => fetcher.fetch(url)), app.config.userAgent) : null;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
