/**
 * The configuration schema: one zod schema for memhole.config.yaml (or .json). Later features add fields here;
 * they do not replace it. Loading, precedence and error messages are in load-config.ts.
 */
import { z } from 'zod';

const hostLimitSchema = z
  .object({
    /** Requests in flight to one host at once. */
    maxConcurrency: z.int().min(1).max(64).optional(),
    /** Minimum time between the starts of two requests to one host. */
    minDelayMs: z.int().min(0).max(3_600_000).optional(),
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
    /** Pages processed at once across all hosts. */
    concurrency: z.int().min(1).max(64).default(4),
    hosts: z
      .object({ default: hostLimitSchema.default({}) })
      .catchall(hostLimitSchema)
      .default({ default: {} }),
    sources: z.array(sourceSchema).default([]),
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
