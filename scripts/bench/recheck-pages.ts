/**
 * The pages of the re-check throughput benchmark (`npm run bench:recheck`): CDT article pages of 30 to 60 KB
 * written from phrase lists by a seeded generator and rendered with the demo site's templates, their edited
 * versions, a WeChat removal notice, and the plan saying which page is unchanged, edited, 404 or removed.
 * Pure and deterministic: the same seed and post id always give the same bytes.
 */
import { CATEGORIES, COPYRIGHT_SITE, INTRO_CURRENT, type DemoArticle } from '../demo-site/content.ts';
import { renderArticlePage, renderNotFoundPage, type RenderContext } from '../demo-site/render.ts';
import { mulberry32, streamSeed } from './prng.ts';

/** The first post id; ids run upwards from here, one per page. */
export const FIRST_POST_ID = 810_001;

/** What a page does between the archiving fetch and the re-check. */
export type PageFate = 'unchanged' | 'changed' | 'not_found' | 'soft_deleted';

/** Shares of the fates (unchanged takes the rest). */
export const FATE_SHARES: Readonly<Record<Exclude<PageFate, 'unchanged'>, number>> = {
  changed: 0.03,
  not_found: 0.01,
  soft_deleted: 0.01,
};

/** Every page's post id and fate. */
export interface PagePlan {
  ids: number[];
  fates: Map<number, PageFate>;
  counts: Record<PageFate, number>;
}

/**
 * Assigns fates: exact counts (the shares rounded), spread over the ids by a seeded shuffle so removed and
 * edited pages are not bunched at one end of the run.
 */
export function planPages(pages: number, seed: number): PagePlan {
  const ids = Array.from({ length: pages }, (_, i) => FIRST_POST_ID + i);
  const shuffled = [...ids];
  const random = mulberry32(streamSeed(seed, 'fates'));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const counts: Record<PageFate, number> = {
    changed: Math.round(pages * FATE_SHARES.changed),
    not_found: Math.round(pages * FATE_SHARES.not_found),
    soft_deleted: Math.round(pages * FATE_SHARES.soft_deleted),
    unchanged: 0,
  };
  counts.unchanged = pages - counts.changed - counts.not_found - counts.soft_deleted;
  const fates = new Map<number, PageFate>(ids.map((id) => [id, 'unchanged']));
  let at = 0;
  for (const fate of ['changed', 'not_found', 'soft_deleted'] as const) {
    for (let n = 0; n < counts[fate]; n++) fates.set(shuffled[at++]!, fate);
  }
  return { ids, fates, counts };
}

/** The path of a post's page. */
export function postPath(id: number): string {
  return `/chinese/${id}.html`;
}

// ---- Phrase lists. Written for this benchmark; combined they give sentences that read like CDT's reports. ----

