/**
 * The learned router online: the router file `podium route train` wrote, restricted to the alias's
 * candidates, deciding in microseconds: per candidate, predicted success minus λ × expected cost,
 * with λ chosen for the alias's `maxQualityLoss`. A router trained with embedding features first
 * embeds the prompt (one embedding call per routed request), so only then is the decision async.
 */
import type { Embedder } from '../../embeddings/index.js';
import type { SparseFeatures } from '../learned-router/hash-features.js';
import { hashFeatures } from '../learned-router/hash-features.js';
import { lambdaForQualityLoss, withEmbedding, type CompiledRouter } from '../learned-router/linear-router.js';
import { predictLogistic } from '../learned-router/logistic-model.js';
import type { RouteChoice, RoutingPolicy } from './routing-policy.js';

export interface LearnedPolicyOptions {
  compiled: CompiledRouter;
  /** Candidate aliases and the reference; each is matched to a router model by name. */
  aliases: readonly string[];
  /** Router model name per alias when they differ. */
  modelNames?: Readonly<Record<string, string>> | undefined;
  maxQualityLoss: number;
  /** Required when the router file has an `embedding` block: embeds the prompt with the model it was trained with. */
  embedder?: Embedder | undefined;
  /** Served when the embedding call fails (default: the last alias, which is the reference when built from config). */
  reference?: string | undefined;
}

interface Candidate {
  alias: string;
  weights: Float64Array;
  costIntercept: number;
  costPerInputToken: number;
}

/** @throws Error when no alias matches a model of the router file (the message lists both), or the file needs an embedder and has none. */
export function createLearnedPolicy(options: LearnedPolicyOptions): RoutingPolicy {
  const { router, weights } = options.compiled;
  const candidates: Candidate[] = [];
  router.models.forEach((model, index) => {
    const alias = options.aliases.find((name) => (options.modelNames?.[name] ?? name) === model.name);
    const modelWeights = weights[index];
    if (alias !== undefined && modelWeights)
      candidates.push({
        alias,
        weights: modelWeights,
        costIntercept: model.costIntercept,
        costPerInputToken: model.costPerInputToken,
      });
  });
  if (candidates.length === 0) {
    throw new Error(
      `no candidate matches a model of the router file (aliases: ${options.aliases.join(', ')}; router models: ${router.models.map((model) => model.name).join(', ')}); map them with router.modelNames`,
    );
  }
  const lambda = lambdaForQualityLoss(router, options.maxQualityLoss);
  const bits = router.featureBits;
  const choose = (features: SparseFeatures, inputTokens: number): RouteChoice => {
    let best = candidates[0] as Candidate;
    let bestUtility = Number.NEGATIVE_INFINITY;
    let bestSuccess = 0;
    let bestCost = 0;
    for (const candidate of candidates) {
      const success = predictLogistic(candidate, features);
      const cost =
        Math.max(0, candidate.costIntercept + candidate.costPerInputToken * inputTokens) / router.referenceMeanCost;
      const utility = success - lambda * cost;
      if (utility > bestUtility) {
        bestUtility = utility;
        best = candidate;
        bestSuccess = success;
        bestCost = cost;
      }
    }
    return {
      choice: best.alias,
      reason: `learned: p(success) ${bestSuccess.toFixed(2)}, cost ${bestCost.toFixed(3)}x reference, lambda ${lambda}`,
    };
  };
  if (router.embedding === undefined)
    return (prompt) =>
      choose(hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits }), prompt.inputTokens);
  const embedder = options.embedder;
  if (embedder === undefined)
    throw new Error(
      `the router file was trained with embedding features (${router.embedding.model}) and no embedder is configured`,
    );
  const reference = options.reference ?? options.aliases.at(-1) ?? (candidates[0] as Candidate).alias;
  return async (prompt, call) => {
    const features = hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits });
    try {
      return choose(withEmbedding(router, features, await embedder.embed(prompt.text, call)), prompt.inputTokens);
    } catch (error) {
      // Without the embedding the router cannot score; the reference keeps the quality it promises.
      return { choice: reference, reason: `learned: embedding failed (${(error as Error).message}): reference` };
    }
  };
}
