/**
 * Hostile input in one crawl batch: truncated HTML, a body over the size cap, a redirect loop, an undecodable
 * charset, a connection reset and a server that never answers each end as a recorded capture with its failure
 * kind, while a good article in the same batch is archived as usual.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';
import { openSqliteStore, type CaptureRow } from '../../storage/index.ts';
import { startHostileServer } from '../helpers/hostile-server.ts';
import { runCli } from '../helpers/run-cli.ts';

const SIZE_CAP = 64 * 1024;

let hostile: Awaited<ReturnType<typeof startHostileServer>>;
let site: DemoSite;
let dir: string;

beforeAll(async () => {
  [hostile, site] = await Promise.all([startHostileServer(), startDemoSite()]);
  dir = mkdtempSync(join(tmpdir(), 'memhole-hostile-'));
  writeFileSync(
    join(dir, 'memhole.config.yaml'),
    `dataDir: ./data\nretries: 1\ntimeoutMs: 400\nmaxBodyBytes: ${SIZE_CAP}\nhosts:\n  default: { maxConcurrency: 4, minDelayMs: 0 }\n`,
  );
});

afterAll(async () => {
  await Promise.all([hostile?.close(), site?.close()]);
});

describe('a crawl batch full of hostile responses', () => {
  const cases: [path: string, kind: string][] = [
    ['/truncated', 'truncated'],
    ['/reset-mid-body', 'truncated'],
    ['/huge', 'too_large'],
    ['/loop-a', 'redirect_loop'],
    ['/bad-charset', 'decode'],
    ['/reset', 'reset'],
    ['/slow', 'timeout'],
  ];
  let captures: Map<string, CaptureRow[]>;
  let exitCode: number;
  let goodArticleVersions: number;

  beforeAll(async () => {
    const good = site.articles.find((article) => article.hasComments)!;
    const urls = [...cases.map(([path]) => `${hostile.url}${path}`), good.url];
    const run = await runCli(['crawl', ...urls, '--adapter', 'cdt'], { cwd: dir });
    exitCode = run.code;
    const store = await openSqliteStore({ dataDir: join(dir, 'data') });
    captures = new Map();
    for (const url of urls) {
      const page = await store.getPageByUrl(url);
      captures.set(url, page ? await store.listCaptures(page.id) : []);
    }
    const goodPage = await store.getPageByKey(`cdt:${good.id}`);
    goodArticleVersions = goodPage ? (await store.listArticles(goodPage.id)).length : 0;
    await store.close();
  }, 60_000);

  it('finishes with exit code 0 and archives the good article', () => {
    expect(exitCode).toBe(0);
    expect(goodArticleVersions).toBe(1);
  });

  for (const [path, kind] of cases) {
    it(`records ${path} as one capture with failure kind ${kind}`, () => {
      const rows = captures.get(`${hostile.url}${path}`) ?? [];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.failureKind).toBe(kind);
      expect(rows[0]!.failureMessage).toBeTruthy();
    });
  }

  it('keeps the partial bytes of a truncated body and flags it', () => {
    const [row] = captures.get(`${hostile.url}/truncated`)!;
    expect(row!.truncated).toBe(true);
    expect(row!.bodySize).toBeGreaterThan(0);
    expect(row!.status).toBe(200);
  });

  it('cuts a huge body at the size cap', () => {
    const [row] = captures.get(`${hostile.url}/huge`)!;
    expect(row!.truncated).toBe(true);
    expect(row!.bodySize).toBe(SIZE_CAP);
  });

  it('records every hop of the redirect loop', () => {
    const [row] = captures.get(`${hostile.url}/loop-a`)!;
    expect(row!.redirects.map((hop) => [new URL(hop.url).pathname, hop.status])).toEqual([
      ['/loop-a', 302],
      ['/loop-b', 301],
    ]);
  });

  it('records a network failure with no status and no body', () => {
    const [row] = captures.get(`${hostile.url}/reset`)!;
    expect(row!.status).toBeNull();
    expect(row!.bodyHash).toBeNull();
  });

  it('never lets crawlee write a ./storage folder of its own', () => {
    expect(existsSync(join(process.cwd(), 'storage', 'request_queues'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'storage', 'key_value_stores'))).toBe(false);
    expect(existsSync(join(dir, 'storage'))).toBe(false);
  });
});
