/**
 * End to end: crawl the demo site, delete and censor some of its pages (and one original an archive card
 * cites), run `memhole recheck --all` twice, and `memhole status --json` lists exactly those pages as
 * removed, with the kind of removal; everything else stays alive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../scripts/demo-site/server.ts';
import type { ArchiveStatus } from '../../src/recheck/status.ts';
import { openSqliteStore } from '../../storage/index.ts';
import { fastLoopbackConfig, runCli } from '../helpers/run-cli.ts';

let site: DemoSite;
let dir: string;

beforeAll(async () => {
  site = await startDemoSite();
  dir = mkdtempSync(join(tmpdir(), 'memhole-recheck-'));
  writeFileSync(join(dir, 'memhole.config.yaml'), fastLoopbackConfig('recheck:\n  schedule: { confirmationGap: 0 }\n'));
  const crawl = await runCli(['crawl', `${site.url}/chinese/feed`, `${site.url}/chinese/`, '--adapter', 'cdt'], { cwd: dir });
  expect(crawl.code).toBe(0);
});

afterAll(async () => {
  await site?.close();
});

describe('removal detection on the demo site', () => {
  it('lists exactly the deleted and censored pages as removed, with the kind of removal', async () => {
    const [deleted, gone, censored, movedHome, quoting] = [
      site.articles[0]!,
      site.articles[1]!,
      site.articles[2]!,
      site.articles[3]!,
      site.articles.find((a) => a.id === 700106)!,
    ];
    site.setOverride(deleted.path, { status: 404 });
    site.setOverride(gone.path, { status: 410 });
    site.setOverride(censored.path, {
      status: 200,
      body: '<html><head><title>微信公众平台</title></head><body><div class="global_error_msg">此内容因违规无法查看</div></body></html>',
    });
    site.setOverride(movedHome.path, { status: 302, headers: { location: `${site.url}/` } });

    // One original cited by an archive card is censored on its platform while the archived copy lives on.
    const store = await openSqliteStore({ dataDir: join(dir, 'memhole-data') });
    const origins = await store.listPages({ kind: 'origin' });
    expect(origins.length).toBeGreaterThan(0);
    const overridden = new Set([deleted, gone, censored, movedHome].map((a) => `cdt:${a.id}`));
    let origin = origins[0]!;
    for (const candidate of origins.filter((o) => o.url.includes('mp.weixin.qq.com'))) {
      const citers = await store.linkedPages(candidate.id, 'to');
      if (citers.every((link) => !overridden.has(link.page.canonicalKey))) origin = candidate;
    }
    const citing = (await store.linkedPages(origin.id, 'to')).map((link) => ({ key: link.page.canonicalKey, state: 'alive', archivedAt: link.firstSeenAt }));
    await store.close();
    site.setOverride(new URL(origin.url).pathname, {
      status: 200,
      body: '<html><head><title>微信公众平台</title></head><body><div class="global_error_msg">该内容已被发布者删除</div></body></html>',
    });

    const first = await runCli(['recheck', '--all', '--json'], { cwd: dir });
    expect(first.code).toBe(0);
    const afterOne = JSON.parse((await runCli(['status', '--json'], { cwd: dir })).stdout) as ArchiveStatus;
    // A single check never removes a page: everything gone is only suspect, the crawl's dead link (799999) too.
    expect(afterOne.byState.removed).toBe(0);
    expect(afterOne.notAlive.filter((p) => p.state === 'suspect').map((p) => p.key).sort()).toEqual(
      [`cdt:${deleted.id}`, `cdt:${gone.id}`, `cdt:${censored.id}`, `cdt:${movedHome.id}`, 'cdt:799999', origin.canonicalKey].sort(),
    );

    const second = await runCli(['recheck', '--all'], { cwd: dir });
    expect(second.code).toBe(0);
    const status = await runCli(['status', '--json'], { cwd: dir });
    const report = JSON.parse(status.stdout) as ArchiveStatus;
    const removed = Object.fromEntries(report.notAlive.filter((p) => p.state === 'removed').map((p) => [p.key, p]));
    expect(Object.keys(removed).sort()).toEqual(
      [`cdt:${deleted.id}`, `cdt:${gone.id}`, `cdt:${censored.id}`, `cdt:${movedHome.id}`, 'cdt:799999', origin.canonicalKey].sort(),
    );
    expect(removed[`cdt:${deleted.id}`]!.removalKind).toBe('not_found');
    expect(removed[`cdt:${gone.id}`]!.removalKind).toBe('gone');
    expect(removed[`cdt:${censored.id}`]).toMatchObject({ removalKind: 'soft_deleted', removedBy: 'platform', notice: '此内容因违规无法查看' });
    expect(removed[`cdt:${movedHome.id}`]!.removalKind).toBe('redirected_away');
    // "The archived copy is alive, the original was removed": the origin was gone at its first check.
    expect(removed[origin.canonicalKey]).toMatchObject({ kind: 'origin', removalKind: 'soft_deleted', removedBy: 'author', removedBeforeFirstCheck: true, citedBy: citing });
    expect(removed['cdt:799999']).toMatchObject({ removalKind: 'not_found', removedBeforeFirstCheck: true });
    for (const page of Object.values(removed)) {
      expect(page.evidence.length, page.key).toBe(2);
      expect(page.evidence.every((check) => check.outcome === page.removalKind), page.key).toBe(true);
    }
    expect(report.notAlive.filter((p) => p.state !== 'removed')).toEqual([]);
    expect(report.byState.alive).toBe(report.pages - 6);
    // The article that quotes a removal notice in its text is not mistaken for one.
    expect(report.notAlive.map((p) => p.key)).not.toContain(`cdt:${quoting.id}`);

    const shown = await runCli(['show', `cdt:${censored.id}`], { cwd: dir });
    expect(shown.stdout).toMatch(/events:\n.* suspect +alive -> suspect \(soft_deleted\)  checks \d+\n.* removed +suspect -> removed \(soft_deleted\)  checks \d+, \d+/);
    const text = await runCli(['status'], { cwd: dir });
    expect(text.stdout).toContain(`cdt:${censored.id}  soft_deleted, by platform (此内容因违规无法查看)`);
  });
});
