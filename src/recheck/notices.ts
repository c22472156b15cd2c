/**
 * The notices platforms serve in place of deleted, hidden or rate-limited content, and the matcher that finds
 * them in a page's evidence (page-evidence.ts). The re-check classifier in src/recheck decides from the match;
 * adapters add their own notices through `SourceAdapter.notices` (crawlers/adapter.ts).
 */
import type { RemovalNotice } from '../../crawlers/adapter.ts';
import { SHORT_PAGE_CHARS } from './page-evidence.ts';
import type { PageEvidence } from './page-evidence.ts';

// Re-exported so callers of the matcher need not know that the threshold is measured in page-evidence.ts.
export { SHORT_PAGE_CHARS };

/** A notice with its kind and trust settled: what the table holds and what a match reports. */
export interface NoticeRule extends RemovalNotice {
  kind: 'removal' | 'visibility' | 'captcha';
  verified: boolean;
}

/** Where a notice was found: the URL (captcha walls only), the title, the main message or a short page's text. */
export type NoticeWhere = 'url' | 'title' | 'message' | 'short_page';

/** The notice a page shows and where it shows it. */
export interface NoticeMatch {
  rule: NoticeRule;
  where: NoticeWhere;
}

const removal = (platform: string, text: string, removedBy: NoticeRule['removedBy']): NoticeRule => ({
  platform, text, removedBy, kind: 'removal', verified: true,
});
const visibility = (platform: string, text: string, removedBy: NoticeRule['removedBy']): NoticeRule => ({
  platform, text, removedBy, kind: 'visibility', verified: true,
});
const captcha = (platform: string, text: string): NoticeRule => ({
  platform, text, removedBy: 'unknown', kind: 'captcha', verified: true,
});

/**
 * Every notice known from the platforms' pages and public scrapers (see DOMAIN.md, "Removal notices"). The
 * text is written as the platform writes it; matching ignores spacing, punctuation width and 帐号/账号.
 */
export const NOTICE_TABLE: readonly NoticeRule[] = [
  // WeChat public-account articles (mp.weixin.qq.com, page title 微信公众平台).
  removal('wechat', '该内容已被发布者删除', 'author'),
  removal('wechat', '此内容因违规无法查看', 'platform'),
  removal('wechat', '此内容因违规已删除', 'platform'),
  removal('wechat', '此内容被多人投诉，相关的内容无法进行查看。', 'platform'),
  removal('wechat', '该内容被投诉且经审核涉嫌违规', 'platform'),
  removal('wechat', '此内容涉嫌违反相关法律法规', 'platform'),
  removal('wechat', '此内容被投诉且经审核涉嫌侵权，无法查看。', 'platform'),
  removal('wechat', '此帐号已被屏蔽, 内容无法查看', 'platform'),
  removal('wechat', '此账号已自主注销，内容无法查看', 'author'),
  // Without 自主 the notice does not say who closed the account.
  removal('wechat', '此帐号已注销, 内容无法查看', 'unknown'),
  removal('wechat', '该公众号已被封禁', 'platform'),
  // A migration is requested by the account's operator; the article may live on under the new account.
  removal('wechat', '该公众号已迁移', 'author'),
  removal('wechat', '此内容发送失败无法查看', 'unknown'),
  removal('wechat', '链接已过期', 'unknown'),
  visibility('wechat', '根据作者隐私设置，无法查看该内容', 'author'),
  captcha('wechat', '环境异常'),
  captcha('wechat', '当前环境异常，完成验证后即可继续访问。'),
  captcha('wechat', '去验证'),
  captcha('wechat', '访问过于频繁'),

  // Weibo.
  removal('weibo', '抱歉，此微博已被作者删除。', 'author'),
  removal('weibo', '此微博已被原作者删除', 'author'),
  removal('weibo', '该微博因被多人投诉，根据《微博社区公约》，已被删除。', 'platform'),
  removal('weibo', '抱歉，此微博已被删除。', 'platform'),
  removal('weibo', '该微博已被删除', 'platform'),
  removal('weibo', '该账号因被投诉违反法律法规和《微博社区公约》的相关规定，现已无法查看。', 'platform'),
  visibility('weibo', '根据博主设置，此内容无法访问', 'author'),
  visibility('weibo', '抱歉，作者已设置仅展示半年内微博，此微博已不可见。', 'author'),
  visibility('weibo', '由于博主设置，目前内容暂不可见。', 'author'),
  visibility('weibo', '博文涉及营销推广正在审核中，暂时无法传播', 'platform'),
  // Shown for recently deleted posts and for posts the visitor may not see alike, so it cannot prove a removal.
  visibility('weibo', '暂无查看权限', 'unknown'),

  // Zhihu.
  removal('zhihu', '你似乎来到了没有知识存在的荒原', 'unknown'),
  removal('zhihu', '该回答已被删除', 'unknown'),

  // Douban (served with HTTP 200).
  removal('douban', '你要的东西不在这, 到别处看看吧。', 'unknown'),
  removal('douban', '禁止访问', 'unknown'),

  // Generic Chinese sites.
  removal('generic', '内容不存在', 'unknown'),
  removal('generic', '页面不存在', 'unknown'),
  removal('generic', '文章不存在', 'unknown'),
  removal('generic', '内容已删除', 'unknown'),
  removal('generic', '内容已下线', 'unknown'),
  removal('generic', '页面已失效', 'unknown'),
  removal('generic', '该内容已被删除', 'unknown'),
  removal('generic', '页面不存在或已删除', 'unknown'),
  removal('generic', '内容找不到了', 'unknown'),
  removal('generic', '该内容暂时无法查看', 'unknown'),
  // The phrase itself names the author.
  removal('generic', '已被作者删除', 'author'),
  removal('generic', '内容已被下架', 'unknown'),
  removal('generic', '您访问的页面不存在', 'unknown'),
  removal('generic', '未找到页面', 'unknown'),
];

