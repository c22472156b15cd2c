/**
 * Article texts written for the tests (no third-party text): one article, a mirror's near-identical copy of
 * it (a header of its own, a line dropped, a word changed), and an unrelated article on another subject.
 */

export const ORIGINAL_PARAGRAPHS = [
  '三月初，某县一所中学的家长在群里转发了一份食堂采购清单，清单上的冷冻肉来自一家早已被吊销执照的供应商。',
  '家长们把清单和供应商的工商信息截图放在一起，发到了本地论坛。帖子在两个小时内被转发了四百多次。',
  '当晚，县教育局发出通报，称“已责成学校全面自查”，但没有说明清单是否属实，也没有公布供应商的名字。',
  '第二天上午，论坛上的原帖显示“该内容已被删除”，几位转发过帖子的家长说，他们接到了社区工作人员的电话。',
  '一位家长在朋友圈写道：我们只想知道孩子每天吃的是什么，这个问题为什么不能问？',
];

export const ORIGINAL_TEXT = ORIGINAL_PARAGRAPHS.join('\n\n');

/** A mirror's copy: its own header line, the last paragraph dropped, one word changed. */
export const MIRROR_TEXT = [
  '本文转载自网友存档，原文已被删除。',
  ...ORIGINAL_PARAGRAPHS.slice(0, 3),
  ORIGINAL_PARAGRAPHS[3]!.replace('上午', '中午'),
].join('\n\n');

export const UNRELATED_TEXT = [
  '今年春天，城西的老菜市场开始改造，摊主们被安排到临时大棚里继续营业。',
  '卖豆腐的王阿姨说，大棚离公交站远了两站路，老顾客来得少了，每天的豆腐要剩下一半。',
  '街道办表示，新市场预计明年秋天开业，摊位费会比原来高一些，但环境会好很多。',
  '几位摊主算了一笔账：如果生意不回来，涨价后的摊位费相当于他们三个月的收入。',
].join('\n\n');
