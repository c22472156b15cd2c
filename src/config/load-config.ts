/**
 * Finds, parses and validates the configuration, with a clear precedence: defaults < configuration file
 * (memhole.config.yaml, .yml or .json in the working directory, or --config) < environment (MEMHOLE_DATA) <
 * flags (--data). Every error names the file, the line and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { adapterById, adapters } from '../../crawlers/index.ts';
import { configSchema, type MemholeConfig } from './schema.ts';

export const CONFIG_FILE_NAMES = ['memhole.config.yaml', 'memhole.config.yml', 'memhole.config.json'];

/** A configuration that cannot be used; the message says where and what to do. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadConfigOptions {
  cwd: string;
  /** --config */
  configPath?: string | null;
  env?: Record<string, string | undefined>;
  /** --data */
  dataDir?: string | null;
}

export function loadConfig(options: LoadConfigOptions): MemholeConfig {
  const env = options.env ?? {};
  const path = options.configPath
    ? resolve(options.cwd, options.configPath)
    : (CONFIG_FILE_NAMES.map((name) => resolve(options.cwd, name)).find((candidate) => existsSync(candidate)) ?? null);
  if (options.configPath && path && !existsSync(path)) {
    throw new ConfigError(`${path}: no such configuration file. Check the --config path, or omit it to use defaults.`);
  }
  const raw = path ? readConfigFile(path) : { value: {}, locate: () => '' };
  const parsed = configSchema.safeParse(raw.value);
  if (!parsed.success) throw new ConfigError(describeIssues(path, parsed.error.issues, raw.locate));
  const config = parsed.data;
  checkSources(path, config, raw.locate);
  const base = path ? dirname(path) : options.cwd;
  const dataDir = options.dataDir
    ? resolve(options.cwd, options.dataDir)
    : env.MEMHOLE_DATA
      ? resolve(options.cwd, env.MEMHOLE_DATA)
      : resolve(base, config.dataDir);
  return { ...config, dataDir, configPath: path };
}

interface RawConfig {
  value: unknown;
  /** " (line N)" for a path in the file, or "" when unknown. */
  locate: (path: PropertyKey[]) => string;
}

function readConfigFile(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the configuration file (${(error as Error).message}).`);
  }
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0].line;
    const where = line ? `${path}:${line}` : path;
    const kind = path.endsWith('.json') ? 'JSON' : 'YAML';
    throw new ConfigError(`${where}: not valid ${kind}: ${first.message.split('\n')[0]}. Fix the syntax at that line.`);
  }
  const locate = (issuePath: PropertyKey[]): string => {
    for (let depth = issuePath.length; depth >= 0; depth--) {
      const node = doc.getIn(issuePath.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) return `:${lines.linePos(node.range[0]).line}`;
    }
    return '';
  };
  return { value: doc.toJS() ?? {}, locate };
}

function describeIssues(path: string | null, issues: z.core.$ZodIssue[], locate: RawConfig['locate']): string {
  const file = path ?? 'configuration';
  return issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.length ? issue.path.join('.') : '(top level)';
      return `${file}${locate(issue.path)}: ${field}: ${issue.message}. ${fixFor(issue)}`;
    })
    .join('\n');
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `Remove or rename ${issue.keys.map((key) => `"${key}"`).join(', ')}; see the configuration section of README.md.`;
  }
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Write an absolute http(s) URL.';
  if (issue.code === 'invalid_type') return `Write a value of type ${issue.expected}.`;
  return 'See the configuration section of README.md.';
}

function checkSources(path: string | null, config: z.infer<typeof configSchema>, locate: RawConfig['locate']): void {
  const seen = new Set<string>();
  config.sources.forEach((source, index) => {
    const where = `${path ?? 'configuration'}${locate(['sources', index])}`;
    if (seen.has(source.id)) throw new ConfigError(`${where}: source id "${source.id}" is used twice. Give each source its own id.`);
    seen.add(source.id);
    if (!adapterById(source.adapter)) {
      const known = adapters.map((adapter) => adapter.id).join(', ');
      throw new ConfigError(`${where}: source "${source.id}" names adapter "${source.adapter}", which does not exist. Use one of: ${known}.`);
    }
    if (source.selectors && source.adapter !== 'generic') {
      throw new ConfigError(
        `${where}: source "${source.id}" gives selectors, which only the generic adapter reads. Set adapter: generic, or remove selectors.`,
      );
    }
    if (!source.startUrls.length && !source.feeds.length) {
      throw new ConfigError(`${where}: source "${source.id}" has no startUrls and no feeds. Add at least one URL to crawl.`);
    }
  });
}
