import { describe, expect, it } from 'vitest';
import type { SpendReport } from '../../../contract/index.js';
import { plainDecimal, toCsv } from './spend-csv.js';

const report = (rows: SpendReport['rows']): SpendReport => ({
  by: 'user',
  period: '2026-11',
  from: '2026-10-31T23:00:00.000Z',
  to: '2026-11-30T23:00:00.000Z',
  rows,
  totalUsd: rows.reduce((sum, row) => sum + row.costUsd, 0),
});
const row = (fields: Partial<SpendReport['rows'][number]>): SpendReport['rows'][number] => ({
  group: 'g',
  label: null,
  requests: 1,
  inputTokens: 10,
  outputTokens: 2,
  costUsd: 0.5,
  unpricedRequests: 0,
  ...fields,
});

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated row per group, empty cells for nulls', () => {
    expect(
      toCsv(
        report([
          row({ group: 'team_1', label: 'platform', requests: 3, inputTokens: 3_000_000_000, costUsd: 12.5 }),
          row({ group: null }),
        ]),
      ),
    ).toBe(
      'period,group,label,requests,input_tokens,output_tokens,cost_usd,unpriced_requests\r\n' +
        '2026-11,team_1,platform,3,3000000000,2,12.5,0\r\n' +
        '2026-11,,,1,10,2,0.5,0\r\n',
    );
    expect(toCsv(report([]))).toBe(
      'period,group,label,requests,input_tokens,output_tokens,cost_usd,unpriced_requests\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(
      report([row({ group: 'acme, "inc"\nEU' }), row({ group: '=HYPERLINK("http://x")' }), row({ group: '-1+2' })]),
    );
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('2026-11,"acme, ""inc""\nEU",,1,10,2,0.5,0');
    expect(lines[2]).toBe(`2026-11,"'=HYPERLINK(""http://x"")",,1,10,2,0.5,0`);
    expect(lines[3]).toBe("2026-11,'-1+2,,1,10,2,0.5,0");
  });

  it('writes costs with every digit and never in exponent notation', () => {
    expect(
      toCsv(
        report([row({ costUsd: 1e-9 }), row({ costUsd: 0.000000123456789 }), row({ costUsd: 0.30000000000000004 })]),
      )
        .split('\r\n')
        .slice(1, 4)
        .map((line) => line.split(',')[6]),
    ).toEqual(['0.000000001', '0.000000123456789', '0.30000000000000004']);
  });
});

describe('plainDecimal', () => {
  it('expands exponents both ways and leaves ordinary numbers alone', () => {
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(plainDecimal(-2e-8)).toBe('-0.00000002');
    expect(plainDecimal(1.25e21)).toBe('1250000000000000000000');
    expect(plainDecimal(42)).toBe('42');
    expect(plainDecimal(0)).toBe('0');
  });
});
