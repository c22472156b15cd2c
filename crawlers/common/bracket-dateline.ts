/**
 * The bracketed dateline that overseas Chinese news sites open an article with, such as
 * 【大纪元2022年07月06日讯】（大纪元记者林燕综合报导） or 【看中国2020年12月2日讯】, with its reporter byline,
 * and the 责任编辑 line they close it with. Shared by the Epoch Times and secretchina adapters (and, through
 * them, the mirrors adapter).
 */
import { parseSourceDate } from './dates.ts';

/** What a bracketed dateline says. */
export interface BracketDateline {
  /** The site named before the date (大纪元, 看中国), or null. */
  site: string | null;
  /** The date as the dateline writes it: "2022年07月06日", or "7月23日" in older datelines without a year. */
  dateText: string;
  /** The same date as an ISO date ("2022-07-06"), or null when it has no year or is no real date. */
  date: string | null;
  /** The month and day, which even a dateline without a year gives. */
  month: number;
  day: number;
  /** The text of the parenthesis right after the dateline ("大纪元记者林燕综合报导"), or null. */
  byline: string | null;
  /** The text after the dateline and its byline. */
  rest: string;
}

const DATELINE =
  /^\s*【\s*([^【】\d]{0,12}?)\s*((?:\d{4}\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*[讯訊]?\s*】\s*(?:[（(]([^（）()]{1,80})[）)])?/;
const EDITOR = /^\s*[（(【]?\s*(?:责任编辑|責任編輯|责编|責編)\s*[：:]\s*(.+?)\s*[）)】]?\s*$/;
const WRITER = /^\s*(?:文|作者)\s*[/／:：|｜]\s*([^\s，。,；;（）()]{2,24})/;
/** "记者" opens the names in a byline; what follows the names says how the report was made. */
const REPORTER = /(?:记者|記者)\s*(.+?)\s*(?:综合|綜合|采访|採訪|联合|聯合|现场|現場)?(?:报导|報導|报道|報道|编译|編譯|整理|撰文|撰稿)?\s*$/;
const NAME_SEPARATORS = /\s*[、，,和及与與]\s*/;
/**
 * Places a byline names after the reporters ("纽约报导", "台湾花莲报导"). Bylines write no separator between name
 * and place, so a place is told apart from the name only when it is known here: from a country or region on,
 * the rest is place; a known city at the end is place.
 */
const REGIONS = [
  '台湾', '台灣', '臺灣', '美国', '美國', '加拿大', '澳洲', '日本', '韩国', '韓國', '德国', '德國', '法国', '法國', '英国',
  '英國', '欧洲', '歐洲', '香港', '澳门', '澳門', '新加坡', '马来西亚', '馬來西亞',
];
const CITIES = [
  '纽约州', '紐約州', '纽约', '紐約', '华盛顿', '華盛頓', '洛杉矶', '洛杉磯', '旧金山', '舊金山', '芝加哥', '波士顿', '波士頓',
  '休斯顿', '休斯頓', '西雅图', '西雅圖', '亚特兰大', '亞特蘭大', '费城', '費城', '多伦多', '多倫多', '温哥华', '溫哥華',
  '蒙特利尔', '蒙特利爾', '渥太华', '渥太華', '悉尼', '雪梨', '墨尔本', '墨爾本', '奥克兰', '奧克蘭', '伦敦', '倫敦', '巴黎',
  '柏林', '法兰克福', '法蘭克福', '慕尼黑', '罗马', '羅馬', '东京', '東京', '大阪', '首尔', '首爾', '台北', '臺北', '新北',
  '台中', '臺中', '台南', '臺南', '高雄', '桃园', '桃園', '新竹', '北京', '上海', '广州', '廣州', '深圳', '武汉', '武漢',
  '成都', '加州', '德州', '美东', '美東', '美西',
];

/** Read the dateline a text opens with, or null when it opens with none. */
export function parseBracketDateline(text: string): BracketDateline | null {
  const match = DATELINE.exec(text);
  if (!match) return null;
  const [whole, site, written, month, day, byline] = match as unknown as [string, string, string, string, string, string | undefined];
  const dateText = written.replace(/\s+/g, '');
  return {
    site: site.trim() || null,
    dateText,
    date: /^\d{4}年/.test(dateText) ? parseSourceDate(dateText) : null,
    month: Number(month),
    day: Number(day),
    byline: byline?.trim() || null,
    rest: text.slice(whole.length).trim(),
  };
}

/**
 * The reporters a byline names ("大纪元记者李明、王芳纽约报导" gives "李明、王芳"), or null when it names none
 * ("大纪元专题部报导"). Of "X报导/Y编译" the reporter X is kept, not the translator.
 */
export function reportersOfByline(byline: string | null | undefined): string | null {
  if (!byline) return null;
  for (const segment of byline.split(/\s*[/／]\s*/)) {
    const names = REPORTER.exec(segment)?.[1];
    if (!names) continue;
    const list = names
      .split(NAME_SEPARATORS)
      .map((name) => name.trim())
      .filter(Boolean);
    const last = list.length - 1;
    if (last >= 0) list[last] = withoutTrailingPlaces(list[last] as string);
    const found = list.filter(Boolean);
    if (found.length) return found.join('、');
  }
  return null;
}

/** The name of a 责任编辑 line ("责任编辑：林妍" gives "林妍"), or null when the text is no such line. */
export function editorOfLine(text: string): string | null {
  const name = EDITOR.exec(text)?.[1]?.trim();
  return name || null;
}

/** The writer a commentary names at its start ("文/王赫", "作者：李然"), or null. */
export function writerOfLine(text: string): string | null {
  return WRITER.exec(text)?.[1] ?? null;
}

function withoutTrailingPlaces(name: string): string {
  const region = REGIONS.map((candidate) => name.indexOf(candidate, 2)).filter((at) => at >= 2);
  let rest = region.length ? name.slice(0, Math.min(...region)) : name;
  for (;;) {
    const city = CITIES.find((candidate) => rest.endsWith(candidate) && rest.length - candidate.length >= 2);
    if (!city) return rest;
    rest = rest.slice(0, -city.length);
  }
}
