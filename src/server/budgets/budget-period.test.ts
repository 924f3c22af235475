import { describe, expect, it } from 'vitest';
import { periodWindow } from './budget-period.js';

const window = (period: Parameters<typeof periodWindow>[0]['period'], timeZone: string, now: string) => {
  const result = periodWindow({ period, timeZone, now: new Date(now) });
  return { start: result.start.toISOString(), end: result.end?.toISOString() ?? null };
};

describe('periodWindow', () => {
  it('months start on the 1st at local midnight, across a DST change (Paris: +01:00 in November, +02:00 in October)', () => {
    expect(window('month', 'Europe/Paris', '2026-11-21T12:00:00Z')).toEqual({
      start: '2026-10-31T23:00:00.000Z',
      end: '2026-11-30T23:00:00.000Z',
    });
    expect(window('month', 'Europe/Paris', '2026-10-15T12:00:00Z')).toEqual({
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
    expect(window('month', 'UTC', '2026-12-31T23:59:59Z')).toEqual({
      start: '2026-12-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
  });

  it('a local instant just after midnight belongs to the new day, not the UTC one', () => {
    // 00:30 in Tokyo on the 22nd is 15:30 UTC on the 21st.
    expect(window('day', 'Asia/Tokyo', '2026-11-21T15:30:00Z')).toEqual({
      start: '2026-11-21T15:00:00.000Z',
      end: '2026-11-22T15:00:00.000Z',
    });
    // The day of a spring-forward change in New York is 23 hours long.
    expect(window('day', 'America/New_York', '2026-03-08T12:00:00Z')).toEqual({
      start: '2026-03-08T05:00:00.000Z',
      end: '2026-03-09T04:00:00.000Z',
    });
  });

  it('a day whose midnight the zone skips starts at the jump, not the evening before', () => {
    // São Paulo, 2018-11-04: clocks went from 23:59:59 on the 3rd to 01:00 on the 4th (UTC−2 from then).
    expect(window('day', 'America/Sao_Paulo', '2018-11-04T12:00:00Z').start).toBe('2018-11-04T03:00:00.000Z');
  });

  it('weeks start on Monday; minutes and totals', () => {
    // 2026-11-21 is a Saturday.
    expect(window('week', 'UTC', '2026-11-21T10:00:00Z')).toEqual({
      start: '2026-11-16T00:00:00.000Z',
      end: '2026-11-23T00:00:00.000Z',
    });
    expect(window('week', 'UTC', '2026-11-23T00:00:00Z').start).toBe('2026-11-23T00:00:00.000Z');
    expect(window('minute', 'UTC', '2026-11-21T10:00:59.999Z')).toEqual({
      start: '2026-11-21T10:00:00.000Z',
      end: '2026-11-21T10:01:00.000Z',
    });
    expect(window('total', 'UTC', '2026-11-21T10:00:00Z')).toEqual({ start: '1970-01-01T00:00:00.000Z', end: null });
  });
});
