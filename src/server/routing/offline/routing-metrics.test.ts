import { describe, expect, it } from 'vitest';
import {
  averageGapRecovered,
  costToRecover,
  qualityAtCost,
  stepQualityAtCost,
  upperEnvelope,
  type CurvePoint,
} from './cost-quality-curve.js';
import { outcomeOfChoices } from './policy-outcome.js';
import { routingMetrics } from './routing-metrics.js';
import { tinyTable } from './tiny-table.test-suite.js';

const point = (costPercent: number, qualityPercent: number, gapRecovered = 0): CurvePoint => ({
  label: `${costPercent}`,
  costPercent,
  qualityPercent,
  gapRecovered,
  nonRegressionPercent: 0,
});

describe('routingMetrics', () => {
  const table = tinyTable();
  it('always-cheap: 2/3 of the quality at 10 % of the cost, regressing on prompt 1', () => {
    const metrics = routingMetrics({ table, outcome: outcomeOfChoices(table, [1, 1, 1, 1]), reference: 0, weak: 1 });
    expect(metrics.qualityPercent).toBeCloseTo(66.667, 2);
    expect(metrics.costPercent).toBeCloseTo(10, 9);
    expect(metrics.nonRegressionPercent).toBeCloseTo(66.667, 2);
    expect(metrics.performanceGapRecovered).toBe(0);
  });

  it('per-prompt best choice: every prompt right at 20 % of the cost, twice the gap recovered', () => {
    const metrics = routingMetrics({ table, outcome: outcomeOfChoices(table, [1, 2, 1, 2]), reference: 0, weak: 1 });
    expect(metrics.qualityPercent).toBeCloseTo(133.333, 2);
    expect(metrics.costPercent).toBeCloseTo(20, 9);
    expect(metrics.nonRegressionPercent).toBe(100);
    expect(metrics.performanceGapRecovered).toBeCloseTo(2, 9);
  });
});

describe('cost-quality curves', () => {
  it('keeps only the points nothing cheaper beats', () => {
    expect(
      upperEnvelope([point(30, 70), point(10, 60), point(20, 50), point(40, 90)]).map((entry) => entry.costPercent),
    ).toEqual([10, 30, 40]);
  });

  it('interpolates between envelope points (a random mix) and steps for single models', () => {
    const points = [point(10, 60), point(30, 80)];
    expect(qualityAtCost(points, 20)).toBeCloseTo(70, 9);
    expect(qualityAtCost(points, 5)).toBeNull();
    expect(qualityAtCost(points, 50)).toBe(80);
    expect(stepQualityAtCost(points, 20)).toBe(60);
  });

  it('APGR is the area under the anchored gap curve', () => {
    expect(averageGapRecovered([point(50, 0, 0.5)])).toBeCloseTo(0.5, 9);
    // (0,0)–(20,0.8)–(100,1): 20 × 0.4 + 80 × 0.9 = 80 of 100.
    expect(averageGapRecovered([point(20, 0, 0.8)])).toBeCloseTo(0.8, 9);
  });

  it('CPT(x) is the least cost at which the curve recovers x of the gap', () => {
    expect(costToRecover([point(20, 0, 0.8)], 0.5)).toBeCloseTo(12.5, 9);
    expect(costToRecover([point(20, 0, 0.8)], 0.8)).toBeCloseTo(20, 9);
    // Never reached by the policy: only the reference itself (100 %) recovers the gap.
    expect(costToRecover([point(20, 0, 0.3)], 0.8)).toBeCloseTo(20 + (0.5 / 0.7) * 80, 9);
  });
});
