/**
 * The instant a calendar day begins in an IANA time zone, from Intl alone. Offsets change over a year
 * (daylight saving) and over history, so the offset is read at the instant itself, never assumed.
 */
import { PodiumError } from '../../../contract/index.js';

export interface CalendarDay {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const dayMs = 86_400_000;

/**
 * The cached wall-clock formatter of a zone (year … second and the weekday), shared by everything
 * that reads local time; throws PodiumError naming `timezone` for a zone Intl does not know.
 */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
    } catch (error) {
      throw new PodiumError(
        'invalid_request',
        `unknown time zone "${timeZone}": use an IANA name such as Europe/Paris`,
        { param: 'timezone', cause: error },
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock at `instant` in the zone, read as if it were UTC (milliseconds). */
function wallClock(instant: number, formatter: Intl.DateTimeFormat): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = Number(part.value);
  const wall = new Date(0);
  wall.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
  wall.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall.getTime();
}

/** A calendar day's midnight read as if it were UTC; setUTCFullYear, unlike Date.UTC, keeps years below 100. */
export function wallMidnight(day: CalendarDay): number {
  const wall = new Date(0);
  wall.setUTCFullYear(day.year, day.month - 1, day.day);
  return wall.getTime();
}

/**
 * The first instant of `day` in `timeZone`. Usually local midnight; where the zone skips midnight (clocks
 * jump from 23:59:59 to 01:00), the instant of the jump; where midnight happens twice, the first.
 * @throws PodiumError `invalid_request` (param `timezone`) for a zone Intl does not know.
 */
export function localMidnight(day: CalendarDay, timeZone: string): Date {
  const formatter = formatterFor(timeZone);
  const wall = wallMidnight(day);
  // The zone's offsets around that day: the answer is midnight minus one of them.
  const candidates = [wall - dayMs, wall, wall + dayMs].map((probe) => wall - (wallClock(probe, formatter) - probe));
  const exact = candidates.filter((instant) => wallClock(instant, formatter) === wall);
  // No candidate shows midnight: the clocks skip it, and the day begins where the earlier offset would have reached it.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}
