import { z } from 'zod';
import { hashFeatures, type SparseFeatures } from './hash-features.js';
import { predictLogistic } from './logistic-model.js';

const routedModel = z.object({
  name: z.string(),
  /** Dense weights over the hashed buckets (7 significant digits in the file, see `writeRouterFile`). */
  weights: z.array(z.number()),
  /** Expected cost of a call = costIntercept + costPerInputToken × prompt tokens, fitted on train. */
  costIntercept: z.number(),
  costPerInputToken: z.number(),
  /** Weights over the embedding's dimensions, when the router was trained with embedding features. */
  embeddingWeights: z.array(z.number()).optional(),
});

/** The file `podium route train` writes and `podium route eval` reads. */
export const linearRouterSchema = z.object({
  kind: z.literal('podium-linear-router'),
  version: z.literal(1),
  dataset: z.string(),
  reference: z.string(),
  costUnit: z.enum(['usd', 'reference-calls']),
  featureBits: z.number().int().min(4).max(24),
  /** Score range the predictions were rescaled from (0–1 for correctness, 1–10 for MT-Bench). */
  scoreRange: z.tuple([z.number(), z.number()]),
  /** Mean cost of a reference call on train: makes the cost weight λ unitless. */
  referenceMeanCost: z.number().positive(),
  /** The train/validation split the router was trained with, so eval holds out the same prompts. */
  split: z.object({ seed: z.string(), validationShare: z.number().min(0).max(1) }),
  /** The operating point picked on train data. */
  lambda: z.number().nonnegative(),
  /** The cost weights swept to trace the cost–quality curve. */
  sweep: z.array(z.number().nonnegative()),
  /**
   * Quality and cost (% of the reference) at each swept λ, on cross-fitted train predictions: how a
   * gateway turns `maxQualityLoss` into a λ without the data. Absent in files from before it existed.
   */
  operatingPoints: z
    .array(z.object({ lambda: z.number().nonnegative(), qualityPercent: z.number(), costPercent: z.number() }))
    .optional(),
  /**
   * Present when each prompt's embedding (unit length) was a feature besides its text: the embedder
   * (`local` or an alias on /v1/embeddings) and its vector length. The gateway must embed with the same model.
   */
  embedding: z.object({ model: z.string().min(1), dimensions: z.number().int().positive() }).optional(),
  /** The logistic fit: its L2 penalty (chosen on the cross-fitted curve unless fixed) and epochs. Absent in older files. */
  fit: z.object({ l2: z.number().nonnegative(), epochs: z.number().int().positive() }).optional(),
  models: z.array(routedModel).min(1),
});

/** A trained router: per candidate model, a logistic model of P(success | prompt text) and a cost model. */
export type LinearRouter = z.infer<typeof linearRouterSchema>;

/** A router ready for inference: weights as typed arrays (hashed buckets, then the embedding's dimensions). */
export interface CompiledRouter {
  router: LinearRouter;
  weights: Float64Array[];
}

/** Parses a router file once; rejects anything that is not a router this version wrote. */
export function compileRouter(json: unknown): CompiledRouter {
  const router = linearRouterSchema.parse(json);
  const size = 1 << router.featureBits;
  const dimensions = router.embedding?.dimensions ?? 0;
  for (const model of router.models) {
    if (model.weights.length !== size)
      throw new Error(`router model ${model.name}: ${model.weights.length} weights, expected ${size}`);
    const embeddingWeights = model.embeddingWeights?.length ?? 0;
    if (embeddingWeights !== dimensions)
      throw new Error(`router model ${model.name}: ${embeddingWeights} embedding weights, expected ${dimensions}`);
  }
  return {
    router,
    weights: router.models.map((model) => Float64Array.from([...model.weights, ...(model.embeddingWeights ?? [])])),
  };
}

/**
 * A prompt's features as the router sees them: hashed text, plus its embedding when the router was
 * trained with one (unit length, as `unitVector` of embeddings/ makes it).
 * @throws Error when the router needs an embedding and gets none, or one of another length.
 */
export function routerFeatures(
  router: Pick<LinearRouter, 'featureBits' | 'embedding'>,
  prompt: { text: string; inputTokens: number },
  embedding?: Float32Array,
): SparseFeatures {
  const features = hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits: router.featureBits });
  return withEmbedding(router, features, embedding);
}

/** `features` with the embedding block appended when the router has one. */
export function withEmbedding(
  router: Pick<LinearRouter, 'featureBits' | 'embedding'>,
  features: SparseFeatures,
  embedding: Float32Array | undefined,
): SparseFeatures {
  if (router.embedding === undefined) return features;
  if (embedding?.length !== router.embedding.dimensions) {
    throw new Error(
      `the router needs a ${router.embedding.dimensions}-dimension embedding (${router.embedding.model}), got ${embedding === undefined ? 'none' : embedding.length}`,
    );
  }
  return { ...features, dense: { offset: 1 << router.featureBits, values: embedding } };
}

/**
 * Picks the model with the best predicted success minus λ × its expected cost (in reference
 * calls): λ = 0 buys the best predicted answer, a large λ the cheapest. Returns the index into
 * `router.models`.
 */
export function chooseModel(input: {
  compiled: CompiledRouter;
  features: SparseFeatures;
  inputTokens: number;
  lambda?: number | undefined;
}): number {
  const { router, weights } = input.compiled;
  const lambda = input.lambda ?? router.lambda;
  let best = 0;
  let bestUtility = Number.NEGATIVE_INFINITY;
  router.models.forEach((model, index) => {
    const success = predictLogistic({ weights: weights[index] ?? new Float64Array() }, input.features);
    const cost =
      Math.max(0, model.costIntercept + model.costPerInputToken * input.inputTokens) / router.referenceMeanCost;
    const utility = success - lambda * cost;
    if (utility > bestUtility) {
      bestUtility = utility;
      best = index;
    }
  });
  return best;
}

/**
 * The cost weight for a quality budget: the largest swept λ whose cross-fitted train quality keeps
 * at least (1 − maxQualityLoss) of the reference's. Files without operating points use their own λ.
 */
export function lambdaForQualityLoss(router: LinearRouter, maxQualityLoss: number): number {
  if (!router.operatingPoints || router.operatingPoints.length === 0) return router.lambda;
  const floor = (1 - maxQualityLoss) * 100;
  let lambda = 0;
  for (const point of router.operatingPoints)
    if (point.qualityPercent >= floor) lambda = Math.max(lambda, point.lambda);
  return lambda;
}
