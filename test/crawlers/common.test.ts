/**
 * The shared adapter helpers: dates as Chinese sources write them, and the body sanitiser facing hostile HTML.
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseSourceDate, toShanghaiIso } from '../../crawlers/common/dates.ts';
import { sanitizeBody } from '../../crawlers/common/sanitize-body.ts';
import { splitAuthor } from '../../crawlers/cdt/comments.ts';

describe('parseSourceDate', () => {
  it.each([
    ['2022.12.24', '2022-12-24'],
    ['2022年8月12日', '2022-08-12'],
    ['2022/8/2', '2022-08-02'],
    ['2022年8月12日 09:05', '2022-08-12T09:05:00+08:00'],
    ['2022-08-12T01:20:40Z', '2022-08-12T09:20:40+08:00'],
    ['2022-08-12T09:20:40+08:00', '2022-08-12T09:20:40+08:00'],
    ['Fri, 12 Aug 2022 01:20:40 +0000', '2022-08-12T09:20:40+08:00'],
    ['Mon, 28 Nov 2022 22:40:00 +0800', '2022-11-28T22:40:00+08:00'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseSourceDate(text)).toBe(iso);
  });

  it.each([[null], [''], ['去年夏天'], ['2022.13.40']])('gives null for %j', (text) => {
    expect(parseSourceDate(text)).toBeNull();
  });

  it('writes instants in Shanghai time', () => {
    expect(toShanghaiIso(Date.UTC(2022, 11, 31, 20, 0, 0))).toBe('2023-01-01T04:00:00+08:00');
  });
});

describe('splitAuthor', () => {
  it('splits at the first full-width or ASCII colon and drops a leading @', () => {
    expect(splitAuthor('@小满 ： 说好的：不删')).toEqual({ author: '小满', text: '说好的：不删' });
    expect(splitAuthor('night_owl: ok')).toEqual({ author: 'night_owl', text: 'ok' });
  });

  it('reads a long run of prose before a colon as no author', () => {
    expect(splitAuthor(`${'这是一段很长的话'.repeat(6)}：后面`)).toBeNull();
    expect(splitAuthor('没有冒号的一行')).toBeNull();
  });
});

describe('sanitizeBody', () => {
  const sanitize = (html: string) => {
    const $ = cheerio.load(`<div id="body">${html}</div>`);
    return sanitizeBody($('#body').get(0) as Element, 'https://example.org/chinese/1.html');
  };

  it('drops script, handlers, forms, styles and unsafe links', () => {
    const out = sanitize(
      '<p onclick="steal()">正文<script>alert(1)</script><style>p{}</style></p>' +
        '<a href="javascript:alert(1)">点我</a><form action="https://evil.example/"><input name="q"></form>' +
        '<svg><script>alert(2)</script></svg><img src="x.png" onerror="alert(3)"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    );
    expect(out.html).toBe('<p>正文</p>点我<img src="https://example.org/chinese/x.png">');
    expect(out.html).not.toMatch(/script|onclick|onerror|javascript:|form|refresh/i);
  });

  it('turns embeds into links and resolves relative URLs', () => {
    const out = sanitize('<p><iframe src="//www.youtube.com/embed/abc" title="视频"></iframe></p><p><a href="../tag/审查">审查</a></p>');
    expect(out.embeds).toEqual(['https://www.youtube.com/embed/abc']);
    expect(out.html).toContain('<a href="https://www.youtube.com/embed/abc">[嵌入] 视频</a>');
    expect(out.html).toContain('<a href="https://example.org/tag/%E5%AE%A1%E6%9F%A5">审查</a>');
  });

  it('prefers lazy-load sources and escapes text', () => {
    const out = sanitize('<p><img data-src="/real.png" src="data:image/gif;base64,R0lG" alt="图&quot;一"></p><p>a &lt;b&gt; &amp; c</p>');
    expect(out.images).toEqual(['https://example.org/real.png']);
    expect(out.html).toContain('alt="图&quot;一"');
    expect(out.html).toContain('<p>a &lt;b&gt; &amp; c</p>');
    expect(out.text).toBe('a <b> & c');
  });

  it('keeps paragraphs apart in the text and drops empty ones', () => {
    const out = sanitize('<p>第一段</p><p> </p><div>第二段<br>第二行</div><table><tr><td>甲</td><td>乙</td></tr></table>');
    expect(out.text).toBe('第一段\n\n第二段\n第二行\n\n甲 乙');
    expect(out.html).not.toContain('<p> </p>');
  });
});
