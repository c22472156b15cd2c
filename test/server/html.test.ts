/** The app's HTML template escapes whatever it is given, and links to the live web are http(s) or inert. */
import { describe, expect, it } from 'vitest';
import { html, liveLink, raw } from '../../src/server/html.ts';

describe('the HTML template', () => {
  it('escapes interpolated text, in content and in attributes, and keeps markup made by html or raw', () => {
    const title = '<script>alert(1)</script> "删除" & \'涨价\'';
    const out = html`<a title="${title}">${title}</a>${html`<b>${'<i>'}</b>`}${raw('<hr>')}`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(1)&lt;/script&gt; &quot;删除&quot; &amp; &#39;涨价&#39;">&lt;script&gt;alert(1)&lt;/script&gt; &quot;删除&quot; &amp; &#39;涨价&#39;</a><b>&lt;i&gt;</b><hr>',
    );
  });

  it('makes a hostile link from an archived page inert', () => {
    expect(html`<a href="${liveLink('javascript:alert(document.domain)')}">x</a>`.value).toBe('<a href="#">x</a>');
    expect(html`<a href="${liveLink(' data:text/html,<script>1</script>')}">x</a>`.value).toBe('<a href="#">x</a>');
    expect(html`<a href="${liveLink('https://mp.weixin.qq.com/s/abc?x=1&y="2"')}">x</a>`.value).toBe('<a href="https://mp.weixin.qq.com/s/abc?x=1&amp;y=&quot;2&quot;">x</a>');
  });
});