const TIMES = [
  '上周五', '今年三月', '当天下午', '去年年底', '事发前一晚', '本月初', '次日凌晨', '过去半年里', '春节前后', '十月中旬',
  '周末两天', '两年前', '清明假期', '开学第一周', '暴雨过后', '封控解除后不久', '年中考核前', '国庆长假期间',
];
const PLACES = [
  '某市开发区', '城郊的安置小区', '省会的一家三甲医院', '沿海一座工业城市', '县城的一所中学', '一处地铁施工工地',
  '市政府信访办门口', '一家外卖站点', '老城区的菜市场', '一所高校的宿舍区', '西南山区的一个村子', '城中村的出租屋',
  '一座烂尾楼的工地', '机场附近的物流园', '一家民营养老院', '郊区的垃圾焚烧厂附近', '一个拆迁中的老街区', '区法院外',
];
const SUBJECTS = [
  '当地居民', '一名外卖骑手', '几位退休教师', '街道办工作人员', '多名学生家长', '一位基层医生', '部分业主',
  '一名大学生', '涉事企业的负责人', '村委会主任', '代理此案的律师', '一位调查记者', '不少网友', '几名环保志愿者',
  '小区物业公司', '城管队员', '派出所民警', '讨薪的工人', '一名独立导演', '社区网格员', '一位出租车司机',
  '医院的护士', '两名实习生', '当地宣传部门',
];
const PREDICATES = [
  '向有关部门反映了', '在网上公开了', '用手机拍下了', '花了一个月整理出', '公开质疑', '要求当地政府公开',
  '一直拒绝解释', '多次投诉', '联名反对', '连夜删除了', '悄悄修改了', '集体讨要', '披露了', '逐条核实了',
  '转发了', '撤回了', '在群里讨论', '提交了关于', '递交了', '追问',
];
const OBJECTS = [
  '拖欠了八个月的工资', '拆迁补偿方案', '核酸检测机构的账目', '学校食堂的卫生问题', '河道被污染的视频',
  '住院费用清单', '封控期间物资分配的记录', '烂尾楼的交付时间表', '一份标注“内部”的通知', '事故现场的照片',
  '被删除帖子的截图', '疫苗不良反应的报告', '征地合同的原件', '政府采购的明细', '暴雨中的求助信息',
  '急诊室排队的情况', '工厂排放的检测数据', '养老金调整的细则', '招生名额的分配办法', '小区业委会的选举结果',
  '派出所出具的训诫书', '公交线路停运的说明', '补贴发放的名单',
];
const CONSEQUENCES = [
  '引发大量转发', '随后相关话题从热搜榜上消失', '评论区很快被关闭', '当地官方至今没有正式回应',
  '事件在两天内持续发酵', '多家媒体的报道随后被撤下', '发帖账号被禁言十五天', '发帖人第二天被约谈',
  '不少网友表示担忧', '讨论很快转移到了其他平台', '有关部门称将“依法处理”', '涉事单位发布了一份简短声明',
  '相关视频的播放量在一夜之间清零', '搜索结果只剩下官方通报',
];
const SOURCES = [
  '财新', '澎湃新闻', '一家地方都市报', '多名知情人士', '当地政府的通报', '中国数字时代获得的资料',
  '网友提供的截图', '法院公开的判决书', '一份流传的会议纪要', '当事人的家属',
];
const PLATFORMS = ['微博', '微信朋友圈', '抖音', '知乎', '豆瓣小组', '小红书', 'B站', '百度贴吧', '快手'];
const FATES = [
  '很快被删除', '被设为仅自己可见', '显示“该内容已被删除”', '在几个小时后就无法打开', '被平台限流',
  '在被举报后下架', '连同评论区一起消失',
];
const CONNECTORS = [
  '与此同时', '然而', '值得注意的是', '事实上', '此后', '另一方面', '据了解', '不过', '更早之前', '在此期间',
  '截至发稿时', '有分析人士指出',
];
const SPEAKERS = ['一位不愿具名的居民', '受访的工人', '那位医生', '其中一名家长', '发帖的网友', '一位律师', '一名老师'];
const QUOTES = [
  '我们只是想要一个说法。', '没有人告诉我们到底发生了什么。', '删帖解决不了问题。', '这件事不能就这样过去。',
  '我们不知道还能去哪里反映。', '希望有人能把这些记下来。', '说真话的人不应该被处理。',
  '他们让我们等通知，可通知一直没有来。', '我只想知道钱去了哪里。', '这不是第一次了，也不会是最后一次。',
];
const HEADINGS = [
  '一、事情的起因', '二、被删除的帖子', '三、官方的说法', '四、没有回答的问题', '五、网友的记录', '六、之后发生了什么',
  '七、类似的先例', '八、仍在等待',
];
const NICKNAMES = [
  '知更鸟不睡觉', '青山在', '老周的周', '半夏', '一只路过的猫', 'BlueHour', '雪落无声', '渡口', '夏至未至', '南方有雨',
  '北纬三十度', '橘子汽水', '沉默的大多数', '城南旧事', '无名氏2023', '赶路人', '小满', '长夜', '灯塔看守人', '木鱼',
];
const COMMENT_LINES = [
  '删帖的速度比事情发展的速度还快。', '截图我存好了。', '通报说“不实”，那到底是哪一句不实？', '又是熟悉的剧本。',
  '我们需要的不是“批评教育”，是真相。', '以后遇到事情，先截图再说话。', '评论区关了，问题还在。',
  '能不能逐条回应一下？', '每一次都是先辟谣，后道歉。', '希望这次能有个结果。', '转发也会被限流，大家且看且珍惜。',
  '这篇还能看到多久？',
];
const TAGS = [
  '删帖', '维权', '拆迁', '讨薪', '疫情', '封控', '健康码', '公共卫生', '环境污染', '教育', '养老金', '烂尾楼', '信访',
  '言论自由', '新闻审查', '网络管控', '暴雨', '基层治理',
];
const AUTHORS = ['林溪', '周未', '沈砚', '唐棠', '阿榕', '江蓠', '顾北', '陈默'];
const TITLE_TAILS = ['，网友：', '之后', '背后', '：一份记录', '调查', '始末', '，官方回应', '引发争议'];

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function sentence(random: Random): string {
  switch (Math.floor(random() * 7)) {
    case 0:
      return `${pick(random, TIMES)}，${pick(random, PLACES)}的${pick(random, SUBJECTS)}${pick(random, PREDICATES)}${pick(random, OBJECTS)}。`;
    case 1:
      return `据${pick(random, SOURCES)}，${pick(random, SUBJECTS)}${pick(random, PREDICATES)}${pick(random, OBJECTS)}，${pick(random, CONSEQUENCES)}。`;
    case 2:
      return `有网友在${pick(random, PLATFORMS)}发帖称，${pick(random, PLACES)}的${pick(random, SUBJECTS)}${pick(random, PREDICATES)}${pick(random, OBJECTS)}，但帖子${pick(random, FATES)}。`;
    case 3:
      return `${pick(random, CONNECTORS)}，${pick(random, SUBJECTS)}${pick(random, PREDICATES)}${pick(random, OBJECTS)}。`;
    case 4:
      return `${pick(random, SPEAKERS)}对记者说：“${pick(random, QUOTES)}”`;
    case 5:
      return `${pick(random, SUBJECTS)}表示，${pick(random, OBJECTS)}至今没有公开，${pick(random, CONSEQUENCES)}。`;
    default:
      return `${pick(random, TIMES)}，有关${pick(random, OBJECTS)}的讨论在${pick(random, PLATFORMS)}上出现，${pick(random, CONSEQUENCES)}。`;
  }
}

