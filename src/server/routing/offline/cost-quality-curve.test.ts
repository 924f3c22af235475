import { describe, expect, it } from 'vitest';
import { mixingCurve, qualityAtCost } from './cost-quality-curve.js';

describe('mixingCurve', () => {
  it('samples each segment evenly in log(cost), every sample on the straight mix of its two ends', () => {
    const points = [
      { costPercent: 1, qualityPercent: 50 },
      { costPercent: 100, qualityPercent: 100 },
      { costPercent: 50, qualityPercent: 40 },
    ];
    const curve = mixingCurve(points, { perSegment: 4 });
    const expected = [1, 10 ** 0.5, 10, 10 ** 1.5, 100];
    expect(curve).toHaveLength(expected.length);
    curve.forEach((point, index) => expect(point.costPercent).toBeCloseTo(expected[index] ?? Number.NaN, 12));
    for (const point of curve)
      expect(point.qualityPercent).toBeCloseTo(qualityAtCost(points, point.costPercent) ?? Number.NaN, 12);
  });

  it('starts a segment from a free point (cost 0) where the log axis starts, not with a chord from it', () => {
    const curve = mixingCurve(
      [
        { costPercent: 0, qualityPercent: 80 },
        { costPercent: 100, qualityPercent: 100 },
      ],
      { floorPercent: 0.1 },
    );
    expect(curve).toHaveLength(25);
    expect(curve[0]).toEqual({ costPercent: 0, qualityPercent: 80 });
    const atTen = curve.find((point) => Math.abs(point.costPercent - 10) < 1e-9);
    expect(atTen?.qualityPercent).toBeCloseTo(82, 12);
  });
});
