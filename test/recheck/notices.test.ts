/**
 * The notice table and its matcher: every notice found where its platform serves it, never when an article
 * quotes it, captcha walls ahead of everything, and page evidence read the way a reader sees the page.
 */
import { describe, expect, it } from 'vitest';
import type { RemovalNotice } from '../../crawlers/adapter.ts';
import {
  CAPTCHA_URL_RULE,
  NOTICE_TABLE,
  SHORT_PAGE_CHARS,
  isRemovalDecisive,
  matchNotice,
  normalizeNoticeText,
} from '../../src/recheck/notices.ts';
import type { NoticeRule, NoticeWhere } from '../../src/recheck/notices.ts';
import { pageEvidence } from '../../src/recheck/page-evidence.ts';

type Expected = [platform: string, text: string, removedBy: NoticeRule['removedBy'], kind: NoticeRule['kind']];

/** What DOMAIN.md says of each notice, written out here so the table is checked against it, not against itself. */
const EXPECTED: Expected[] = [
  ['wechat', '该内容已被发布者删除', 'author', 'removal'],
  ['wechat', '此内容因违规无法查看', 'platform', 'removal'],
  ['wechat', '此内容因违规已删除', 'platform', 'removal'],
  ['wechat', '此内容被多人投诉，相关的内容无法进行查看。', 'platform', 'removal'],
  ['wechat', '该内容被投诉且经审核涉嫌违规', 'platform', 'removal'],
  ['wechat', '此内容涉嫌违反相关法律法规', 'platform', 'removal'],
  ['wechat', '此内容被投诉且经审核涉嫌侵权，无法查看。', 'platform', 'removal'],
  ['wechat', '此帐号已被屏蔽, 内容无法查看', 'platform', 'removal'],
  ['wechat', '此账号已自主注销，内容无法查看', 'author', 'removal'],
  ['wechat', '此帐号已注销, 内容无法查看', 'unknown', 'removal'],
  ['wechat', '该公众号已被封禁', 'platform', 'removal'],
  ['wechat', '该公众号已迁移', 'author', 'removal'],
  ['wechat', '此内容发送失败无法查看', 'unknown', 'removal'],
  ['wechat', '链接已过期', 'unknown', 'removal'],
  ['wechat', '根据作者隐私设置，无法查看该内容', 'author', 'visibility'],
  ['wechat', '环境异常', 'unknown', 'captcha'],
  ['wechat', '当前环境异常，完成验证后即可继续访问。', 'unknown', 'captcha'],
  ['wechat', '去验证', 'unknown', 'captcha'],
  ['wechat', '访问过于频繁', 'unknown', 'captcha'],
  ['weibo', '抱歉，此微博已被作者删除。', 'author', 'removal'],
  ['weibo', '此微博已被原作者删除', 'author', 'removal'],
  ['weibo', '该微博因被多人投诉，根据《微博社区公约》，已被删除。', 'platform', 'removal'],
  ['weibo', '抱歉，此微博已被删除。', 'platform', 'removal'],
  ['weibo', '该微博已被删除', 'platform', 'removal'],
  ['weibo', '该账号因被投诉违反法律法规和《微博社区公约》的相关规定，现已无法查看。', 'platform', 'removal'],
  ['weibo', '根据博主设置，此内容无法访问', 'author', 'visibility'],
  ['weibo', '抱歉，作者已设置仅展示半年内微博，此微博已不可见。', 'author', 'visibility'],
  ['weibo', '由于博主设置，目前内容暂不可见。', 'author', 'visibility'],
  ['weibo', '博文涉及营销推广正在审核中，暂时无法传播', 'platform', 'visibility'],
  ['weibo', '暂无查看权限', 'unknown', 'visibility'],
  ['zhihu', '你似乎来到了没有知识存在的荒原', 'unknown', 'removal'],
  ['zhihu', '该回答已被删除', 'unknown', 'removal'],
  ['douban', '你要的东西不在这, 到别处看看吧。', 'unknown', 'removal'],
  ['douban', '禁止访问', 'unknown', 'removal'],
  ['generic', '内容不存在', 'unknown', 'removal'],
  ['generic', '页面不存在', 'unknown', 'removal'],
  ['generic', '文章不存在', 'unknown', 'removal'],
  ['generic', '内容已删除', 'unknown', 'removal'],
  ['generic', '内容已下线', 'unknown', 'removal'],
  ['generic', '页面已失效', 'unknown', 'removal'],
  ['generic', '该内容已被删除', 'unknown', 'removal'],
  ['generic', '页面不存在或已删除', 'unknown', 'removal'],
  ['generic', '内容找不到了', 'unknown', 'removal'],
  ['generic', '该内容暂时无法查看', 'unknown', 'removal'],
  ['generic', '已被作者删除', 'author', 'removal'],
  ['generic', '内容已被下架', 'unknown', 'removal'],
  ['generic', '您访问的页面不存在', 'unknown', 'removal'],
  ['generic', '未找到页面', 'unknown', 'removal'],
];

