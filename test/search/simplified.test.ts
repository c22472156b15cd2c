/**
 * storage/simplified.ts skips OpenCC's converter for text no t2s rule can change. The shortcut must never
 * differ from the converter: checked on every character, every dictionary entry in context, and mixed text.
 */
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { t2sEntries, toSimplified } from '../../storage/simplified.ts';

const convert = Converter({ from: 't', to: 'cn' });

describe('toSimplified', () => {
  it('gives what the converter gives for every character up to plane 2', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0x2ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (toSimplified(char) !== convert(char)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('gives what the converter gives for every dictionary entry, alone and in simplified text', () => {
    const entries = t2sEntries();
    expect(entries.length).toBeGreaterThan(3_000);
    const differing = entries
      .flatMap(([from]) => [from, `我们${from}说，`, `“${from}”的说法${from}`])
      .filter((text) => toSimplified(text) !== convert(text));
    expect(differing).toEqual([]);
  });

  it('converts traditional text and leaves simplified text as it is', () => {
    expect(toSimplified('衛生署承認資料庫數據洩露，一目瞭然。')).toBe(convert('衛生署承認資料庫數據洩露，一目瞭然。'));
    expect(toSimplified('衛生署承認資料庫數據洩露')).toBe('卫生署承认资料库数据泄露');
    const simplified = '上海多区居民反映健康码无法显示，随申码页面一直转圈。';
    expect(toSimplified(simplified)).toBe(simplified);
    // 一目瞭然 changes through a phrase although none of its characters changes alone.
    expect(toSimplified('大家一目瞭然')).toBe('大家一目了然');
  });
});
