/** A report period (`2026`, `2026-11`, `2026-11-21`) in a time zone, as the instants [from, to) it covers. */
import { PodiumError } from '../../../contract/index.js';
import { localMidnight, wallMidnight, type CalendarDay } from './local-midnight.js';

export interface PeriodRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive: the first instant of the next period. */
  to: Date;
}

const invalid = (message: string): PodiumError =>
  new PodiumError('invalid_request', `period: ${message}`, { param: 'period' });

function parsePeriod(period: string): { start: CalendarDay; next: CalendarDay } {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(period);
  if (match === null) throw invalid('expected YYYY, YYYY-MM or YYYY-MM-DD');
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1970) throw invalid('the year must be 1970 or later');
  if (month === undefined) return { start: { year, month: 1, day: 1 }, next: { year: year + 1, month: 1, day: 1 } };
  if (month < 1 || month > 12) throw invalid(`there is no month ${match[2]}`);
  if (day === undefined)
    return {
      start: { year, month, day: 1 },
      next: month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 },
    };
  const start = { year, month, day };
  // Read the date back to catch days a month does not have (2026-02-30 would roll over to March).
  const date = new Date(wallMidnight(start));
  if (day < 1 || date.getUTCMonth() + 1 !== month) throw invalid(`${period} is not a calendar date`);
  const following = new Date(date.getTime() + 86_400_000);
  return {
    start,
    next: { year: following.getUTCFullYear(), month: following.getUTCMonth() + 1, day: following.getUTCDate() },
  };
}

/**
 * The instants a period covers in `timeZone`: from its first local midnight to the next period's, so a month
 * with a daylight-saving change is 743 or 745 hours long, as the local calendar says.
 * @throws PodiumError `invalid_request` naming `period` or `timezone`.
 */
export function periodRange(options: { period: string; timeZone: string }): PeriodRange {
  const { start, next } = parsePeriod(options.period);
  return { from: localMidnight(start, options.timeZone), to: localMidnight(next, options.timeZone) };
}
