/**
 * Calendar periods in a budget's time zone: a day starts at local midnight, a week on Monday,
 * a month on the 1st — whatever the offset or daylight-saving change in between.
 */
import type { BudgetPeriod } from '../../contract/index.js';
import { formatterFor, localMidnight } from './reports/local-midnight.js';

export interface PeriodWindow {
  start: Date;
  /** Exclusive; null for `total`. */
  end: Date | null;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const weekdays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday ?? 'Mon'] ?? 0,
  };
}

/** The period containing `now`. */
export function periodWindow(options: { period: BudgetPeriod; timeZone: string; now: Date }): PeriodWindow {
  const { period, timeZone, now } = options;
  if (period === 'total') return { start: new Date(0), end: null };
  if (period === 'minute') {
    const start = Math.floor(now.getTime() / 60_000) * 60_000;
    return { start: new Date(start), end: new Date(start + 60_000) };
  }
  const local = localParts(now, timeZone);
  if (period === 'day') {
    const start = localMidnight(local, timeZone);
    const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
    return {
      start,
      end: localMidnight(
        { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
        timeZone,
      ),
    };
  }
  if (period === 'week') {
    const monday = new Date(Date.UTC(local.year, local.month - 1, local.day - local.weekday));
    const nextMonday = new Date(monday.getTime() + 7 * 86_400_000);
    const toLocal = (date: Date) => ({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
    });
    return { start: localMidnight(toLocal(monday), timeZone), end: localMidnight(toLocal(nextMonday), timeZone) };
  }
  const nextMonth =
    local.month === 12 ? { year: local.year + 1, month: 1 } : { year: local.year, month: local.month + 1 };
  return {
    start: localMidnight({ year: local.year, month: local.month, day: 1 }, timeZone),
    end: localMidnight({ ...nextMonth, day: 1 }, timeZone),
  };
}
