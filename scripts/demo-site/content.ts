/**
 * The demo site's articles as data: a small China Digital Times-like archive (WordPress, /chinese/) with
 * archive cards, netizen-comment threads, images, an embed, an old slug-URL post and a GBK-encoded post.
 * Every text here is written for the demo. `{site}` in HTML is replaced by the site's origin when rendering.
 */

/** Placeholder for the site origin (such as http://127.0.0.1:4000) inside the HTML strings below. */
export const SITE_PLACEHOLDER = '{site}';

/** The site's name, as WordPress puts it in titles and feeds. */
export const SITE_NAME = '中国数字时代';

/** The site's tagline. */
export const SITE_DESCRIPTION = '追踪中国网络审查与言论空间';

/** Intro line of a comment thread, the form used from 2021 on. */
export const INTRO_CURRENT = '以下评论由中国数字时代编辑摘自网络：';

/** Intro line of a comment thread, the older form used in 2020. */
export const INTRO_OLD = '以下为中国数字时代编辑摘自网友评论：';

/** 版权说明 of a card for a work the site wrote itself. */
export const COPYRIGHT_SITE =
  '本文由中国数字时代编辑整理，欢迎在注明出处的前提下非商业转载。<a href="{site}/chinese/copyright">查看版权说明全文</a>。';

/** 版权说明 of a card for a work the site archives from elsewhere. */
export const COPYRIGHT_ORIGINAL =
  '本文版权属于原作者。中国数字时代存档此文，只为保存网络上被删除的内容。<a href="{site}/chinese/copyright">查看版权说明全文</a>。';

/** A link in an archive card: visible name and href exactly as the card writes it. */
export interface CardLink {
  name: string;
  href: string;
}

/** The fields of a "CDT 档案卡"; a missing field is not rendered. */
export interface ArchiveCardData {
  title?: string;
  author?: string;
  /** 发表日期 as the card writes it, such as 2022.08.12. */
  published?: string;
  source?: CardLink;
  topics?: CardLink[];
  collection?: CardLink;
  /** HTML of the 版权说明 field. */
  copyright?: string;
}

/** A netizen-comment thread: the bold intro line, then one string per comment paragraph. */
export interface CommentThreadData {
  intro: string;
  /**
   * Each comment as plain text; lines are separated by "\n" and rendered with `<br>`. A line starting with
   * "> " is a reply and is rendered as `&gt; `.
   */
  items: string[];
}

/** One post of the demo site. */
export interface DemoArticle {
  id: number;
  /** For old posts only: the slug permalink path, such as /chinese/2020/03/some-slug/. */
  slugPath: string | null;
  title: string;
  /** ISO 8601 with +08:00. */
  publishedAt: string;
  /** The WordPress user who posted it (feed dc:creator, byline). */
  poster: string;
  categories: string[];
  tags: string[];
  /** HTML placed before the card inside the post content (a lead image, as some posts have). */
  leadHtml: string;
  card: ArchiveCardData | null;
  bodyHtml: string;
  comments: CommentThreadData | null;
  /** How the article page is encoded on the wire. */
  encoding: 'utf-8' | 'gbk';
  /** A deleted post is still linked from a listing but answers 404. */
  status: 'live' | 'deleted';
}

/** Categories in menu order. */
export const CATEGORIES: readonly string[] = ['网络民议', '404文库', '真理部', '图说天朝', 'CDTV', '隐私与监控', '审查与删帖'];

const IMG = (path: string, alt = 'file'): string => `<p><img src="{site}/chinese/files/${path}" alt="${alt}"></p>`;
const CDN_IMG = (path: string, alt = 'file'): string =>
  `<p><img src="{site}/cdn-cgi/image/width=500,fit=scale-down,quality=90/chinese/files/${path}" alt="${alt}"></p>`;
const TAG_LINK = (name: string): CardLink => ({ name, href: `{site}/chinese/tag/${name}` });
const TAG_LINK_ENCODED = (name: string): CardLink => ({ name, href: `{site}/chinese/tag/${encodeURIComponent(name)}/` });
const SPACE = (name: string): CardLink => ({ name, href: `{site}/space/${encodeURIComponent(name)}` });

