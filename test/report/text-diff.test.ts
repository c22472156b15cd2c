import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { versionLines, type DiffableVersion } from '../../src/report/diff-document.ts';
import { diffDocumentHtml } from '../../src/report/diff-html.ts';
import { diffTexts, wordTokens } from '../../src/report/text-diff.ts';
import { formatUnifiedDiff } from '../../src/report/unified-diff.ts';
import { ORIGINAL_PARAGRAPHS } from '../helpers/written-texts.ts';

const labels = { from: 'cdt:1 v1', to: 'cdt:1 v2' };

function version(overrides: Partial<DiffableVersion> = {}): DiffableVersion {
  return {
    title: '家长追问食堂采购清单',
    author: '中国数字时代',
    publishedText: '2026年3月2日',
    originName: '本地论坛',
    originUrl: 'https://forum.example/t/1',
    card: null,
    markdown: ORIGINAL_PARAGRAPHS.join('\n\n'),
    ...overrides,
  };
}

const diffVersions = (a: DiffableVersion, b: DiffableVersion) => diffTexts(versionLines(a), versionLines(b));

describe('word-level diffs of Chinese text', () => {
  it('segments Chinese into words and keeps English words whole', () => {
    expect(wordTokens('上海发布了新的通知')).toEqual(['上海', '发布', '了', '新的', '通知']);
    expect(wordTokens('COVID-19 policy 数据泄露')).toContain('policy');
    expect(wordTokens('COVID-19 policy 数据泄露').join('')).toBe('COVID-19 policy 数据泄露');
  });

  it('shows a changed word as one replacement, not character by character', () => {
    const diff = diffTexts(['上海发布了新的通知'], ['上海撤回了新的通知']);
    expect(diff.rows).toEqual([
      {
        op: 'replace',
        fromLine: 1,
        toLine: 1,
        from: '上海发布了新的通知',
        to: '上海撤回了新的通知',
        parts: [
          { op: 'equal', text: '上海' },
          { op: 'delete', text: '发布' },
          { op: 'insert', text: '撤回' },
          { op: 'equal', text: '了新的通知' },
        ],
      },
    ]);
    expect(diff.stats).toEqual({ linesAdded: 0, linesRemoved: 0, linesChanged: 1, wordsAdded: 1, wordsRemoved: 1 });
    expect(formatUnifiedDiff(diff, labels)).toBe('--- cdt:1 v1\n+++ cdt:1 v2\n@@ -1,1 +1,1 @@\n~上海[-发布-]{+撤回+}了新的通知\n');
  });

  it('keeps an English word whole inside mixed text', () => {
    const diff = diffTexts(['官方称 COVID policy 不变'], ['官方称 quarantine policy 不变']);
    expect(diff.rows[0]).toMatchObject({ op: 'replace', parts: [{ op: 'equal', text: '官方称 ' }, { op: 'delete', text: 'COVID' }, { op: 'insert', text: 'quarantine' }, { op: 'equal', text: ' policy 不变' }] });
  });

  it('finds nothing in unchanged text', () => {
    const diff = diffVersions(version(), version());
    expect(diff.identical).toBe(true);
    expect(diff.stats).toEqual({ linesAdded: 0, linesRemoved: 0, linesChanged: 0, wordsAdded: 0, wordsRemoved: 0 });
    expect(formatUnifiedDiff(diff, labels)).toBe('--- cdt:1 v1\n+++ cdt:1 v2\n');
    expect(diffDocumentHtml(diff, labels, 'same')).toContain('The two versions have the same text.');
  });

  it('shows added and removed paragraphs as whole lines, with a changed one beside them aligned', () => {
    const [p1, p2, p3, p4, p5] = ORIGINAL_PARAGRAPHS as [string, string, string, string, string];
    const added = '（编者按：本文发布后，县教育局删除了通报。）';
    const before = version({ markdown: [p1, p2, p3, p4, p5].join('\n\n') });
    const after = version({ markdown: [p1, added, p2.replace('四百多次', '一千多次'), p3, p5].join('\n\n') });
    const diff = diffVersions(before, after);
    const changes = diff.rows.filter((row) => row.op !== 'equal');
    // Lines 1-4 are the title, author, published and origin fields; the body starts at line 5.
    expect(changes).toEqual([
      { op: 'insert', toLine: 6, text: added },
      expect.objectContaining({ op: 'replace', fromLine: 6, toLine: 7, parts: expect.arrayContaining([{ op: 'delete', text: '四百' }, { op: 'insert', text: '一千' }]) }),
      { op: 'delete', fromLine: 8, text: p4 },
    ]);
    expect(diff.stats).toMatchObject({ linesAdded: 1, linesRemoved: 1, linesChanged: 1 });
    const unified = formatUnifiedDiff(diff, labels);
    expect(unified).toContain(`+${added}\n`);
    expect(unified).toContain(`-${p4}\n`);
    expect(unified).toContain('~');
    expect(unified).toMatch(/^@@ -5,5 \+5,5 @@$/m);
  });

  it('diffs the card fields and the title too', () => {
    const card = { title: '原标题', author: null, publishedText: '2026.03.02', publishedAt: null, sourceName: '本地论坛', sourceUrl: null, topics: [{ name: '食品安全', url: null }], collection: null, copyright: null };
    const diff = diffVersions(version({ card }), version({ title: '家长追问食堂采购单', card: { ...card, topics: [{ name: '校园', url: null }] } }));
    const changed = diff.rows.filter((row) => row.op === 'replace').map((row) => (row.op === 'replace' ? row.to : ''));
    expect(changed).toEqual(['# 家长追问食堂采购单', 'card.topics: 校园']);
  });
});

describe('side-by-side HTML', () => {
  it('escapes hostile text so that it shows as text and runs nothing', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "引号" \'单引号\' \u0000';
    const diff = diffVersions(version(), version({ title: hostile, markdown: `${ORIGINAL_PARAGRAPHS[0]}\n\n<iframe src="https://evil.example"></iframe>` }));
    const html = diffDocumentHtml(diff, { from: 'v1 <b>', to: 'v2 "x"' }, `diff of ${hostile}`);
    expect(html).not.toMatch(/<script|<img|<iframe|onerror="/i);
    expect(html).not.toContain('\u0000');
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script, img, iframe').length).toBe(0);
    expect(document.querySelector('title')!.textContent).toBe(`diff of ${hostile.replace('\u0000', '')}`);
    const right = [...document.querySelectorAll('tr.replace td.to, tr.insert td.to')].map((cell) => cell.textContent);
    expect(right).toContain(`# ${hostile.replace('\u0000', '')}`);
    expect(right).toContain('<iframe src="https://evil.example"></iframe>');
    expect([...document.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['v1 <b>', 'v2 "x"']);
  });

  it('marks removed words in <del> on the left and added words in <ins> on the right', () => {
    const diff = diffTexts(['上海发布了新的通知', '不变的一行'], ['上海撤回了新的通知', '不变的一行']);
    const { document } = parseHTML(diffDocumentHtml(diff, labels, 'diff'));
    const row = document.querySelector('tr.replace')!;
    expect(row.querySelector('td.from del')!.textContent).toBe('发布');
    expect(row.querySelector('td.to ins')!.textContent).toBe('撤回');
    expect(row.querySelector('td.from')!.textContent).toBe('上海发布了新的通知');
    expect(document.querySelectorAll('tr.equal').length).toBe(1);
  });
});
