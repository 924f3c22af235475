import { describe, expect, it } from 'vitest';
import { periodRange } from './period-range.js';

const range = (period: string, timeZone = 'UTC'): [string, string] => {
  const { from, to } = periodRange({ period, timeZone });
  return [from.toISOString(), to.toISOString()];
};
const hours = (period: string, timeZone: string): number => {
  const { from, to } = periodRange({ period, timeZone });
  return (to.getTime() - from.getTime()) / 3_600_000;
};

describe('periodRange', () => {
  it('covers a year, a month and a day in UTC, rolling over at their ends', () => {
    expect(range('2026')).toEqual(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(range('2026-11')).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(range('2026-12')).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(range('2026-12-31')).toEqual(['2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(range('2028-02-29')).toEqual(['2028-02-29T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
  });

  it('starts and ends at local midnight in the zone, whatever the daylight-saving offset on each side', () => {
    expect(range('2026-11', 'Europe/Paris')).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    expect(range('2026-10', 'Europe/Paris')).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
    expect(hours('2026-10', 'Europe/Paris')).toBe(31 * 24 + 1);
    expect(hours('2026-03', 'Europe/Paris')).toBe(31 * 24 - 1);
    expect(hours('2026-03-29', 'Europe/Paris')).toBe(23);
    expect(range('2026', 'America/New_York')).toEqual(['2026-01-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z']);
    expect(range('2026-11', 'Asia/Kolkata')).toEqual(['2026-10-31T18:30:00.000Z', '2026-11-30T18:30:00.000Z']);
  });

  it('starts a day whose midnight the zone skipped at the jump, and gives a day the zone skipped no time at all', () => {
    // São Paulo began daylight saving at midnight on 2018-11-04: clocks went from 23:59:59 to 01:00.
    expect(range('2018-11-04', 'America/Sao_Paulo')).toEqual(['2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z']);
    // Samoa crossed the date line: 2011-12-29 was followed by 2011-12-31.
    expect(range('2011-12-30', 'Pacific/Apia')).toEqual(['2011-12-30T10:00:00.000Z', '2011-12-30T10:00:00.000Z']);
  });

  it('refuses dates that do not exist and unknown zones, naming the field', () => {
    for (const period of ['2026-13', '2026-00', '2026-02-29', '2026-04-31', '2026-11-00', '1969', '26-11', '2026-1']) {
      expect(() => range(period), period).toThrow(
        expect.objectContaining({ code: 'invalid_request', param: 'period' }),
      );
    }
    expect(() => range('2026-11', 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: 'timezone' }),
    );
  });
});
