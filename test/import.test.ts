/**
 * `memhole import` of mirror files and `memhole reextract`: the CDT mirror format becomes import captures dated
 * by the file's timestamp, with the article, card and comment thread extracted; a newer extractor run over
 * stored captures makes new versions but never an edit.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdtAdapter } from '../crawlers/cdt/index.ts';
import { reextract } from '../src/archive/reextract.ts';
import { openSqliteStore } from '../storage/index.ts';
import { runCli } from './helpers/run-cli.ts';

const STAMP = 1_700_000_000_000;
const BODY = [
  '<div style="width:42%;float:right"><div class="su-spoiler"><div class="su-spoiler-title">CDT 档案卡</div><div class="su-spoiler-content">',
  '<strong>标题：</strong>小区群里的一条通知<br><strong>作者：</strong>林间<br><strong>发表日期：</strong>2023.11.02<br>',
  '<strong>来源：</strong><a href="https://mp.weixin.qq.com/s/AbCdEf123">微信公众号“林间笔记”</a><br>',
  '<strong>版权说明：</strong>版权归原作者所有。</div></div></div>',
  '<p>一条关于停水的通知在小区群里发出后不到一小时就被撤回，居民们开始自己整理时间表。</p>',
  '<p><strong>以下评论由中国数字时代编辑摘自网络：</strong></p>',
  '<blockquote><p>楼下老王：撤回比通知还快。<br>&gt; 三号楼：通知撤回了，水还是停了。</p><p>小鹿：截图已存。</p></blockquote>',
].join('');

function mirrorDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memhole-import-'));
  mkdirSync(join(dir, 'mirror', '2023'), { recursive: true });
  writeFileSync(join(dir, 'mirror', '2023', 'a.txt'), `<!--${STAMP}-->\n[【网络民议】小区群里的一条通知](https://chinadigitaltimes.net/chinese/712345.html)\n------\n\n${BODY}`);
  writeFileSync(join(dir, 'mirror', 'notes.md'), '# 这不是镜像文件\n\n只是一份笔记。\n');
  return dir;
}

describe('memhole import', () => {
  it('imports CDT mirror files as import captures dated by their timestamp', async () => {
    const dir = mirrorDir();
    const data = join(dir, 'data');
    const run = await runCli(['import', join(dir, 'mirror'), '--data', data, '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { imported: number; skipped: number; articlesNew: number; files: { file: string; reason: string | null; key: string | null }[] };
    expect(summary).toMatchObject({ imported: 1, articlesNew: 1 });
    expect(summary.files.find((f) => f.file.endsWith('a.txt'))!.key).toBe('cdt:712345');
    // Without a mirrors adapter the note is skipped; with one, it is skipped for having no original URL.
    expect(summary.files.find((f) => f.file.endsWith('notes.md'))!.reason).toBeTruthy();

    const store = await openSqliteStore({ dataDir: data });
    try {
      const page = (await store.getPageByKey('cdt:712345'))!;
      const [capture] = await store.listCaptures(page.id);
      expect(capture).toMatchObject({ how: 'import', capturedAt: STAMP, finalUrl: 'https://chinadigitaltimes.net/chinese/712345.html', status: null });
      const article = (await store.latestArticle(page.id))!;
      expect(article).toMatchObject({ title: '【网络民议】小区群里的一条通知', column: '网络民议', author: '林间', originUrl: 'https://mp.weixin.qq.com/s/AbCdEf123' });
      expect(article.card?.publishedAt).toBe('2023-11-02');
      const comments = await store.listComments((await store.latestThread(page.id))!.id);
      expect(comments.map((c) => [c.author, c.parentId === null])).toEqual([['楼下老王', true], ['三号楼', false], ['小鹿', true]]);
      // The archive card's original is tracked as an origin page.
      expect((await store.linkedPages(page.id, 'from')).map((l) => l.page.url)).toEqual(['https://mp.weixin.qq.com/s/AbCdEf123']);
    } finally {
      await store.close();
    }

    const again = await runCli(['import', join(dir, 'mirror'), '--data', data, '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).articlesNew).toBe(0);
  });

  it('says clearly when the path does not exist', async () => {
    const run = await runCli(['import', '/no/such/mirror', '--data', mkdtempSync(join(tmpdir(), 'memhole-import-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/no/such/mirror: no such file or folder to import');
  });
});

describe('reextract', () => {
  it('makes new versions with a newer extractor, never an edit, and nothing when unchanged', async () => {
    const dir = mirrorDir();
    const data = join(dir, 'data');
    expect((await runCli(['import', join(dir, 'mirror'), '--data', data])).code).toBe(0);
    const same = await runCli(['reextract', '--data', data, '--json']);
    expect(JSON.parse(same.stdout)).toMatchObject({ pages: 1, captures: 1, versionsNew: 0, unreadable: [] });

    const store = await openSqliteStore({ dataDir: data });
    try {
      const fixed = {
        ...cdtAdapter,
        extractorVersion: 'cdt-next',
        extract: (page: Parameters<typeof cdtAdapter.extract>[0]) => {
          const article = cdtAdapter.extract(page);
          return article && { ...article, text: `${article.text}\n\n（补全的段落）` };
        },
      };
      const summary = await reextract(store, { adapterFor: () => fixed });
      expect(summary).toMatchObject({ pages: 1, versionsNew: 1 });
      const page = (await store.getPageByKey('cdt:712345'))!;
      const versions = await store.listArticles(page.id);
      expect(versions.map((v) => v.extractorVersion)).toEqual(['cdt-1', 'cdt-next']);
      expect(versions[1]!.captureId).toBe(versions[0]!.captureId);
      expect(await store.listEvents({ pageId: page.id })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