function paragraph(random: Random): string {
  const count = 3 + Math.floor(random() * 5);
  let text = '';
  for (let i = 0; i < count; i++) text += sentence(random);
  return `<p>${text}</p>`;
}

function titleOf(id: number, seed: number): { title: string; column: string | null } {
  const random = mulberry32(streamSeed(seed, `title:${id}`));
  const column = random() < 0.6 ? pick(random, CATEGORIES.slice(0, 3)) : null;
  const headline = `${pick(random, PLACES)}${pick(random, SUBJECTS)}${pick(random, PREDICATES)}${pick(random, OBJECTS)}${pick(random, TITLE_TAILS)}`;
  return { title: column ? `【${column}】${headline}` : headline, column };
}

/** Publication times: one post every 47 minutes backwards from a fixed day, so dates never depend on the clock. */
function publishedAtOf(id: number): string {
  const base = Date.UTC(2024, 5, 30, 4, 0, 0);
  const at = new Date(base - (id - FIRST_POST_ID) * 47 * 60_000 + 8 * 3_600_000);
  return `${at.toISOString().slice(0, 19)}+08:00`;
}

/** Target whole-page sizes in bytes; a page lands within about a kilobyte of a size drawn between them. */
export interface PageSize {
  minBytes: number;
  maxBytes: number;
}

/** The re-check benchmark's pages: 30 to 60 KB. */
export const DEFAULT_PAGE_SIZE: PageSize = { minBytes: 30_000, maxBytes: 59_000 };
/** Chrome, card and comments come to about 13 KB; the body fills the rest of the page. */
const CHROME_BYTES = 13_000;

/**
 * A post as the demo site's renderer takes it. `edit` > 0 gives the edited version (one paragraph rewritten, a
 * note added). `size` changes how long bodies run; the default keeps the bytes the re-check benchmark has always had.
 */
