/**
 * Reading FreeBuf's `window.__NUXT__` without running it: the Nuxt 2 IIFE with bound parameters, plain objects,
 * JavaScript escapes, things a literal reader cannot know, and the string scan kept as a last resort.
 */
import { describe, expect, it } from 'vitest';
import { readNuxtPost, readState } from '../../crawlers/freebuf/nuxt-state.ts';

describe('readNuxtPost', () => {
  it('binds IIFE parameters to their arguments', () => {
    const script = 'window.__NUXT__=(function(a,b,c){return {data:[{post:{post_title:"T",post_content:"\\u003Cp\\u003Ex\\u003C\\u002Fp\\u003E",post_date:b,user:{nickname:c}}}],error:a}}(null,"2022-12-01 10:00:00","作者"));';
    expect(readNuxtPost([script])).toEqual({
      title: 'T', contentHtml: '<p>x</p>', author: '作者', date: '2022-12-01 10:00:00', tags: [], paidRead: null,
    });
  });

  it('prefers the post whose ID is the page id over related posts', () => {
    const script = 'window.__NUXT__={"data":[{"related":[{"ID":"1","post_title":"别的","post_content":"<p>a</p>"}],"detail":{"ID":"2","post_title":"这篇","post_content":"<p>b</p>","paid_read":1}}]}';
    expect(readNuxtPost([script], '2')).toMatchObject({ title: '这篇', paidRead: true });
    expect(readNuxtPost([script])?.title).toBe('别的');
  });

  it('does not take the signed-in user or a commenter for the author', () => {
    const script = 'window.__NUXT__={data:[{detail:{post_content:"x",comments:[{nickname:"评论者"}]}}],state:{user:{nickname:"访客"}}}';
    expect(readNuxtPost([script])?.author).toBeNull();
  });

  it('falls back to scanning string literals when the state cannot be followed', () => {
    const script = 'window.__NUXT__=someLoader(post_title:"扫描标题",post_content:"<p>扫描</p>",nickname:"甲")';
    expect(readNuxtPost([script])).toMatchObject({ title: '扫描标题', contentHtml: '<p>扫描</p>', author: '甲' });
  });

  it('gives null without a __NUXT__ script or without a post', () => {
    expect(readNuxtPost(['var x = 1;'])).toBeNull();
    expect(readNuxtPost(['window.__NUXT__={data:[{}]}'])).toBeNull();
  });
});

describe('readState', () => {
  it('reads JavaScript escapes', () => {
    expect(readState(`{a:"\\x41\\u0042\\u{1F600}\\'\\n",b:'it\\'s',c:"line\\\ncontinued"}`)).toEqual({ a: "AB😀'\n", b: "it's", c: 'linecontinued' });
  });

  it('reads what it cannot know as undefined and keeps going', () => {
    expect(readState('{d:new Date(5),e:Foo.bar(1,2),f:[1,,2],g:void 0,h:-1.5e2,i:!0,j:"ok"}')).toEqual({
      d: undefined, e: undefined, f: [1, undefined, 2], g: undefined, h: -150, i: undefined, j: 'ok',
    });
  });

  it('never sets a prototype from the page', () => {
    const state = readState('{__proto__:{polluted:true},a:1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives unbalanced or truncated input', () => {
    expect(readState('{a:"x",b:[1,2')).toEqual({ a: 'x', b: [1, 2] });
    expect(readState('{)(]}')).toEqual({});
    expect(readState('(function(a){return {a:a}')).toBeUndefined();
  });
});