/** More than 300 characters of ordinary Chinese prose that holds no notice phrase. */
const ESSAY_HEAD =
  '这是一篇讨论网络内容审查与数字存档的长文。作者回顾了过去十年里社交媒体平台上文章消失的经过，记录了许多读者在转发时' +
  '遇到的提示，并逐一分析这些提示背后的机制。文章指出，平台往往在发布后数小时内处理敏感话题，而存档者需要在第一时间' +
  '保存原文、截图与元数据，才能在日后证明某篇文章曾经存在。作者还采访了多位长期从事网络存档工作的志愿者，他们介绍了如何' +
  '使用定时抓取、多地节点比对以及人工复核来减少误判。';
const ESSAY_TAIL =
  '一位受访者说，最难的不是保存，而是证明：同一个链接在不同时间、不同地点打开，看到的可能完全不同。另一位受访者强调，' +
  '提示文字本身也会随着时间改变，因此必须持续更新规则表，并为每一条规则保留来源与核实状态。文章最后呼吁读者关注公共记忆' +
  '的保存，支持独立的存档项目，并在转发时附上原始链接与发布时间，以便后来的研究者追溯。';

const WECHAT_URL = 'https://mp.weixin.qq.com/s/Abc123xyz';
const WECHAT_CAPTCHA_URL =
  'https://mp.weixin.qq.com/mp/wappoc_appmsgcaptcha?poc_token=HFoo&target_url=https%3A%2F%2Fmp.weixin.qq.com%2Fs%2FAbc';

/** Script that a real WeChat page carries; long enough to make the page long if it were counted as text. */
const WECHAT_SCRIPT = `<script>var msg_title = "一篇文章"; var msg_desc = "${'该内容已被发布者删除'.repeat(40)}";</script>`;

interface NoticePage {
  url: string;
  html: string;
  where: NoticeWhere;
}

