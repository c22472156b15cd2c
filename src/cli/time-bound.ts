/**
 * Ends of a time window as a researcher writes them on the command line: a date (a whole day in Asia/Shanghai,
 * the sources' own zone), a date and time (Shanghai time unless it names an offset), or a duration back from
 * now such as `7d`. Used by the commands that filter by date (`search`).
 */
import { DURATION_PATTERN, parseDuration } from '../config/duration.ts';
import { CliError, EXIT } from './io.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch milliseconds of one end of a window: `since` starts a bare date at its first millisecond, `until`
 * ends it at its last, so `--until 2024-06-01` includes that day. Throws a usage CliError naming `option`.
 */
export function parseTimeBound(value: string, end: 'since' | 'until', option: string, now: number): number {
  const text = value.trim();
  if (DURATION_PATTERN.test(text)) return now - parseDuration(text);
  const day = DATE.exec(text);
  if (day) {
    const start = Date.parse(`${text}T00:00:00+08:00`);
    if (!Number.isNaN(start) && new Date(start + 8 * 3_600_000).toISOString().startsWith(text)) {
      return end === 'since' ? start : start + DAY_MS - 1;
    }
  }
  const moment = DATE_TIME.exec(text);
  if (moment) {
    const at = Date.parse(`${text.replace(' ', 'T')}${moment[1] ? '' : '+08:00'}`);
    if (!Number.isNaN(at)) return at;
  }
  throw new CliError(
    `${option} "${value}" is not a date: write a day (2024-06-01), a time (2024-06-01T08:30, Shanghai time unless it ends in Z or +hh:mm) or a duration back from now (7d, 12h)`,
    EXIT.usage,
  );
}
