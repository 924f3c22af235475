/**
 * The learned router online: the router file `podium route train` wrote, restricted to the alias's
 * candidates, deciding in microseconds: per candidate, predicted success minus λ × expected cost,
 * with λ chosen for the alias's `maxQualityLoss`.
 */
import { hashFeatures } from '../offline/hash-features.js';
import { lambdaForQualityLoss, type CompiledRouter } from '../offline/linear-router.js';
import { predictLogistic } from '../offline/logistic-model.js';
import type { RoutingPolicy } from './routing-policy.js';

export interface LearnedPolicyOptions {
  compiled: CompiledRouter;
  /** Candidate aliases and the reference; each is matched to a router model by name. */
  aliases: readonly string[];
  /** Router model name per alias when they differ. */
  modelNames?: Readonly<Record<string, string>> | undefined;
  maxQualityLoss: number;
}

interface Candidate {
  alias: string;
  weights: Float64Array;
  costIntercept: number;
  costPerInputToken: number;
}

/** @throws Error when no alias matches a model of the router file (the message lists both). */
export function createLearnedPolicy(options: LearnedPolicyOptions): RoutingPolicy {
  const { router, weights } = options.compiled;
  const candidates: Candidate[] = [];
  router.models.forEach((model, index) => {
    const alias = options.aliases.find((name) => (options.modelNames?.[name] ?? name) === model.name);
    const modelWeights = weights[index];
    if (alias !== undefined && modelWeights) candidates.push({ alias, weights: modelWeights, costIntercept: model.costIntercept, costPerInputToken: model.costPerInputToken });
  });
  if (candidates.length === 0) {
    throw new Error(
      `no candidate matches a model of the router file (aliases: ${options.aliases.join(', ')}; router models: ${router.models.map((model) => model.name).join(', ')}); map them with router.modelNames`,
    );
  }
  const lambda = lambdaForQualityLoss(router, options.maxQualityLoss);
  const bits = router.featureBits;
  return (prompt) => {
    const features = hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits });
    let best = candidates[0] as Candidate;
    let bestUtility = Number.NEGATIVE_INFINITY;
    let bestSuccess = 0;
    let bestCost = 0;
    for (const candidate of candidates) {
      const success = predictLogistic(candidate, features);
      const cost = Math.max(0, candidate.costIntercept + candidate.costPerInputToken * prompt.inputTokens) / router.referenceMeanCost;
      const utility = success - lambda * cost;
      if (utility > bestUtility) {
        bestUtility = utility;
        best = candidate;
        bestSuccess = success;
        bestCost = cost;
      }
    }
    return { choice: best.alias, reason: `learned: p(success) ${bestSuccess.toFixed(2)}, cost ${bestCost.toFixed(3)}x reference, lambda ${lambda}` };
  };
}