/** A page showing `text` the way its platform serves it, and where the matcher should find it. */
function noticePage(platform: string, text: string): NoticePage {
  switch (platform) {
    case 'wechat':
      return {
        url: WECHAT_URL,
        where: 'message',
        html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>微信公众平台</title>${WECHAT_SCRIPT}
          <style>.weui-msg{padding-top:36px}</style></head><body>
          <div class="weui-msg"><div class="weui-msg__icon-area"><i class="weui-icon-warn weui-icon_msg"></i></div>
          <div class="weui-msg__text-area"><h2 class="weui-msg__title">${text}</h2><p class="weui-msg__desc"></p></div>
          </div></body></html>`,
      };
    case 'weibo':
      return {
        url: 'https://m.weibo.cn/status/4812345678901234',
        where: 'message',
        html: `<html><head><title>微博-出错了</title></head><body><div class="h5-4box">
          <div class="h5-4img"><img src="https://h5.sinaimg.cn/upload/2016/04/11/319/h5-404.png"></div>
          <p class="h5-4con">${text}</p><a class="btn" href="/">返回首页</a></div></body></html>`,
      };
    case 'zhihu':
      return {
        url: 'https://www.zhihu.com/question/123456/answer/654321',
        where: 'message',
        html: `<html><head><title>知乎</title></head><body><div class="ErrorPage-container"><div class="ErrorPage-text">
          <h1 class="ErrorPage-title">404</h1><p class="ErrorPage-subtitle">${text}</p>
          <a href="https://www.zhihu.com">去往首页</a></div></div></body></html>`,
      };
    case 'douban':
      if (text === '禁止访问') {
        return {
          url: 'https://www.douban.com/group/topic/123456/',
          where: 'title',
          html: `<html><head><title>${text}</title></head><body><div id="content"><p>豆瓣</p></div></body></html>`,
        };
      }
      return {
        url: 'https://www.douban.com/note/123456/',
        where: 'message',
        html: `<html><head><title>豆瓣</title></head><body><div id="db-global-nav"><a href="/login">登录</a>
          <a href="/register">注册</a></div><div id="content"><h2>${text}</h2></div></body></html>`,
      };
    default:
      return {
        url: 'https://news.example.cn/2024/0612/article-88.html',
        where: 'message',
        html: `<html><head><title>${text} - 示例新闻网</title></head><body>
          <nav><a href="/">首页</a> <a href="/china">国内</a> <a href="/world">国际</a></nav>
          <div class="error-page"><p>${text}</p><a href="/">返回首页</a></div>
          <footer>示例新闻网 版权所有</footer></body></html>`,
      };
  }
}

/** A long article with a normal title whose body quotes `text`, shaped like its platform's article pages. */
function quotingArticle(platform: string, text: string): { url: string; html: string } {
  if (platform === 'wechat') {
    return {
      url: WECHAT_URL,
      html: `<html><head><title>一篇关于网络审查的长文</title></head><body><div class="rich_media">
        <h1 class="rich_media_title" id="activity-name">一篇关于网络审查的长文</h1>
        <div class="rich_media_content" id="js_content" style="visibility: hidden;"><p>${ESSAY_HEAD}</p>
        <p>读者常见的提示是：${text}</p><p>${ESSAY_TAIL}</p></div></div></body></html>`,
    };
  }
  return {
    url: 'https://news.example.cn/2024/0612/essay.html',
    html: `<html><head><title>一篇关于网络审查的长文 - 示例周刊</title></head><body><article>
      <h1>一篇关于网络审查的长文</h1><p>${ESSAY_HEAD}</p><blockquote><p>${text}</p></blockquote>
      <p>读者转来的截图上写着“${text}”。</p><p>${ESSAY_TAIL}</p></article></body></html>`,
  };
}

function match(html: string, url = 'https://news.example.cn/a.html', extra: readonly RemovalNotice[] = []) {
  return matchNotice(pageEvidence(html, url), extra);
}

describe('NOTICE_TABLE', () => {
  it('holds exactly the notices DOMAIN.md lists', () => {
    expect(NOTICE_TABLE.map((rule) => rule.text).sort()).toEqual(EXPECTED.map(([, text]) => text).sort());
  });

  it('marks every notice DOMAIN.md states plainly as verified', () => {
    expect(NOTICE_TABLE.every((rule) => rule.verified)).toBe(true);
  });

  it('has no two notices that normalise alike', () => {
    const keys = NOTICE_TABLE.map((rule) => normalizeNoticeText(rule.text));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('matchNotice on a notice page', () => {
  it.each(EXPECTED)('%s: finds %s', (platform, text, removedBy, kind) => {
    const page = noticePage(platform, text);
    const found = match(page.html, page.url);
    expect(found).not.toBeNull();
    expect(found?.rule.text).toBe(text);
    expect(found?.rule.platform).toBe(platform);
    expect(found?.rule.removedBy).toBe(removedBy);
    expect(found?.rule.kind).toBe(kind);
    expect(found?.where).toBe(page.where);
  });
});

describe('matchNotice on a long article quoting a notice', () => {
  it('uses test prose that is long and holds no notice by itself', () => {
    const page = quotingArticle('generic', '');
    const evidence = pageEvidence(page.html, page.url);
    expect([...evidence.visibleText].length).toBeGreaterThan(SHORT_PAGE_CHARS);
    expect(matchNotice(evidence)).toBeNull();
  });

  it.each(EXPECTED)('%s: ignores %s', (platform, text) => {
    const page = quotingArticle(platform, text);
    const evidence = pageEvidence(page.html, page.url);
    expect([...evidence.visibleText].length).toBeGreaterThan(SHORT_PAGE_CHARS);
    expect(evidence.visibleText).toContain(text);
    expect(matchNotice(evidence)).toBeNull();
  });
});

describe('captcha walls', () => {
  it('knows the WeChat captcha address whatever the page says', () => {
    const html = `<html><head><title>一篇关于网络审查的长文</title></head><body><p>${ESSAY_HEAD}${ESSAY_TAIL}</p></body></html>`;
    const found = match(html, WECHAT_CAPTCHA_URL);
    expect(found).toEqual({ rule: CAPTCHA_URL_RULE, where: 'url' });
    expect(found?.rule.kind).toBe('captcha');
    expect(isRemovalDecisive(found)).toBe(false);
  });

  it('finds 环境异常 in the main message and prefers the full sentence', () => {
    const html = `<html><head><title>微信公众平台</title></head><body><div class="weui-msg">
      <div class="weui-msg__text-area"><h2 class="weui-msg__title">环境异常</h2>
      <p class="weui-msg__desc">当前环境异常，完成验证后即可继续访问。</p></div>
      <div class="weui-msg__opr-area"><a class="weui-btn weui-btn_primary" href="#">去验证</a></div></div></body></html>`;
    const found = match(html, WECHAT_URL);
    expect(found?.rule.kind).toBe('captcha');
    expect(found?.rule.text).toBe('当前环境异常，完成验证后即可继续访问。');
    expect(found?.where).toBe('message');
  });

  it('wins over a removal notice in the main message', () => {
    const html = `<html><head><title>微信公众平台</title></head><body>
      <div class="weui-msg__text-area"><h2 class="weui-msg__title">该内容已被发布者删除</h2></div>
      <p class="tips">访问过于频繁，请稍后再试</p></body></html>`;
    const found = match(html, WECHAT_URL);
    expect(found?.rule.kind).toBe('captcha');
    expect(found?.rule.text).toBe('访问过于频繁');
    expect(isRemovalDecisive(found)).toBe(false);
  });

  it('wins by address over a removal notice', () => {
    const page = noticePage('wechat', '此内容因违规无法查看');
    expect(match(page.html, WECHAT_CAPTCHA_URL)?.rule).toEqual(CAPTCHA_URL_RULE);
  });

  it('is not found in a long article that discusses it', () => {
    const page = quotingArticle('wechat', '当前环境异常，完成验证后即可继续访问。去验证');
    expect(match(page.html, page.url)).toBeNull();
  });
});

describe('isRemovalDecisive', () => {
  it('is true for a verified removal notice', () => {
    const page = noticePage('wechat', '该内容已被发布者删除');
    expect(isRemovalDecisive(match(page.html, page.url))).toBe(true);
  });

  it('is false for visibility notices, captcha walls and no match', () => {
    const hidden = noticePage('weibo', '根据博主设置，此内容无法访问');
    const wall = noticePage('wechat', '环境异常');
    expect(isRemovalDecisive(match(hidden.html, hidden.url))).toBe(false);
    expect(isRemovalDecisive(match(wall.html, wall.url))).toBe(false);
    expect(isRemovalDecisive(null)).toBe(false);
  });

  it('is false for an unverified notice that still matches', () => {
    const unverified: RemovalNotice = {
      platform: 'toutiao', text: '该头条文章已无法阅读', removedBy: 'unknown', verified: false,
    };
    const page = noticePage('generic', '该头条文章已无法阅读');
    const found = match(page.html, 'https://www.toutiao.com/article/7300000000000000000/', [unverified]);
    expect(found?.rule).toEqual({ ...unverified, kind: 'removal' });
    expect(found?.where).toBe('message');
    expect(isRemovalDecisive(found)).toBe(false);
  });
});

describe('adapter notices (extra)', () => {
  it('match with kind removal and verified by default', () => {
    const own: RemovalNotice = { platform: 'cdt', text: '本文已被转移至档案库', removedBy: 'author' };
    const html = '<html><head><title>中国数字时代</title></head><body><div class="message">本文已被转移至档案库</div></body></html>';
    const found = match(html, 'https://chinadigitaltimes.net/chinese/700000.html', [own]);
    expect(found).toEqual({ rule: { ...own, kind: 'removal', verified: true }, where: 'message' });
    expect(isRemovalDecisive(found)).toBe(true);
    expect(match(html, 'https://chinadigitaltimes.net/chinese/700000.html')).toBeNull();
  });

  it('keep their own kind and win over a table notice of the same text', () => {
    const own: RemovalNotice = { platform: 'weibo', text: '暂无查看权限', removedBy: 'platform', kind: 'captcha' };
    const page = noticePage('weibo', '暂无查看权限');
    expect(match(page.html, page.url, [own])?.rule).toEqual({ ...own, verified: true });
  });

  it('lose to a longer table notice', () => {
    const own: RemovalNotice = { platform: 'weibo', text: '已被删除', removedBy: 'unknown' };
    const page = noticePage('weibo', '该微博因被多人投诉，根据《微博社区公约》，已被删除。');
    expect(match(page.html, page.url, [own])?.rule.removedBy).toBe('platform');
  });

  it('are ignored when they normalise to nothing', () => {
    const empty: RemovalNotice = { platform: 'x', text: ' ，。 ', removedBy: 'unknown' };
    expect(match('<p>一个正常的短页面</p>', 'https://example.cn/', [empty])).toBeNull();
  });
});

describe('normalised matching', () => {
  it.each([
    ['此账号已被屏蔽，内容无法查看', '此帐号已被屏蔽, 内容无法查看'],
    ['此帐号已被屏蔽,内容无法查看', '此帐号已被屏蔽, 内容无法查看'],
    ['此帐号已自主注销, 内容无法查看', '此账号已自主注销，内容无法查看'],
    ['此账号已注销　内容无法查看', '此帐号已注销, 内容无法查看'],
    ['该帐号因被投诉违反法律法规和《微博社区公约》的相关规定,现已无法查看', '该账号因被投诉违反法律法规和《微博社区公约》的相关规定，现已无法查看。'],
    ['抱歉,此微博已被作者删除', '抱歉，此微博已被作者删除。'],
    ['你要的东西不在这，到别处看看吧', '你要的东西不在这, 到别处看看吧。'],
  ])('reads %s as %s', (shown, text) => {
    const page = noticePage('wechat', shown);
    expect(match(page.html, page.url)?.rule.text).toBe(text);
  });

  it('joins a WeChat notice split over title and description', () => {
    const html = `<html><head><title>微信公众平台</title></head><body><div class="weui-msg__text-area">
      <h2 class="weui-msg__title">此帐号已被屏蔽</h2><p class="weui-msg__desc">内容无法查看</p></div></body></html>`;
    const found = match(html, WECHAT_URL);
    expect(found).toMatchObject({ where: 'message', rule: { text: '此帐号已被屏蔽, 内容无法查看', removedBy: 'platform' } });
  });

  it('folds full-width letters, digits and spacing', () => {
    expect(normalizeNoticeText('ＥＲＲＯＲ　４０４ 您访问的页面不存在！')).toBe('error404您访问的页面不存在');
  });
});

describe('where a notice counts', () => {
  it('counts a title on a long page and prefers the longer phrase', () => {
    const html = `<html><head><title>ERROR 404 您访问的页面不存在</title></head>
      <body><p>${ESSAY_HEAD}${ESSAY_TAIL}</p></body></html>`;
    expect(match(html)).toMatchObject({ where: 'title', rule: { text: '您访问的页面不存在', platform: 'generic' } });
  });

  it('prefers the main message over the short page text', () => {
    const html = `<html><head><title>示例网</title></head><body><p>内容找不到了</p>
      <div class="not-found">页面不存在或已删除</div></body></html>`;
    expect(match(html)).toMatchObject({ where: 'message', rule: { text: '页面不存在或已删除' } });
  });

  it('prefers a title or message match over a longer phrase on the short page', () => {
    const html = `<html><head><title>页面已失效</title></head><body><p>该内容被投诉且经审核涉嫌违规</p></body></html>`;
    expect(match(html)).toMatchObject({ where: 'title', rule: { text: '页面已失效' } });
  });

  it(`counts page text up to ${SHORT_PAGE_CHARS} characters and no further`, () => {
    const notice = '内容已下线';
    const filler = (length: number): string => '档'.repeat(length - notice.length);
    const at = `<html><head><title>示例网</title></head><body><p>${filler(SHORT_PAGE_CHARS)}${notice}</p></body></html>`;
    const over = `<html><head><title>示例网</title></head>
      <body><p>${filler(SHORT_PAGE_CHARS + 1)}${notice}</p></body></html>`;
    expect(pageEvidence(at, 'https://example.cn/').visibleText).toHaveLength(SHORT_PAGE_CHARS);
    expect(match(at)).toMatchObject({ where: 'short_page', rule: { text: notice } });
    expect(match(over)).toBeNull();
  });

  it('ignores a notice kept hidden in a live WeChat article', () => {
    const html = `<html><head><title>一篇关于网络审查的长文</title></head><body>
      <div class="weui-msg" style="display: none"><h2 class="weui-msg__title">该内容已被发布者删除</h2></div>
      <div id="js_content"><p>${ESSAY_HEAD}</p><p>${ESSAY_TAIL}</p></div></body></html>`;
    const evidence = pageEvidence(html, WECHAT_URL);
    expect(evidence.mainMessage).toBeNull();
    expect(matchNotice(evidence)).toBeNull();
  });

  it('does not take a quotation for the main message', () => {
    const html = `<html><head><title>札记</title></head><body><blockquote class="message">此内容因违规无法查看</blockquote>
      <p>${ESSAY_HEAD}${ESSAY_TAIL}</p></body></html>`;
    expect(pageEvidence(html, 'https://example.cn/').mainMessage).toBeNull();
    expect(match(html)).toBeNull();
  });
});

describe('pageEvidence', () => {
  it('reads text a page puts after </body>, or a page with no <body> tag at all, as a browser shows it', () => {
    const after = `<html><head><title>示例网</title></head><body><p>首页</p></body></html><p>内容已下线</p>`;
    expect(pageEvidence(after, 'https://example.cn/').visibleText).toBe('首页 内容已下线');
    expect(match(after)).toMatchObject({ where: 'short_page', rule: { text: '内容已下线' } });
    const bare = `<title>示例网</title><h1>内容已下线</h1><script>var note = '隐藏';</script>`;
    expect(pageEvidence(bare, 'https://example.cn/')).toMatchObject({ title: '示例网', mainMessage: '内容已下线', visibleText: '内容已下线' });
  });

  it('reads a WeChat old-style error page beside its warning icon', () => {
    const html = `<html><head><title>微信公众平台</title></head><body><div class="page_msg"><div class="inner">
      <span class="msg_icon_wrp"><i class="icon_msg warn"></i></span>
      <div class="msg_content"><h4>此内容被投诉且经审核涉嫌侵权，无法查看。</h4></div></div></div></body></html>`;
    const evidence = pageEvidence(html, WECHAT_URL);
    expect(evidence).toEqual({
      url: WECHAT_URL,
      title: '微信公众平台',
      mainMessage: '此内容被投诉且经审核涉嫌侵权，无法查看。',
      visibleText: '此内容被投诉且经审核涉嫌侵权，无法查看。',
    });
    expect(matchNotice(evidence)?.rule).toMatchObject({ removedBy: 'platform', kind: 'removal' });
  });

  it('reads .global_error_msg', () => {
    const html = '<body><div class="global_error_msg warn">\n  此内容因违规无法查看\n</div></body>';
    expect(pageEvidence(html, WECHAT_URL).mainMessage).toBe('此内容因违规无法查看');
  });

  it('takes the first heading of a short page as its message, not of a long one', () => {
    const short = '<html><head><title>示例</title></head><body><h1>文章不存在</h1><p>请返回首页</p></body></html>';
    const long = `<html><head><title>示例</title></head>
      <body><h1>一篇关于网络审查的长文</h1><p>${ESSAY_HEAD}${ESSAY_TAIL}</p></body></html>`;
    expect(pageEvidence(short, 'https://example.cn/').mainMessage).toBe('文章不存在');
    expect(pageEvidence(long, 'https://example.cn/').mainMessage).toBeNull();
  });

  it('leaves out script, style, noscript, template, hidden inputs and hidden elements', () => {
    const html = `<html><head><title> 标题 \n 两行 </title><style>body{content:"样式文字"}</style></head><body>
      <script>document.write("脚本文字")</script><noscript>请开启脚本</noscript><template><p>模板文字</p></template>
      <input type="hidden" name="token" value="隐藏值"><div hidden>隐藏属性</div><p style="color:red; display : none">不显示</p>
      <p>看得见的<b>文字</b></p>
      <p>第二段</p></body></html>`;
    const evidence = pageEvidence(html, 'https://example.cn/');
    expect(evidence.title).toBe('标题 两行');
    expect(evidence.visibleText).toBe('看得见的文字 第二段');
  });

  it('does not count script text towards the page length', () => {
    const page = noticePage('wechat', '该内容已被发布者删除');
    const evidence = pageEvidence(page.html, page.url);
    expect(page.html.length).toBeGreaterThan(SHORT_PAGE_CHARS);
    expect(evidence.visibleText).toBe('该内容已被发布者删除');
  });

  it.each([
    [''],
    ['<'],
    ['<<<>>>'],
    ['<div><p>该内容已被发布者删除'],
    ['</body></html><title>'],
    ['<html><head><title>未闭合'],
    ['\u0000\ufffd<script>'],
    ['<div class="weui-msg__title"><h2 class="weui-msg__title">嵌套</div></h2>'],
  ])('does not throw on %j', (html) => {
    expect(() => matchNotice(pageEvidence(html, 'https://example.cn/'))).not.toThrow();
  });

  it('gives empty evidence for empty input', () => {
    expect(pageEvidence('', 'https://example.cn/')).toEqual({
      url: 'https://example.cn/', title: null, mainMessage: null, visibleText: '',
    });
    expect(matchNotice(pageEvidence('', 'https://example.cn/'))).toBeNull();
  });

  it('still finds a notice in unclosed HTML', () => {
    expect(match('<div><p>该内容已被发布者删除', WECHAT_URL)).toMatchObject({
      where: 'short_page', rule: { text: '该内容已被发布者删除', removedBy: 'author' },
    });
  });
});
