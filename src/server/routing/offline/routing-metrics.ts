import type { PolicyOutcome } from './policy-outcome.js';
import type { RoutingTable } from './routing-table.js';

/** A policy's figures relative to the reference model on the same prompts. */
export interface RoutingMetrics {
  /** Mean score as a percentage of the reference's mean score. */
  qualityPercent: number;
  /** Total cost as a percentage of the reference's total cost. */
  costPercent: number;
  /**
   * Share (%) of the prompts the reference gets right (score > 0) on which the policy scores at
   * least as well as the reference: how often routing does not lose what the reference would give.
   */
  nonRegressionPercent: number;
  /** Performance gap recovered: (quality − weak) / (reference − weak), the weak model being the baseline. */
  performanceGapRecovered: number;
}

const sum = (values: ArrayLike<number>): number => {
  let total = 0;
  for (let index = 0; index < values.length; index += 1) total += values[index] ?? 0;
  return total;
};

/** Mean of a column. */
export const mean = (values: ArrayLike<number>): number => (values.length === 0 ? 0 : sum(values) / values.length);

/** Computes {@link RoutingMetrics} for an outcome against reference model `reference` and baseline `weak`. */
export function routingMetrics(input: {
  table: RoutingTable;
  outcome: PolicyOutcome;
  reference: number;
  weak: number;
}): RoutingMetrics {
  const { table, outcome } = input;
  const referenceScore = table.score[input.reference] ?? new Float64Array();
  const referenceQuality = mean(referenceScore);
  const weakQuality = mean(table.score[input.weak] ?? new Float64Array());
  const quality = mean(outcome.score);
  let referenceRight = 0;
  let kept = 0;
  for (let row = 0; row < referenceScore.length; row += 1) {
    const expected = referenceScore[row] ?? 0;
    if (expected <= 0) continue;
    referenceRight += 1;
    if ((outcome.score[row] ?? 0) >= expected) kept += 1;
  }
  const referenceCost = sum(table.cost[input.reference] ?? new Float64Array());
  const gap = referenceQuality - weakQuality;
  return {
    qualityPercent: referenceQuality === 0 ? 0 : (100 * quality) / referenceQuality,
    costPercent: referenceCost === 0 ? 0 : (100 * sum(outcome.cost)) / referenceCost,
    nonRegressionPercent: referenceRight === 0 ? 100 : (100 * kept) / referenceRight,
    performanceGapRecovered: gap === 0 ? 1 : (quality - weakQuality) / gap,
  };
}
