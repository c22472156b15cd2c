/**
 * The Epoch Times adapter's URL rules (one key for every form of an article URL) and the bracketed-dateline
 * helpers it shares with secretchina (crawlers/common/bracket-dateline.ts). Page extraction is covered by the
 * golden fixtures in test/fixtures/epochtimes/.
 */
import { describe, expect, it } from 'vitest';
import { editorOfLine, parseBracketDateline, reportersOfByline, writerOfLine } from '../../crawlers/common/bracket-dateline.ts';
import { epochtimesAdapter } from '../../crawlers/epochtimes/index.ts';
import { epochTimesDateFromUrl } from '../../crawlers/epochtimes/urls.ts';
import { adapterForUrl } from '../../crawlers/index.ts';

describe('epochtimes canonicalKey', () => {
  it.each([
    'https://www.epochtimes.com/gb/22/7/6/n13774436.htm',
    'https://www.epochtimes.com/b5/22/7/6/n13774436.htm',
    'http://epochtimes.com/gb/22/7/6/n13774436.html',
    'https://www.epochtimes.com/gb/n13774436.htm',
    'https://www.epochtimes.com/gb/22/7/6/n13774436.htm?utm_source=x#comments',
    // A proxy mirror of the site keeps the path under its own prefix.
    'http://203.0.113.8:10080/epochtimes/gb/22/7/6/n13774436.htm',
  ])('keys %s by its n-number', (url) => {
    expect(epochtimesAdapter.canonicalKey(url)).toBe('epochtimes:n13774436');
  });

  it('gives no key for listings, and falls back to the declared canonical URL', () => {
    expect(epochtimesAdapter.canonicalKey('https://www.epochtimes.com/gb/ncid1349362.htm')).toBeNull();
    expect(epochtimesAdapter.canonicalKey('https://www.epochtimes.com/gb/tag/%E5%8C%BB%E4%BF%9D.html')).toBeNull();
    const extracted = { declaredUrl: 'https://www.epochtimes.com/gb/23/3/14/n13951234.htm' } as Parameters<typeof epochtimesAdapter.canonicalKey>[1];
    expect(epochtimesAdapter.canonicalKey('https://www.epochtimes.com/gb/23/3/14/n13951234p.htm', extracted)).toBe('epochtimes:n13951234');
  });
});

describe('epochtimes roles and hosts', () => {
  it.each([
    ['https://www.epochtimes.com/gb/22/7/6/n13774436.htm', 'article'],
    ['https://www.epochtimes.com/b5/5/7/23/n995100.htm', 'article'],
    ['https://www.epochtimes.com/gb/ncid1349362.htm', 'listing'],
    ['https://www.epochtimes.com/gb/ncid1349362_2.htm', 'listing'],
    ['https://www.epochtimes.com/b5/nf4311_30.htm', 'listing'],
    ['https://www.epochtimes.com/gb/nsc413.htm', 'listing'],
    ['https://www.epochtimes.com/gb/tag/%E9%BB%91%E5%AE%A2.html', 'listing'],
    ['https://www.epochtimes.com/gb/', 'listing'],
    ['https://www.epochtimes.com/gb/about.htm', 'other'],
  ])('%s is %s', (url, role) => {
    expect(epochtimesAdapter.roleOf(new URL(url))).toBe(role);
  });

  it('handles epochtimes.com and its subdomains, not theepochtimes.com', () => {
    expect(adapterForUrl('https://www.epochtimes.com/gb/22/7/6/n13774436.htm')?.id).toBe('epochtimes');
    expect(adapterForUrl('https://epochtimes.com/b5/')?.id).toBe('epochtimes');
    expect(epochtimesAdapter.matches(new URL('https://www.theepochtimes.com/article-123'))).toBe(false);
  });

  it('reads the date an article URL gives', () => {
    expect(epochTimesDateFromUrl('http://www.epochtimes.com/gb/5/7/23/n995100.htm')).toBe('2005-07-23');
    expect(epochTimesDateFromUrl('https://www.epochtimes.com/gb/n995100.htm')).toBeNull();
  });
});

describe('bracket datelines', () => {
  it('reads site, date, byline and the rest of the paragraph', () => {
    expect(parseBracketDateline('【大纪元2022年07月06日讯】（大纪元记者林燕综合报导）美国专家表示……')).toEqual({
      site: '大纪元',
      dateText: '2022年07月06日',
      date: '2022-07-06',
      month: 7,
      day: 6,
      byline: '大纪元记者林燕综合报导',
      rest: '美国专家表示……',
    });
    expect(parseBracketDateline('【看中國2022年6月9日訊】香港多個團體')).toMatchObject({ site: '看中國', date: '2022-06-09', byline: null });
  });

  it('keeps a dateline without a year, with no ISO date', () => {
    expect(parseBracketDateline('【大纪元7月23日讯】正文')).toMatchObject({ dateText: '7月23日', date: null, month: 7, day: 23 });
  });

  it('finds no dateline where the text does not open with one', () => {
    expect(parseBracketDateline('据报道，【大纪元2022年07月06日讯】')).toBeNull();
    expect(parseBracketDateline('【役情最前线】封控小区')).toBeNull();
  });

  it.each([
    ['大纪元记者林燕综合报导', '林燕'],
    ['大紀元記者林燕綜合報導', '林燕'],
    ['大纪元记者李明、王芳纽约报导', '李明、王芳'],
    ['大紀元記者林書亭台灣花蓮報導', '林書亭'],
    ['大纪元记者陈柏州台湾台北报导', '陈柏州'],
    ['英文大纪元记者Eva Lin报导/吴瑞昌编译', 'Eva Lin'],
    ['大纪元记者骆亚编译', '骆亚'],
    ['看中国记者程实综合报导', '程实'],
    ['看中国特约记者田川采访报导', '田川'],
  ])('byline %s names %s', (byline, names) => {
    expect(reportersOfByline(byline)).toBe(names);
  });

  it('names no reporter for a desk byline', () => {
    expect(reportersOfByline('大纪元专题部报导')).toBeNull();
    expect(reportersOfByline(null)).toBeNull();
  });

  it('reads editor and writer lines', () => {
    expect(editorOfLine('责任编辑：林妍')).toBe('林妍');
    expect(editorOfLine('（责任编辑：王文）')).toBe('王文');
    expect(editorOfLine('責任編輯：王佳宜')).toBe('王佳宜');
    expect(editorOfLine('他说责任编辑：谁')).toBeNull();
    expect(writerOfLine('文/林子明')).toBe('林子明');
    expect(writerOfLine('作者：李然 旅美学者')).toBe('李然');
    expect(writerOfLine('文化部门表示')).toBeNull();
  });
});