/**
 * WeChat's captcha wall is known by its address, whatever the page says: fetches that trip the rate limit are
 * redirected there.
 */
export const CAPTCHA_URL_RULE: NoticeRule = {
  platform: 'wechat',
  text: 'mp/wappoc_appmsgcaptcha',
  removedBy: 'unknown',
  kind: 'captcha',
  verified: true,
};

/**
 * The form notices are compared in: compatibility forms folded (full-width letters, digits and commas become
 * half-width), lower case, 帐 read as 账, and no whitespace or punctuation, so that 抱歉,此微博已被作者删除 and
 * 抱歉，此微博已被作者删除。 are the same notice.
 */
export function normalizeNoticeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/帐/g, '账')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

interface PreparedRule {
  rule: NoticeRule;
  key: string;
}

const TABLE_PREPARED: readonly PreparedRule[] = prepare(NOTICE_TABLE);

/** A title or main message is a stronger place than a short page's text, which holds navigation and footers too. */
const WHERE_RANK: Record<NoticeWhere, number> = { url: 3, message: 2, title: 2, short_page: 1 };

/**
 * The notice a page shows, or null. A captcha wall (by URL, or by phrase) wins over anything else, since a
 * page behind one says nothing about the content. Text notices count only in the title, the main message, or
 * a page of at most `SHORT_PAGE_CHARS` visible characters: articles about censorship quote these phrases in
 * their bodies. Among several matches the title or message beats the short page, then the longer phrase wins,
 * then the adapter's own notices (`extra`, whose `kind` defaults to removal and `verified` to true) beat the table.
 */
export function matchNotice(evidence: PageEvidence, extra: readonly RemovalNotice[] = []): NoticeMatch | null {
  if (evidence.url.toLowerCase().includes(CAPTCHA_URL_RULE.text)) return { rule: CAPTCHA_URL_RULE, where: 'url' };
  const places = textPlaces(evidence);
  if (places.length === 0) return null;
  const rules = [...prepare(extra.map(withDefaults)), ...TABLE_PREPARED];
  let best: { match: NoticeMatch; score: readonly number[] } | null = null;
  for (const { rule, key } of rules) {
    for (const place of places) {
      if (!place.text.includes(key)) continue;
      const score = [rule.kind === 'captcha' ? 1 : 0, WHERE_RANK[place.where], key.length];
      // Strictly greater: on a tie the earlier rule (an adapter's own) and the earlier place (message) stay.
      if (!best || greater(score, best.score)) best = { match: { rule, where: place.where }, score };
    }
  }
  return best?.match ?? null;
}

/** True only when a match proves, by itself, that the content was removed: a verified removal notice. */
export function isRemovalDecisive(match: NoticeMatch | null): boolean {
  return match !== null && match.rule.kind === 'removal' && match.rule.verified;
}

function withDefaults(notice: RemovalNotice): NoticeRule {
  return { ...notice, kind: notice.kind ?? 'removal', verified: notice.verified ?? true };
}

function prepare(rules: readonly NoticeRule[]): PreparedRule[] {
  // A notice that normalises to nothing would match every page.
  return rules.map((rule) => ({ rule, key: normalizeNoticeText(rule.text) })).filter((prepared) => prepared.key);
}

function textPlaces(evidence: PageEvidence): { where: NoticeWhere; text: string }[] {
  const places: { where: NoticeWhere; text: string }[] = [];
  if (evidence.mainMessage) places.push({ where: 'message', text: normalizeNoticeText(evidence.mainMessage) });
  if (evidence.title) places.push({ where: 'title', text: normalizeNoticeText(evidence.title) });
  if ([...evidence.visibleText].length <= SHORT_PAGE_CHARS && evidence.visibleText) {
    places.push({ where: 'short_page', text: normalizeNoticeText(evidence.visibleText) });
  }
  return places.filter((place) => place.text);
}

function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index] ?? 0;
    const right = b[index] ?? 0;
    if (left !== right) return left > right;
  }
  return false;
}
