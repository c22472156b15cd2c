/**
 * Dates as Chinese sources write them, turned into ISO 8601 in Asia/Shanghai (UTC+8 all year, no DST since
 * 1991). Used by every adapter that reads a dateline, an archive card or a feed.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant written as ISO 8601 with the +08:00 offset. */
export function toShanghaiIso(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const CHINESE_DATE =
  /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?/;

/**
 * Parse a date as a source writes it ("2022.12.24", "2022年8月12日 09:20", "2022-08-12T09:20:40+08:00",
 * an RFC 822 feed date). A bare local date stays a date ("2022-12-24"); a time without an offset is read as
 * Shanghai time. Returns null when the text holds no date.
 */
export function parseSourceDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : toShanghaiIso(ms);
  }
  const local = CHINESE_DATE.exec(trimmed);
  if (local) {
    const [, y, mo, d, h, mi, s] = local;
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    if (!validDate(Number(y), Number(mo), Number(d))) return null;
    if (h === undefined) return date;
    return `${date}T${pad(h)}:${pad(mi)}:${pad(s ?? '0')}+08:00`;
  }
  if (/[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}\s+\d{4}/i.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : toShanghaiIso(ms);
  }
  return null;
}

function pad(value: string | undefined): string {
  return (value ?? '0').padStart(2, '0');
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
