/**
 * The ends of a report's window as the CLI takes them: a duration back from now (`7d`, `12h`), or a date or
 * time (`2026-03-01`, `2026-03-01T08:00`, read in Asia/Shanghai unless an offset such as `Z` or `+02:00` is
 * given). A bare date starts a window at the beginning of that day and ends one at its end.
 */
import { DURATION_PATTERN, parseDuration } from '../config/duration.ts';
import { CliError, EXIT } from './io.ts';

const DAY = 86_400_000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseTimeBound(value: string, now: number, flag: string, end: 'start' | 'end'): number {
  const text = value.trim();
  if (DURATION_PATTERN.test(text)) return now - parseDuration(text);
  const match = DATE_TIME.exec(text);
  const at = match ? dateTime(match) : null;
  if (at === null) throw new CliError(`${flag} "${value}" is neither a duration (7d, 12h) nor a date (2026-03-01, 2026-03-01T08:00)`, EXIT.usage);
  // A bare date as the end of a window includes that whole day.
  return match![4] === undefined && end === 'end' ? at + DAY - 1 : at;
}

/** The window from --since and --until (default: now); refuses one that ends before it starts. */
export function parseWindow(since: string, until: string | undefined, now: number): { since: number; until: number } {
  const window = { since: parseTimeBound(since, now, '--since', 'start'), until: until ? parseTimeBound(until, now, '--until', 'end') : now };
  if (window.since > window.until) throw new CliError(`--since ${since} is after --until ${until ?? 'now'}; the window would be empty`, EXIT.usage);
  return window;
}

/** The instant, or null for a date that does not exist (2026-02-30, 25:00). */
function dateTime(match: RegExpExecArray): number | null {
  const [, year, month, day, hour = '00', minute = '00', second = '00', offset = '+08:00'] = match;
  const at = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  // Date.parse rolls 2026-02-30 over to March; the calendar fields must survive the round trip.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  const real = check.getUTCDate() === Number(day) && check.getUTCMonth() === Number(month) - 1 && check.getUTCHours() === Number(hour);
  return Number.isNaN(at) || !real ? null : at;
}
