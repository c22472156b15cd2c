/**
 * The composition root of the CLI: configuration, store, fetcher and limiter built once per command from
 * the flags and the environment, and closed together.
 */
import { loadConfig } from '../config/load-config.ts';
import { DEFAULT_HOST_LIMIT, type MemholeConfig, type SourceConfig } from '../config/schema.ts';
import type { CrawlOptions } from '../archive/crawl.ts';
import { createCaptureFetcher } from '../fetch/capture-fetcher.ts';
import { createHostLimiter, type HostLimiter } from '../fetch/host-limiter.ts';
import { createRobotsGate } from '../fetch/robots.ts';
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

export async function openApp(io: CliIo, options: GlobalOptions, access: { readOnly?: boolean } = {}): Promise<App> {
  const config = loadConfig({ cwd: io.cwd, configPath: options.config ?? null, env: io.env, dataDir: options.data ?? null });
  const store = await openSqliteStore({ dataDir: config.dataDir, readOnly: access.readOnly ?? false }, io.clock);
  return { config, store, io, close: () => store.close() };
}

/**
 * The archive opened for reading only (verify, the table and WARC exports): nothing is migrated or written, and
 * an archive whose rows break foreign keys still opens, so what is intact can be checked and exported.
 */
export function openReadOnlyApp(io: CliIo, options: GlobalOptions): Promise<App> {
  return openApp(io, options, { readOnly: true });
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

/**
 * What every crawl of this app shares, for one source or none: its fetcher (through the source's proxy), the
 * limiter, robots.txt obeyed unless the source or the configuration says otherwise, images, the extractor, the
 * browser (`render` overrides the source's mode), retries, concurrency and the clock.
 */
export function crawlSettings(
  app: CrawlingApp,
  source: SourceConfig | undefined,
  render?: NonNullable<CrawlOptions['render']>['mode'],
): Pick<CrawlOptions, 'store' | 'fetcher' | 'limiter' | 'robots' | 'archiveImages' | 'extractor' | 'render' | 'retries' | 'concurrency' | 'clock'> {
  const fetcher = source ? app.fetcherFor(source.id) : app.fetcher;
  const obeyRobots = source?.obeyRobots ?? app.config.obeyRobots;
  return {
    store: app.store,
    fetcher,
    limiter: app.limiter,
    robots: obeyRobots ? createRobotsGate((url) => app.limiter.schedule(url, () => fetcher.fetch(url)), app.config.userAgent) : null,
    archiveImages: app.config.archiveImages,
    extractor: app.extractor,
    render: { mode: render ?? source?.render ?? app.config.browser.render, executablePath: app.config.browser.executablePath, timeoutMs: app.config.timeoutMs },
    retries: app.config.retries,
    concurrency: app.config.concurrency,
    clock: app.io.clock,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
