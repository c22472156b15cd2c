/**
 * Configuration: defaults, precedence (file < MEMHOLE_DATA < --data), and errors that name the file, the line
 * and the fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load-config.ts';

function dirWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'memhole-config-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const VALID = `dataDir: ./archive
userAgent: test-agent/1.0
hosts:
  default: { maxConcurrency: 1, minDelayMs: 0 }
  chinadigitaltimes.net: { minDelayMs: 2000 }
sources:
  - id: cdt
    adapter: cdt
    feeds: [https://chinadigitaltimes.net/chinese/feed]
    limits: { maxArticles: 50 }
`;

describe('loadConfig', () => {
  it('gives defaults without a file, data folder in the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-config-'));
    const config = loadConfig({ cwd: dir });
    expect(config.configPath).toBeNull();
    expect(config.dataDir).toBe(join(dir, 'memhole-data'));
    expect(config.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(config.sources).toEqual([]);
  });

  it('reads memhole.config.yaml from the working directory, relative paths from its folder', () => {
    const dir = dirWith('memhole.config.yaml', VALID);
    const config = loadConfig({ cwd: dir });
    expect(config.dataDir).toBe(join(dir, 'archive'));
    expect(config.userAgent).toBe('test-agent/1.0');
    expect(config.hosts['chinadigitaltimes.net']).toEqual({ minDelayMs: 2000 });
    expect(config.sources[0]).toMatchObject({ id: 'cdt', adapter: 'cdt', startUrls: [], limits: { maxArticles: 50, maxListingPages: 5 } });
  });

  it('reads JSON too', () => {
    const dir = dirWith('memhole.config.json', JSON.stringify({ retries: 0 }));
    expect(loadConfig({ cwd: dir }).retries).toBe(0);
  });

  it('lets MEMHOLE_DATA override the file and --data override both', () => {
    const dir = dirWith('memhole.config.yaml', VALID);
    expect(loadConfig({ cwd: dir, env: { MEMHOLE_DATA: '/tmp/from-env' } }).dataDir).toBe('/tmp/from-env');
    expect(loadConfig({ cwd: dir, env: { MEMHOLE_DATA: '/tmp/from-env' }, dataDir: 'flag' }).dataDir).toBe(join(dir, 'flag'));
  });

  it('names the file, the line and the field of a wrong value', () => {
    const dir = dirWith('memhole.config.yaml', VALID.replace('limits: { maxArticles: 50 }', 'limits: { maxArticles: -3 }'));
    const error = errorOf(() => loadConfig({ cwd: dir }));
    expect(error.message).toContain(`${join(dir, 'memhole.config.yaml')}:10`);
    expect(error.message).toContain('sources.0.limits.maxArticles');
  });

  it('names an unknown key and says to remove it', () => {
    const dir = dirWith('memhole.config.yaml', 'dataDir: ./a\nuserAgnet: typo\n');
    const error = errorOf(() => loadConfig({ cwd: dir }));
    expect(error.message).toMatch(/memhole\.config\.yaml:1: .*userAgnet/);
    expect(error.message).toContain('Remove or rename "userAgnet"');
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = dirWith('memhole.config.yaml', 'dataDir: ./a\nsources:\n  - id: cdt\n   adapter: [unclosed\n');
    expect(errorOf(() => loadConfig({ cwd: dir })).message).toMatch(/memhole\.config\.yaml:\d+: not valid YAML/);
  });

  it('rejects an unknown adapter, listing the known ones', () => {
    const dir = dirWith('memhole.config.yaml', VALID.replace('adapter: cdt', 'adapter: nosuch'));
    const error = errorOf(() => loadConfig({ cwd: dir }));
    expect(error.message).toMatch(/memhole\.config\.yaml:7: source "cdt" names adapter "nosuch".*Use one of: cdt/);
  });

  it('reads CSS selectors for a generic source', () => {
    const generic = VALID.replace('adapter: cdt', 'adapter: generic').replace(
      '    limits: { maxArticles: 50 }\n',
      '    limits: { maxArticles: 50 }\n    selectors:\n      body: .story-text\n      remove: [.promo, "div.related > ul"]\n',
    );
    const config = loadConfig({ cwd: dirWith('memhole.config.yaml', generic) });
    expect(config.sources[0]!.selectors).toEqual({ body: '.story-text', remove: ['.promo', 'div.related > ul'] });
  });

  it('names the field and the line of a selector that does not parse', () => {
    const generic = VALID.replace('adapter: cdt', 'adapter: generic').replace(
      '    limits: { maxArticles: 50 }\n',
      '    limits: { maxArticles: 50 }\n    selectors:\n      remove: [.promo, "div[class"]\n',
    );
    const dir = dirWith('memhole.config.yaml', generic);
    const error = errorOf(() => loadConfig({ cwd: dir }));
    expect(error.message).toContain(`${join(dir, 'memhole.config.yaml')}:12`);
    expect(error.message).toContain('sources.0.selectors.remove.1: "div[class" is not a CSS selector');
  });

  it('rejects selectors on a source whose adapter does not read them', () => {
    const dir = dirWith('memhole.config.yaml', `${VALID}    selectors: { body: .story-text }\n`);
    expect(errorOf(() => loadConfig({ cwd: dir })).message).toMatch(/source "cdt" gives selectors, which only the generic adapter reads/);
  });

  it('rejects a --config path that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-config-'));
    expect(errorOf(() => loadConfig({ cwd: dir, configPath: 'missing.yaml' })).message).toContain('no such configuration file');
  });
});
