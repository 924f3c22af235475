import { describe, expect, it } from 'vitest';
import { addPairSums, meanDifference, ratioOfMeans, wilsonInterval, type PairSums } from './shadow-statistics.js';

const sumsOf = (pairs: readonly (readonly [number, number])[]): PairSums =>
  addPairSums(pairs.map(([x, y]) => ({ n: 1, sumX: x, sumY: y, sumXX: x * x, sumYY: y * y, sumXY: x * y })));

describe('shadow statistics', () => {
  it('Wilson: 80 of 100 is 71.1 %–86.7 %; 100 % keeps a lower bound below 1; no trials, no interval', () => {
    expect(wilsonInterval(80, 100)).toMatchObject({
      value: 0.8,
      low: expect.closeTo(0.7112, 4) as unknown,
      high: expect.closeTo(0.8666, 4) as unknown,
    });
    expect(wilsonInterval(3, 3)?.low).toBeCloseTo(0.4385, 4);
    expect(wilsonInterval(3, 3)?.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });

  it('ratio of means: the covariance narrows the interval for pairs that move together', () => {
    const together = ratioOfMeans(
      sumsOf([
        [4, 5],
        [8, 10],
        [6, 7.5],
        [2, 2.5],
      ]),
    );
    expect(together).toEqual({
      value: 0.8,
      low: expect.closeTo(0.8, 12) as unknown,
      high: expect.closeTo(0.8, 12) as unknown,
    });
    const apart = ratioOfMeans(
      sumsOf([
        [4, 10],
        [8, 5],
        [6, 2.5],
        [2, 7.5],
      ]),
    );
    expect(apart?.value).toBe(0.8);
    expect((apart?.high ?? 0) - (apart?.low ?? 0)).toBeGreaterThan(0.5);
    expect(ratioOfMeans(sumsOf([[1, 0]]))).toBeUndefined();
    expect(ratioOfMeans(sumsOf([[1, 2]]))).toEqual({ value: 0.5, low: null, high: null });
  });

  it('identical costs give a zero-width interval, not rounding noise', () => {
    const costs = sumsOf(Array.from({ length: 7 }, () => [0.002, 0.025] as const));
    expect(ratioOfMeans(costs)).toEqual({ value: 0.08, low: 0.08, high: 0.08 });
    expect(meanDifference(costs)).toEqual({ value: expect.closeTo(0.023, 15) as unknown, variance: 0 });
    expect(meanDifference(sumsOf([[1, 2]]))).toEqual({ value: 1, variance: null });
  });
});