export function buildArticle(id: number, seed: number, edit = 0, size: PageSize = DEFAULT_PAGE_SIZE): DemoArticle {
  const random = mulberry32(streamSeed(seed, `post:${id}`));
  const { title, column } = titleOf(id, seed);
  const publishedAt = publishedAtOf(id);
  const bodyBytes = size.minBytes - CHROME_BYTES + Math.floor(random() * (size.maxBytes - size.minBytes));
  const parts: string[] = [];
  let bytes = 0;
  let heading = 0;
  while (bytes < bodyBytes) {
    const roll = random();
    let part: string;
    if (roll < 0.06 && heading < HEADINGS.length) part = `<h2>${HEADINGS[heading++]}</h2>`;
    else if (roll < 0.09) part = `<p><img src="{site}/chinese/files/2024/${String(1 + (id % 12)).padStart(2, '0')}/${id}-${parts.length}.jpg" alt="file"></p>`;
    else if (roll < 0.13) part = `<blockquote>${paragraph(random)}</blockquote>`;
    else part = paragraph(random);
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  if (edit > 0) {
    const editRandom = mulberry32(streamSeed(seed, `edit:${id}:${edit}`));
    const at = parts.findIndex((part, i) => i >= parts.length / 3 && part.startsWith('<p>') && !part.includes('<img'));
    if (at >= 0) parts[at] = paragraph(editRandom);
    parts.push(`<p>（更新：${pick(editRandom, CONNECTORS)}，${pick(editRandom, SUBJECTS)}${pick(editRandom, PREDICATES)}${pick(editRandom, OBJECTS)}。本文已据此修改。）</p>`);
  }
  const tags = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, TAGS)))];
  const categories = [...new Set([column ?? pick(random, CATEGORIES), pick(random, CATEGORIES)])];
  const author = pick(random, AUTHORS);
  const withCard = random() < 0.5;
  const withComments = random() < 0.4;
  return {
    id,
    slugPath: null,
    title,
    publishedAt,
    poster: pick(random, AUTHORS),
    categories,
    tags,
    leadHtml: '',
    // No 来源 link: an archive card citing an original would make the crawl track that original as a page too.
    card: withCard
      ? {
          title: title.replace(/^【[^】]+】/, ''),
          author,
          published: publishedAt.slice(0, 10).replace(/-/g, '.'),
          topics: tags.map((tag) => ({ name: tag, href: `{site}/chinese/tag/${encodeURIComponent(tag)}/` })),
          copyright: COPYRIGHT_SITE,
        }
      : null,
    bodyHtml: parts.join(''),
    comments: withComments
      ? {
          intro: INTRO_CURRENT,
          items: Array.from({ length: 4 + Math.floor(random() * 8) }, () => {
            const line = `${pick(random, NICKNAMES)}：${pick(random, COMMENT_LINES)}`;
            return random() < 0.3 ? `${line}\n> ${pick(random, NICKNAMES)}：${pick(random, COMMENT_LINES)}` : line;
          }),
        }
      : null,
    encoding: 'utf-8',
    status: 'live',
  };
}

/** Titles only, for the sidebar's recent posts and the post navigation. */
function stubArticle(id: number, seed: number): DemoArticle {
  return {
    id, slugPath: null, title: titleOf(id, seed).title, publishedAt: publishedAtOf(id), poster: '', categories: [],
    tags: [], leadHtml: '', card: null, bodyHtml: '', comments: null, encoding: 'utf-8', status: 'live',
  };
}

/** The HTML of a post's page (the edited version when `edit` > 0), as UTF-8 bytes. */
export function renderPage(id: number, seed: number, site: string, edit = 0, size: PageSize = DEFAULT_PAGE_SIZE): Buffer {
  const recent = Array.from({ length: 10 }, (_, i) => stubArticle(id + 1 + i, seed));
  const ctx: RenderContext = { site, recent };
  const html = renderArticlePage(buildArticle(id, seed, edit, size), ctx, stubArticle(id - 1, seed), stubArticle(id + 1, seed));
  return Buffer.from(html, 'utf8');
}

/** The site's 404 page. */
export function renderMissingPage(site: string): Buffer {
  return Buffer.from(renderNotFoundPage({ site, recent: [] }), 'utf8');
}

/**
 * What WeChat serves in place of an article its author deleted, with HTTP 200: the page titled 微信公众平台
 * with the notice in `.global_error_msg`, here served at the CDT URL as a stand-in for a removed page.
 */
export function renderRemovalNotice(): Buffer {
  return Buffer.from(
    `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<link rel="shortcut icon" type="image/x-icon" href="//res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico">
<title>微信公众平台</title>
<style>
body{background-color:#fff;font-family:-apple-system-font,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Hiragino Sans GB","Microsoft YaHei UI","Microsoft YaHei",Arial,sans-serif;}
.page_msg{padding:100px 15px 0;text-align:center}
.page_msg .inner{display:table-cell;vertical-align:middle;text-align:left}
.global_error_msg{font-size:17px;color:#000;line-height:1.4}
.weui-icon_msg{font-size:64px;color:#10aeff}
</style>
</head>
<body id="activity-detail" class="zh_CN wx_wap_page mm_appmsg appmsg_skin_default discuss_tab">
<div class="global_error_page">
<div class="page_msg mini">
<div class="inner">
<span class="msg_icon_wrp"><i class="icon80_smile weui-icon_msg"></i></span>
<div class="msg_content">
<div class="global_error_msg warn">该内容已被发布者删除</div>
</div>
</div>
</div>
</div>
<script nonce="" type="text/javascript">var biz = "" || ""; var sn = "" || ""; var mid = "" || ""; var idx = "" || "";</script>
</body>
</html>
`,
    'utf8',
  );
}
