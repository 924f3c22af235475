/** Test support: an evaluation report small enough to check a rendered chart by hand. */
import type { EvaluationReport } from './evaluate-policies.js';

const point = (label: string, costPercent: number, qualityPercent: number) => ({
  label,
  costPercent,
  qualityPercent,
  gapRecovered: 0,
  nonRegressionPercent: 0,
});

/**
 * Three single models (cheap at 2 %, mid at 20 %, ref at 100 % of ref's cost), a learned router
 * with two points (a line) operating at 10 % cost, and the oracle's one point (a dot), on `dataset`.
 */
export function tinyEvaluationReport(dataset: string): EvaluationReport {
  return {
    dataset,
    split: 'validation split (20 % held out by seed "test")',
    prompts: 1234,
    reference: 'ref',
    referenceMeanCost: 0.0042,
    weak: 'cheap',
    costUnit: 'usd',
    curves: [
      {
        policy: 'best-single-model',
        points: [point('cheap', 2, 60), point('mid', 20, 85), point('ref', 100, 100)],
        apgr: 0,
        cpt50: 0,
        cpt80: 0,
      },
      { policy: 'learned-router', points: [point('λ=0', 100, 100), point('λ=1', 10, 80)], apgr: 0, cpt50: 0, cpt80: 0 },
      { policy: 'oracle', points: [point('oracle', 5, 120)], apgr: 0, cpt50: 0, cpt80: 0 },
    ],
    operatingPoint: point('λ=1', 10, 80),
    frontierMargin: 0,
  };
}
