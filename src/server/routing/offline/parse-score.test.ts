import { describe, expect, it } from 'vitest';
import { parseScore } from './parse-score.js';

describe('parseScore', () => {
  it('reads 1/0, true/false and yes/no in any case, and numeric grades as they are', () => {
    expect(['1', '0', 'True', 'FALSE', 'true', 'yes', 'No', ' YES '].map((value) => parseScore(value))).toEqual([
      1, 0, 1, 0, 1, 1, 0, 1,
    ]);
    expect(['1.0', '0.35', '7', '-2', '.5', '1e-1'].map((value) => parseScore(value))).toEqual([
      1, 0.35, 7, -2, 0.5, 0.1,
    ]);
    expect([true, false, 0.25, 9].map((value) => parseScore(value))).toEqual([1, 0, 0.25, 9]);
  });

  it('reads empty and null as no result, not as wrong', () => {
    expect([parseScore(''), parseScore('  '), parseScore(null), parseScore(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('rejects anything else, naming file, line and column when given', () => {
    expect(() => parseScore('maybe', { file: 'correct.csv', line: 4, column: 'gpt-4o' })).toThrow(
      'correct.csv:4: column "gpt-4o": "maybe" is not a score (1/0, true/false, yes/no, a number, or empty for no result)',
    );
    for (const bad of ['NaN', 'n/a', '0x10', '1,5', 'Infinity'])
      expect(() => parseScore(bad)).toThrow(/is not a score/);
    expect(() => parseScore({ value: 1 })).toThrow('{"value":1} is not a score');
    expect(() => parseScore(Number.NaN)).toThrow(/is not a score/);
  });
});
