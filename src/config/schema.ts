/**
 * The configuration schema: one zod schema for memhole.config.yaml (or .json). Later features add fields here;
 * they do not replace it. Loading, precedence and error messages are in load-config.ts.
 */
import { z } from 'zod';
import { selectorProblem } from '../../crawlers/generic/selectors.ts';
import { DURATION_PATTERN, parseDuration } from './duration.ts';

/** A duration written as `15m`, `1h`, `2d` or a number of milliseconds. */
const duration = z
  .union([z.int().min(0), z.string().regex(DURATION_PATTERN, 'write a duration like 15m, 1h, 2d or 500ms')])
  .transform(parseDuration);

const proxyUrl = z.url({ protocol: /^(https?|socks5?)$/, error: 'write the proxy as http://host:port, https://host:port or socks5://host:port' });

/** When re-checks happen; every field has a default (see DEFAULT_SCHEDULE in src/recheck/schedule.ts). */
const scheduleSchema = z
  .object({
    /** Ages after publication (else first capture) at which to check, ascending. */
    ages: z.array(duration).min(1).optional(),
    /** After the last age, check this often. */
    thereafter: duration.optional(),
    /** Share of the gap to the previous check by which a check may move either way (0 to 0.5). */
    jitter: z.number().min(0).max(0.5).optional(),
    /** A removal seen once is confirmed by a check this long after; 0 is allowed (tests). */
    confirmationGap: duration.optional(),
  })
  .strict();

const hostLimitSchema = z
  .object({
    /** Requests in flight to one host at once. */
    maxConcurrency: z.int().min(1).max(64).optional(),
    /** Minimum time between the starts of two requests to one host. */
    minDelayMs: z.int().min(0).max(3_600_000).optional(),
  })
  .strict();

/** A CSS selector, checked by the parser the generic adapter uses, so a typo fails at load time and not mid-crawl. */
const cssSelector = z
  .string()
  .min(1)
  .superRefine((selector, context) => {
    const problem = selectorProblem(selector);
    if (problem) context.addIssue({ code: 'custom', message: `"${selector}" is not a CSS selector (${problem})` });
  });

/** Where a site keeps its article, for the generic adapter; read before its heuristics. */
const selectorsSchema = z
  .object({
    body: cssSelector.optional(),
    title: cssSelector.optional(),
    author: cssSelector.optional(),
    /** The date: the element's `datetime` or `content` attribute, else its text. */
    published: cssSelector.optional(),
    /** Blocks removed before anything is read. */
    remove: z.array(cssSelector).optional(),
  })
  .strict();

const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, "-" and "_", such as "cdt"'),
    adapter: z.string().min(1),
    name: z.string().optional(),
    startUrls: z.array(z.url({ protocol: /^https?$/ })).default([]),
    feeds: z.array(z.url({ protocol: /^https?$/ })).default([]),
    limits: z
      .object({
        /** Articles fetched per crawl of this source. */
        maxArticles: z.int().min(1).default(200),
        /** Listing pages followed through pagination, per start URL. */
        maxListingPages: z.int().min(0).default(5),
      })
      .strict()
      .default({ maxArticles: 200, maxListingPages: 5 }),
    /** Fetch this source through a proxy: http://, https:// or socks5:// (default: the global `proxy`). */
    proxy: proxyUrl.optional(),
    /** Render this source's article pages in Chromium: always, only when a plain fetch finds no article, never. */
    render: z.enum(['always', 'auto', 'never']).optional(),
    /** Obey robots.txt for this source (default: the global `obeyRobots`). */
    obeyRobots: z.boolean().optional(),
    /** How often `memhole run` crawls this source's feeds and start URLs. */
    crawlEvery: duration.default(3_600_000),
    /** Overrides of the global re-check schedule for this source. */
    recheck: scheduleSchema.optional(),
    /** CSS selectors for the generic adapter (`adapter: generic` only). */
    selectors: selectorsSchema.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    /** Where the database and blobs live; relative to the configuration file's folder. */
    dataDir: z.string().min(1).default('./memhole-data'),
    userAgent: z.string().min(1).default('memhole/0.1 (news archive; +https://github.com/memhole/memhole)'),
    /** Bodies over this size are cut and recorded as `too_large`. */
    maxBodyBytes: z.int().min(1024).default(10 * 1024 * 1024),
    timeoutMs: z.int().min(100).default(30_000),
    /** Retries of a transient failure (timeout, reset, DNS, 5xx) within one crawl. */
    retries: z.int().min(0).max(10).default(2),
    /** Fetch everything through a proxy unless a source names its own. */
    proxy: proxyUrl.optional(),
    /** Chromium for pages built by script (Debian's package by default). */
    browser: z
      .object({
        executablePath: z.string().min(1).default('/usr/bin/chromium'),
        /** `auto`: render when the adapter asks for it, or when the generic adapter finds no article in a plain fetch. */
        render: z.enum(['always', 'auto', 'never']).default('auto'),
      })
      .strict()
      .default({ executablePath: '/usr/bin/chromium', render: 'auto' }),
    /** Fetch and keep the images of archived articles. */
    archiveImages: z.boolean().default(true),
    /** Crawls obey robots.txt unless a source says otherwise. */
    obeyRobots: z.boolean().default(true),
    /** Pages processed at once across all hosts. */
    concurrency: z.int().min(1).max(64).default(4),
    /**
     * Worker threads for extraction and markdown once a run has analysed its first pages inline; 0 keeps
     * everything on the main thread. Default: one fewer than the cores, 1 to 4.
     */
    extractionThreads: z.int().min(0).max(16).optional(),
    hosts: z
      .object({ default: hostLimitSchema.default({}) })
      .catchall(hostLimitSchema)
      .default({ default: {} }),
    sources: z.array(sourceSchema).default([]),
    recheck: z
      .object({
        schedule: scheduleSchema.default({}),
        /** Re-checks in flight at once (each host's own limits still apply). */
        concurrency: z.int().min(1).max(256).default(8),
        /** The most requests one `memhole recheck` run, or one cycle of `memhole run`, may spend. */
        budget: z.int().min(1).default(5000),
        /** Send If-None-Match / If-Modified-Since from the last capture. */
        conditional: z.boolean().default(true),
      })
      .strict()
      .default({ schedule: {}, concurrency: 8, budget: 5000, conditional: true }),
  })
  .strict();

/** The configuration after defaults, file, environment and flags are applied. */
export type MemholeConfig = z.infer<typeof configSchema> & {
  /** The file it was read from, or null when only defaults apply. */
  configPath: string | null;
};
export type SourceConfig = MemholeConfig['sources'][number];

/** Per-host politeness used when a host has no entry of its own. */
export const DEFAULT_HOST_LIMIT = { maxConcurrency: 2, minDelayMs: 1000 } as const;
