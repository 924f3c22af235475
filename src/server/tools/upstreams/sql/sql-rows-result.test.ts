import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../../contract/index.js';
import { jsonSafeValue } from './json-safe-value.js';
import { sqlRowsResult } from './sql-rows-result.js';

const rows = Array.from({ length: 50 }, (_, index) => ({ id: index, note: 'x'.repeat(index % 7) }));

describe('sqlRowsResult', () => {
  it('keeps everything that fits, text and structured copies alike', () => {
    const result = sqlRowsResult({ rows, truncated: false, affectedRows: 50 }, 1_000_000);
    expect(result.structuredContent).toEqual({ rows, rowCount: 50, truncated: false, affectedRows: 50 });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(result.structuredContent) }]);
  });

  it('cuts rows from the end until the whole serialised result fits, and says so', () => {
    for (const limit of [200, 500, 1_500]) {
      const result = sqlRowsResult({ rows, truncated: false }, limit);
      expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(limit);
      const kept = (result.structuredContent?.rows ?? []) as unknown[];
      expect(kept).toEqual(rows.slice(0, kept.length));
      expect(result.structuredContent?.truncated).toBe(true);
    }
  });

  it('fails as too large (502) when not even an empty result fits', () => {
    const run = () => sqlRowsResult({ rows, truncated: false }, 20);
    expect(run).toThrow(PodiumError);
    expect(run).toThrow('maxResultBytes (20)');
  });
});

describe('jsonSafeValue', () => {
  it('turns values JSON cannot hold faithfully into text', () => {
    expect(jsonSafeValue(2n ** 64n)).toBe('18446744073709551616');
    expect(jsonSafeValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(jsonSafeValue(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(jsonSafeValue(Buffer.from('hi'))).toBe('aGk=');
    expect(jsonSafeValue([1n, null, { a: 1 }])).toEqual(['1', null, { a: 1 }]);
  });
});