/** All posts, oldest first. */
export const ARTICLES: readonly DemoArticle[] = [
  {
    id: 700101,
    slugPath: '/chinese/2020/03/clinic-doctor-warning-post-deleted/',
    title: '【网络民议】社区医生的提醒帖被删，网友：删帖的速度比病毒还快',
    publishedAt: '2020-03-18T21:05:12+08:00',
    poster: '林溪',
    categories: ['网络民议', '审查与删帖'],
    tags: ['删帖', '新冠疫情', '吹哨人'],
    leadHtml: '',
    card: null,
    bodyHtml: [
      '<p>3月17日晚，一位自称在某市社区卫生服务中心工作的医生在微博发帖，提醒居民近期就诊时做好防护，并提到所在片区已有多名发热病人被转往定点医院。帖子发出不到两小时，转发超过一万次，随后整条微博连同评论区一起消失。</p>',
      '<p>有网友保存了截图并转到其他平台，但这些转发版本也陆续显示“该内容已被删除”。当地卫健部门次日发布通报，称网传信息“不实”，发帖人已被“批评教育”。</p>',
      IMG('2020/03/clinic-post-screenshot-0317.png', ''),
      '<p>这不是第一次有医护人员因为在网上谈论疫情而被处理。许多网友在评论中说，比起所谓的不实信息，他们更担心的是从此没有人再敢开口。</p>',
    ].join(''),
    comments: {
      intro: INTRO_OLD,
      items: [
        '知更鸟不睡觉：删帖的速度比病毒传播还快。',
        '青山在：通报说“不实”，那到底是哪一句不实？能不能逐条说明？\n> 老周的周：说明了你也看不到，会一起被删。\n> 半夏：不实的标准，就是让领导不高兴。',
        '一只路过的猫：我们需要的不是“批评教育”，是一个还能说话的医生。',
        'BlueHour2020：截图我存好了。\n> 雪落无声：存好了也只能自己看。',
        '渡口：以后生病先刷热搜，再去看医生。',
        '夏至未至：每一次都是先辟谣，后道歉，再然后就没有然后了。',
      ],
    },
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700102,
    slugPath: null,
    title: '【真理部指令】暴雨灾情报道一律以官方通报为准',
    publishedAt: '2021-07-22T14:30:00+08:00',
    poster: '周未',
    categories: ['真理部'],
    tags: ['媒体管控', '暴雨'],
    leadHtml: '',
    card: null,
    bodyHtml: [
      '<p>以下指令来自某地宣传部门，CDT获悉的时间为7月22日，发布时删去了可能暴露来源的细节：</p>',
      '<blockquote><p>各网站、客户端：关于近日暴雨灾情，一律以应急管理部门和当地政府发布的权威信息为准，不得自行统计、引用伤亡数字；不炒作个案，不渲染悲情；涉及地铁站、隧道等具体地点的现场视频不做推送，已推送的及时撤下。各平台加强评论区管理。</p></blockquote>',
      '<p>当天中午起，多个平台上与“隧道”“地铁”有关的话题页无法打开，一些网友自发整理的求助信息文档也被设为“仅自己可见”。</p>',
      '<p>此前收录的同类指令见<a href="{site}/chinese/category/%E7%9C%9F%E7%90%86%E9%83%A8/">真理部</a>栏目。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700103,
    slugPath: null,
    title: '【404文库】封控第十九天：一个楼组长的笔记',
    publishedAt: '2022-04-19T22:10:00+08:00',
    poster: '周未',
    categories: ['404文库', '隐私与监控'],
    tags: ['上海封控', '健康码', '团购'],
    leadHtml: '',
    card: {
      title: '封控第十九天：一个楼组长的笔记',
      author: '阿榕',
      published: '2022.04.19',
      source: { name: '微信公众号“弄堂口的灯”', href: '{site}/origin/mp.weixin.qq.com/s/Qm7xT2pLk9RvBw3ZaYc5Hd' },
      topics: [TAG_LINK('上海封控'), TAG_LINK('健康码')],
      collection: SPACE('公民馆'),
      copyright: COPYRIGHT_ORIGINAL,
    },
    bodyHtml: [
      '<p>早上六点，楼栋群里的第一条消息是“今天还测不测”。没有人回答，因为没有人知道。</p>',
      '<p>我当楼组长是被推上去的。封控第三天，原来的楼组长发烧被带走，群里有人说“你年轻，你来吧”，我就成了四十二户人家的联络人。</p>',
      '<p>这十九天里，我学会了看团购接龙，学会了在凌晨两点抢菜，学会了把居委会的通知翻译成老人能听懂的话。我也学会了一件事：很多问题是没有答案的。</p>',
      '<p>比如，三楼的阿婆问我，她一步都没有出过门，健康码为什么突然变成了黄色。我打了十一次热线，只得到一句“系统原因，请耐心等待”。</p>',
      '<p>比如，隔壁楼的年轻人在群里发了一段物资堆在门口淋雨的视频，第二天他又在群里道歉，说自己“不了解情况”。没有人问他这一夜发生了什么。</p>',
      '<p>我把这些写下来，不是为了抱怨。只是希望以后有人说“一切都很顺利”的时候，还能找到一点别的记录。</p>',
    ].join(''),
    comments: null,
    encoding: 'gbk',
    status: 'live',
  },
  {
    id: 700104,
    slugPath: null,
    title: '北辰观察｜“赋码”之后：谁有权改变你的健康码颜色？',
    publishedAt: '2022-06-16T11:45:00+08:00',
    poster: '林溪',
    categories: ['隐私与监控'],
    tags: ['健康码', '赋码', '个人信息'],
    leadHtml: '<p><img decoding="async" src="{site}/chinese/files/2022/06/health-code-colors.png" alt="file"></p>',
    card: {
      title: '“赋码”之后：谁有权改变你的健康码颜色？',
      author: '沈砚',
      published: '2022.06.15',
      source: { name: '微信公众号“北辰观察”', href: '{site}/origin/mp.weixin.qq.com/s/Vb2nK8sLr4TqXw9EyU1oPc' },
      topics: [TAG_LINK_ENCODED('健康码'), TAG_LINK_ENCODED('赋码')],
      collection: SPACE('老大哥馆'),
      copyright: COPYRIGHT_ORIGINAL,
    },
    bodyHtml: [
      '<p>文 | 沈砚</p><p>编辑 | 唐棠</p>',
      '<p>6月中旬，一些前往外地办理业务的储户发现，自己在没有任何行程异常、核酸结果为阴性的情况下，健康码被转成了红码。他们随后被要求隔离，无法前往银行网点。事后的调查认定，这是一起“擅自赋码”事件。</p>',
      '<p>这件事让很多人第一次意识到：健康码的颜色并不完全由系统根据行程和检测结果自动生成，人工干预的入口一直存在。</p>',
      '<h2>一、赋码的入口在哪里</h2>',
      '<p>按照各地公开的说明，健康码的颜色由“大数据比对”和“人工核定”共同决定。前者包括行程、密接追踪和核酸结果，后者由疾控部门或防控指挥部根据流调情况调整。</p>',
      '<p>问题在于，后者的权限边界、操作记录和复核机制几乎从未公开。</p>',
      '<table><thead><tr><th>环节</th><th>由谁决定</th><th>依据是否公开</th><th>本人能否申诉</th></tr></thead><tbody>',
      '<tr><td>行程比对</td><td>系统自动</td><td>部分公开</td><td>可以</td></tr>',
      '<tr><td>核酸结果</td><td>检测机构</td><td>公开</td><td>可以</td></tr>',
      '<tr><td>密接判定</td><td>流调人员</td><td>不公开</td><td>很难</td></tr>',
      '<tr><td>人工赋码</td><td>防控指挥部</td><td>不公开</td><td>未见渠道</td></tr>',
      '</tbody></table>',
      '<h2>二、被赋码的人能做什么</h2>',
      '<p>几位当事人都提到，他们拨打热线后，得到的回答是“按上级要求”。没有人说得清“上级”是谁，也没有任何书面文件。</p>',
      '<p>一位长期关注行政法的律师说，任何限制公民出行的决定，都应当有明确的法律依据，履行告知义务，并提供救济途径。“如果一个颜色可以被随手改掉，它就不再是防疫工具，而是管理工具。”</p>',
      '<h2>三、数据留下来之后</h2>',
      '<p>随着防疫政策调整，健康码的使用场景会越来越少，但与之绑定的身份、行程和核酸记录不会自动消失。由谁保管、保存多久、何时删除，至今没有清楚的规定。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700105,
    slugPath: null,
    title: '【网络民议】“反诈APP”被要求强制安装，网友：我的手机还是我的吗？',
    publishedAt: '2022-07-02T20:15:00+08:00',
    poster: '林溪',
    categories: ['网络民议', '隐私与监控'],
    tags: ['反诈APP', '隐私', '手机检查'],
    leadHtml: '',
    card: {
      title: '“反诈APP”被要求强制安装，网友：我的手机还是我的吗？',
      author: '中国数字时代',
      source: { name: '中国数字时代', href: ' {site}/chinese/700105' },
      topics: [{ name: '反诈APP', href: '反诈APP' }, TAG_LINK('隐私')],
      collection: SPACE('话语馆'),
      copyright: COPYRIGHT_SITE,
    },
    bodyHtml: [
      '<p>近日，多地网友反映，在办理银行卡、补办手机卡甚至参加单位体检时，被工作人员要求当场下载并注册反诈APP，否则“业务无法办理”。还有网友发帖说，自己在路边被拦下检查手机，对方要看他是否装了这个应用。</p>',
      '<p>该应用在申请权限时要求读取通话记录、短信和已安装应用列表。不少网友质疑：以反诈为名收集这么多个人信息是否必要？又由谁来保证这些信息不被滥用？</p>',
      IMG('2022/07/anti-fraud-app-permissions.png'),
      '<p>相关讨论在微博上持续发酵，“反诈APP强制安装”等话题一度登上热搜，随后被撤下，部分吐槽微博被设为“仅自己可见”。</p>',
    ].join(''),
    comments: {
      intro: INTRO_CURRENT,
      items: [
        '雨后的蜗牛：我的手机还是我的吗？\n> 青柠不加糖：手机是你的，手机里的东西就不一定了。\n> 雨后的蜗牛：所以我是在替别人保管一部手机？\n> 北窗：你只有使用权。',
        '老陈不姓陈：去银行开卡，柜员说不装就不给办。我问依据是什么，她说是“上面要求”。\n后来换了一家银行，结果还是一样。\n> 默默不语：“上面”是个神奇的地方。\n> 小满：“上面”从来不会出现在任何文件上。',
        'night_owl_99:权限列表看得我头皮发麻，通话记录、短信、应用列表全都要。\n> 墨鱼仔:说是反诈，其实是反你。\n> 一只咸鱼：楼上小心被反。',
        '山间小路 ： 骗子还没骗到我，隐私先被收走了。\n> 霜降 ： 骗子至少还要费点功夫。',
        '@阿木木：建议先给各级干部的手机装上，以身作则。\n> @花卷儿：干部的手机是涉密设备，不能装第三方软件。\n> 阿木木：那我们的手机就不算“设备”吗？\n> 路人丙：你没有需要保密的，只有需要被看的。',
        '北窗：朋友被拦下时，对方说：“不装也行，签个字。”签的是什么，没有人告诉他。',
        '星河：当初说健康码只用于防疫，现在你看它都用在哪儿了？',
        '白开水：走在路上被拦下查手机，这在以前是无法想象的事。\n现在大家都习惯了，这才是最可怕的。',
        '橘子汽水：已卸载，已重装，已卸载，已重装……',
      ],
    },
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700106,
    slugPath: null,
    title: '【404文库】被删除的采访：一个县城的核酸账本',
    publishedAt: '2022-07-21T16:40:00+08:00',
    poster: '周未',
    categories: ['404文库', '审查与删帖'],
    tags: ['核酸检测', '地方财政'],
    leadHtml: '',
    card: {
      title: '一个县城的核酸账本',
      source: { name: '微信公众号“县域纪事”', href: '{site}/origin/mp.weixin.qq.com/s/Hk3pW9zQx2LmNc7RtYv8Ba' },
      copyright: COPYRIGHT_ORIGINAL,
    },
    bodyHtml: [
      '<p>编者按：这篇采访发布于7月20日，次日上午原文链接显示“此内容因违规无法查看”。CDT存档如下，略有删节。</p>',
      '<p>在西部一个人口不到三十万的县城，常态化核酸检测进入了第四个月。县财政部门一位不愿具名的工作人员说，仅采样点搭建、检测试剂和外包服务三项，每月支出就接近全县一个季度的教育经费。</p>',
      '<p>“钱是先垫付的，”他说，“检测公司来催款，我们就去催上面，上面说再等等。”</p>',
      '<p>一些采样点的工作人员已经两个月没有拿到工资。一位采样员说，她每天工作十个小时，上一次发薪还是五月初。</p>',
      IMG('2022/07/county-testing-budget.png'),
      '<p>问到这种模式还能维持多久，这位工作人员沉默了很久，最后说：“不是能维持多久的问题，是谁也不敢先停下来。”</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700107,
    slugPath: null,
    title: '【网络民议】某市“便民码”数据库被挂网出售，官方称“正在核实”，网友：我的信息比我先出国',
    publishedAt: '2022-08-12T19:30:00+08:00',
    poster: '林溪',
    categories: ['网络民议', '隐私与监控'],
    tags: ['数据泄露', '健康码', '个人信息'],
    leadHtml: '',
    card: {
      title: '某市“便民码”数据库被挂网出售，网友：我的信息比我先出国',
      author: '中国数字时代',
      published: '2022.08.12',
      source: { name: '微博@数据安全观察站', href: '{site}/origin/weibo.com/6203317745/M2xkQ8aTb' },
      topics: [TAG_LINK('数据泄露'), TAG_LINK('健康码'), TAG_LINK('个人信息')],
      collection: SPACE('老大哥馆'),
      copyright: COPYRIGHT_SITE,
    },
    bodyHtml: [
      '<p>8月11日晚，一则帖子出现在某境外数据交易论坛上。发帖人声称持有某市“便民码”系统约两千万条用户记录，字段包括姓名、手机号、身份证号、住址和历次核酸检测结果，并附上部分样本，标价约合人民币二十万元。</p>',
      IMG('2022/08/forum-post-sample.png'),
      '<p>有网友按样本中的手机号逐一拨打，发现多数号码真实有效，机主信息也能对上。相关截图很快在微博、豆瓣等平台传开。</p>',
      '<p>8月12日上午，该市大数据管理部门对媒体表示“正在核实”，并称“系统运行正常，未发现异常访问”。这条回应发出后不久，多个相关微博话题无法搜索，一家地方媒体的报道页面也变成了“页面不存在”。</p>',
      CDN_IMG('2022/08/topic-removed-1.png'),
      CDN_IMG('2022/08/topic-removed-2.png', ''),
      '<p>值得一提的是，当地推广“便民码”时曾多次公开表示，系统采用“多重加密”，“个人信息绝对安全”。</p>',
    ].join(''),
    comments: {
      intro: INTRO_CURRENT,
      items: [
        '晚风吹过十二楼：我的信息比我先出国了。',
        '木子李：“正在核实”四个字，大概就是最后的回应了。\n> 阿北：下一步是“已删除相关不实信息”。\n> 林间小鹿：再下一步是“发帖人已被依法处理”。',
        '一碗米线：当初不扫码不让进超市，现在泄露了谁负责？\n> 冬瓜排骨汤：谁收集谁负责，可收集的人从来不负责。\n> 阿北：责任和数据一样，都是可以“脱敏”的。',
        '深夜食堂老板：两千万条卖二十万，一条一分钱，这就是我们在他们眼里的价格。',
        'KevinW：建议把泄露的数据库直接当户籍系统用，反正谁都能查。',
        '纸飞机：热搜撤得比回应还快。',
        '岁月静好不了：个人信息保护法表示，我只是个摆设。\n> 云朵很软：法是写给我们遵守的。',
        '长安的荔枝：上次泄露没有下文，这次大概也不会有。',
        '小熊饼干：能不能顺手把数据库里的核酸记录删了，反正也没用了。',
      ],
    },
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 799999,
    slugPath: null,
    title: '【真理部指令】关于某地矿难报道的要求',
    publishedAt: '2022-08-20T15:00:00+08:00',
    poster: '周未',
    categories: ['真理部'],
    tags: [],
    leadHtml: '',
    card: null,
    bodyHtml:
      '<p>CDT收到的一份指令要求，各平台对某地矿难一律转载权威通稿，不派记者前往现场，不做深度报道，不突出遇难人数。</p>',
    comments: null,
    encoding: 'utf-8',
    status: 'deleted',
  },
  {
    id: 700108,
    slugPath: null,
    title: '【CDTV】一段被反复删除的视频：地震当晚，封控小区的门没有打开',
    publishedAt: '2022-09-06T10:20:00+08:00',
    poster: '林溪',
    categories: ['CDTV', '审查与删帖'],
    tags: ['地震', '封控', '视频'],
    leadHtml: '',
    card: {
      title: '地震当晚，封控小区的门没有打开',
      author: 'CDT编辑部',
      published: '2022.09.05',
      source: { name: '微博视频', href: '{site}/origin/weibo.com/tv/show/1034:4810087654321098' },
      copyright: COPYRIGHT_ORIGINAL,
    },
    bodyHtml: [
      '<p>9月5日中午，某省发生6级以上地震，数百公里外的省会城市震感明显。当时这座城市正处于全域静默管理期间。多段网友拍摄的视频显示，地震发生时，一些小区居民跑到楼下，却发现大门上了锁，值守人员以“没有接到通知”为由拒绝开门。</p>',
      '<p>这些视频在微博、抖音等平台上传后，往往几十分钟内就被删除。以下是CDT保存的其中一段：</p>',
      '<p><iframe loading="lazy" title="地震当晚 封控小区居民被拦在门内" width="1080" height="608" src="https://www.youtube.com/embed/Xk4mQ2v8RtA?feature=oembed" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" allowfullscreen=""></iframe></p>',
      '<p>视频里，一名居民对着镜头喊：“地震了还不开门，是要我们在楼里等着吗？”随后画面被人推开，拍摄中断。</p>',
      CDN_IMG('2022/09/locked-gate-screenshot.png'),
      '<p>当地随后表示，“个别小区”存在“处置不当”，已要求“立即整改”。至于相关视频为何被大量删除，没有任何说明。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700109,
    slugPath: null,
    title: '【真理部指令】会议期间从严管理跨平台转载',
    publishedAt: '2022-10-14T09:00:00+08:00',
    poster: '周未',
    categories: ['真理部'],
    tags: ['媒体管控', '转载'],
    leadHtml: '',
    card: null,
    bodyHtml: [
      '<p>CDT收到一份下发给各网站的通知，要求会议期间加强对跨平台转载内容的管理（标题为CDT所拟）：</p>',
      '<blockquote><p>会议期间，各平台对来自境外社交媒体的截图、录屏一律不予推荐；涉及会场周边交通管制、安保措施的内容不转载、不评论；严格落实先审后发，发现问题及时处置并报告。</p></blockquote>',
      '<p>据几位平台审核人员透露，通知下发后，部分平台把截图、转载类内容的人工复审比例提高到了百分之百。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700110,
    slugPath: null,
    title: '【网络民议】一张白纸也被删：网友晒出“空白帖”被屏蔽的截图',
    publishedAt: '2022-11-28T22:40:00+08:00',
    poster: '林溪',
    categories: ['网络民议', '审查与删帖'],
    tags: ['白纸', '删帖'],
    leadHtml: '',
    card: {
      title: '一张白纸也被删：网友晒出“空白帖”被屏蔽的截图',
      author: '中国数字时代',
      source: { name: '中国数字时代', href: '{site}/chinese/700110' },
      topics: [TAG_LINK('白纸'), TAG_LINK('删帖')],
      collection: SPACE('话语馆'),
      copyright: COPYRIGHT_SITE,
    },
    bodyHtml: [
      '<p>11月27日起，不少网友在社交平台上发布内容为空的帖子：没有文字，只有一张白色图片，或者只有一个句号。很快有人发现，这些“什么都没说”的帖子也被删除或限流。</p>',
      IMG('2022/11/blank-post-removed.png'),
      '<p>一些网友转而发布“好好好”“对对对”之类的重复字句，也有人用数学公式、古诗词代替想说的话。这些帖子同样没能留下来。</p>',
    ].join(''),
    comments: {
      intro: INTRO_CURRENT,
      items: [
        '月亮不睡我不睡：连白纸都怕，说明他们自己知道纸上该写什么。',
        '一颗卤蛋：我发了一个句号，提示“内容违规”。请问句号违反了哪一条？\n> 小林同学：句号代表结束，结束是敏感词。\n> 米饭不加葱：你这条回复也快违规了。',
        '江南可采莲：以后是不是连沉默也要先审核？',
        '老猫：白纸是最诚实的帖子。',
        '今天也要加油鸭：我截图了删帖通知，然后截图也被删了。\n> 无名氏：套娃式删除。',
        '风起时：审核员看到一张白纸的时候，心里在想什么？',
      ],
    },
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700111,
    slugPath: null,
    title: '【图说天朝】行程卡下线那天，网友晒出自己的最后一张截图',
    publishedAt: '2022-12-13T18:05:00+08:00',
    poster: '周未',
    categories: ['图说天朝', '隐私与监控'],
    tags: ['行程卡', '个人信息'],
    leadHtml: '',
    card: {
      title: '行程卡下线那天',
      author: 'CDT编辑部',
      topics: [TAG_LINK_ENCODED('行程卡')],
    },
    bodyHtml: [
      '<p>12月13日零时起，行程卡服务正式停止。当天，许多网友在社交平台上晒出自己最后一次查询的截图，有人配文“再见了，星星”，也有人写道：“希望删掉的不只是卡片，还有数据。”</p>',
      IMG('2022/12/itinerary-card-1.png'),
      IMG('2022/12/itinerary-card-2.png'),
      CDN_IMG('2022/12/itinerary-card-3.png'),
      '<p>三家运营商随后发出公告，称行程数据会一并清除。但清除到什么程度、由谁来核验，没有更多说明。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
  {
    id: 700112,
    slugPath: null,
    title: '深蓝评论｜“删除键”握在谁手里：从一次集中清理说起',
    publishedAt: '2022-12-24T21:30:00+08:00',
    poster: '林溪',
    categories: ['404文库', '隐私与监控'],
    tags: ['删除权', '个人信息保护法'],
    leadHtml: '',
    card: {
      title: '“删除键”握在谁手里：从一次集中清理说起',
      author: '陆行舟',
      published: '2022.12.23',
      source: { name: '微信公众号“深蓝评论”', href: '{site}/origin/mp.weixin.qq.com/s/Lr8vT3nYp6QzKa1WmXc4Ed' },
      topics: [TAG_LINK('删除权'), TAG_LINK('个人信息保护法')],
      collection: SPACE('老大哥馆'),
      copyright: COPYRIGHT_ORIGINAL,
    },
    bodyHtml: [
      '<p>作者 | 陆行舟</p>',
      '<p>今年以来，“删除”成了一个高频词。一边是公众要求删除防疫期间收集的个人数据，另一边是平台上不断消失的帖子、文章和账号。两种删除方向相反，却指向同一个问题：删除键究竟握在谁手里？</p>',
      '<h2>想删的，删不掉</h2>',
      '<p>法律规定，处理目的已经实现或者无法实现时，个人信息处理者应当主动删除个人信息。可在现实中，普通人几乎无从得知自己的数据被谁保存、存在哪里，更谈不上行使删除的权利。</p>',
      '<h2>想留的，留不住</h2>',
      '<p>与此同时，一篇文章可以在发布几小时后被“依据相关法律法规”删除，作者收不到具体理由，读者只看到一行灰色提示。被删掉的不只是文字，还有围绕它展开的讨论和记忆。</p>',
      '<p>如果删除只朝一个方向运转，该删的不删，不该删的一删再删，那么所谓的数据治理，最终治理的只是说话的人。</p>',
    ].join(''),
    comments: null,
    encoding: 'utf-8',
    status: 'live',
  },
];
