/** Test support: a two-policy evaluation report small enough to check a rendered curve by hand. */
import type { EvaluationReport } from './evaluate-policies.js';

const point = (label: string, costPercent: number, qualityPercent: number) => ({ label, costPercent, qualityPercent, gapRecovered: 0, nonRegressionPercent: 0 });

/** A learned router with two points (a line) and the oracle's one point (a dot), on `dataset`. */
export function tinyEvaluationReport(dataset: string): EvaluationReport {
  return {
    dataset,
    prompts: 4,
    reference: 'ref',
    weak: 'cheap',
    costUnit: 'usd',
    curves: [
      { policy: 'learned-router', points: [point('λ=0', 100, 100), point('λ=1', 10, 80)], apgr: 0, cpt50: 0, cpt80: 0 },
      { policy: 'oracle', points: [point('oracle', 5, 120)], apgr: 0, cpt50: 0, cpt80: 0 },
    ],
    operatingPoint: point('λ=1', 10, 80),
    frontierMargin: 0,
  };
}
