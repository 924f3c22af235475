import { qualityAtCost } from './cost-quality-curve.js';
import { outcomeOfChoices } from './policy-outcome.js';
import { hashFeatures, type SparseFeatures } from '../learned-router/hash-features.js';
import { withEmbedding, type CompiledRouter, type LinearRouter } from '../learned-router/linear-router.js';
import { predictLogistic } from '../learned-router/logistic-model.js';
import { trainLogistic } from './train-logistic.js';
import type { PromptEmbeddings } from './prompt-embeddings.js';
import { mean, routingMetrics } from './routing-metrics.js';
import { modelIndex, selectPrompts, type RoutingTable } from './routing-table.js';
import { fnv1a } from '../learned-router/fnv1a.js';

/** Options of {@link trainLinearRouter}. */
export interface TrainRouterOptions {
  /** Train prompts only: the caller holds validation out. */
  table: RoutingTable;
  reference: string;
  /** Quality (% of the reference's) the operating point must reach on held-out folds of train (default 95). */
  targetQualityPercent?: number | undefined;
  featureBits?: number | undefined;
  /** Weak baseline model for the gap metrics (default: the cheapest model). */
  weak?: string | undefined;
  /** Recorded in the router file (the caller did the split). */
  split: { seed: string; validationShare: number };
  /**
   * Optional dense features: each train prompt's embedding (row-aligned, see `embedPrompts`), learned
   * besides the hashed text. The router file records the embedder, which the gateway must then use too.
   */
  embeddings?: PromptEmbeddings | undefined;
  /** Logistic fit settings: a fixed L2 penalty instead of the cross-fitted choice from {@link l2Grid}; epochs (default 4). */
  fit?: { l2?: number | undefined; epochs?: number | undefined } | undefined;
}

/** λ values swept: 0 (best predicted answer, cost ignored) then a log grid up to "almost always cheapest". */
export const defaultSweep: readonly number[] = [
  0,
  ...Array.from({ length: 36 }, (_, index) => 10 ** (-3.5 + index * 0.125)),
];

/**
 * Models worth routing to: the cost–quality Pareto set on train (a model both dearer and worse than
 * another is rarely the right per-prompt pick, and dropping it keeps the router file small), plus the reference.
 */
export function paretoCandidates(table: RoutingTable, reference: number): number[] {
  const order = table.models
    .map((_, index) => index)
    .sort((a, b) => mean(table.cost[a] ?? []) - mean(table.cost[b] ?? []));
  const kept: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const index of order) {
    const score = mean(table.score[index] ?? []);
    if (score > bestScore || index === reference) kept.push(index);
    bestScore = Math.max(bestScore, score);
  }
  return kept;
}

function fitCost(table: RoutingTable, model: number): { costIntercept: number; costPerInputToken: number } {
  const x = table.prompts.map((prompt) => prompt.inputTokens);
  const y = table.cost[model] ?? new Float64Array();
  const meanX = mean(x);
  const meanY = mean(y);
  let covariance = 0;
  let variance = 0;
  x.forEach((value, row) => {
    covariance += (value - meanX) * ((y[row] ?? 0) - meanY);
    variance += (value - meanX) ** 2;
  });
  const slope = variance === 0 ? 0 : covariance / variance;
  return { costIntercept: meanY - slope * meanX, costPerInputToken: slope };
}

function fitModels(input: {
  features: SparseFeatures[];
  targets: Float64Array[];
  rows: number[];
  dimensions: number;
  fit?: TrainRouterOptions['fit'];
}): Float64Array[] {
  return input.targets.map(
    (target) =>
      trainLogistic({
        features: input.rows.map((row) => input.features[row] ?? { indices: new Int32Array(), value: 0 }),
        targets: input.rows.map((row) => target[row] ?? 0),
        dimensions: input.dimensions,
        l2: input.fit?.l2,
        epochs: input.fit?.epochs,
      }).weights,
  );
}

/**
 * Trains the learned router on train prompts: one logistic model per candidate predicting
 * success from the prompt's text features, a linear cost model per candidate, and the operating λ
 * — the cheapest λ whose quality reaches the target on predictions for prompts each half-model did
 * not see (two-fold cross-fitting), so the choice is not flattered by memorised training prompts.
 */
export function trainLinearRouter(options: TrainRouterOptions): LinearRouter {
  const { table } = options;
  const reference = modelIndex(table, options.reference);
  const featureBits = options.featureBits ?? 14;
  const embedding =
    options.embeddings === undefined
      ? undefined
      : { model: options.embeddings.model, dimensions: options.embeddings.vectors[0]?.length ?? 0 };
  if (embedding !== undefined && options.embeddings?.vectors.length !== table.prompts.length)
    throw new Error(`${options.embeddings?.vectors.length} embeddings for ${table.prompts.length} prompts`);
  const size = 1 << featureBits;
  const dimensions = size + (embedding?.dimensions ?? 0);
  const candidates = paretoCandidates(table, reference);
  const scoreRange: [number, number] = [
    Math.min(
      ...table.score.map((column) => column.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY)),
    ),
    Math.max(
      ...table.score.map((column) => column.reduce((high, value) => Math.max(high, value), Number.NEGATIVE_INFINITY)),
    ),
  ];
  const span = scoreRange[1] - scoreRange[0] || 1;
  const targets = candidates.map((model) =>
    Float64Array.from(table.score[model] ?? [], (score) => (score - scoreRange[0]) / span),
  );
  const features = table.prompts.map((prompt, row) =>
    withEmbedding(
      { featureBits, embedding },
      hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits: featureBits }),
      options.embeddings?.vectors[row],
    ),
  );
  const base: Omit<LinearRouter, 'models' | 'lambda'> = {
    kind: 'podium-linear-router',
    version: 1,
    dataset: table.name,
    reference: options.reference,
    costUnit: table.costUnit,
    featureBits,
    scoreRange,
    referenceMeanCost: mean(table.cost[reference] ?? []) || 1,
    sweep: [...defaultSweep],
    split: options.split,
    ...(embedding === undefined ? {} : { embedding }),
  };
  const describe = (weights: Float64Array[]): LinearRouter['models'] =>
    candidates.map((model, index) => {
      const all = weights[index] ?? new Float64Array();
      if (embedding === undefined)
        return { name: table.models[model] ?? '', weights: [...all], ...fitCost(table, model) };
      return {
        name: table.models[model] ?? '',
        weights: [...all.subarray(0, size)],
        ...fitCost(table, model),
        embeddingWeights: [...all.subarray(size)],
      };
    });
  const rows = table.prompts.map((_, row) => row);
  const fold = table.prompts.map((prompt) => fnv1a(`fold:${prompt.id}`) & 1);
  const weak =
    options.weak === undefined ? (paretoCandidates(table, reference)[0] ?? reference) : modelIndex(table, options.weak);
  const target = options.targetQualityPercent ?? 95;
  const epochs = options.fit?.epochs ?? defaultEpochs;
  /** The curve of λ on predictions for prompts each half-model did not see (two-fold cross-fitting). */
  const crossFit = (l2: number): NonNullable<LinearRouter['operatingPoints']> => {
    const perLambda = defaultSweep.map(() => new Int32Array(table.prompts.length));
    for (const side of [0, 1]) {
      const weights = fitModels({
        features,
        targets,
        rows: rows.filter((row) => fold[row] !== side),
        dimensions,
        fit: { l2, epochs },
      });
      const heldOut = rows.filter((row) => fold[row] === side);
      const heldOutEmbeddings =
        options.embeddings && heldOut.map((row) => options.embeddings?.vectors[row] ?? new Float32Array());
      const predictions = predictTable(
        { router: { ...base, lambda: 0, models: describe(weights) }, weights },
        selectPrompts(table, heldOut),
        heldOutEmbeddings,
      );
      defaultSweep.forEach((lambda, step) => {
        const chosen = choicesAt(predictions, lambda);
        heldOut.forEach((row, position) => {
          const column = perLambda[step];
          if (column !== undefined) column[row] = chosen[position] ?? reference;
        });
      });
    }
    return defaultSweep.map((lambda, step) => {
      const metrics = routingMetrics({
        table,
        outcome: outcomeOfChoices(table, perLambda[step] ?? []),
        reference,
        weak,
      });
      // Unrounded: a quality of 94.996 % must not pass a 95 % target, here or in the gateway's lambdaForQualityLoss.
      return { lambda, qualityPercent: metrics.qualityPercent, costPercent: metrics.costPercent };
    });
  };
  // The L2 penalty decides how much a rare word may move a prediction: too little and the router
  // memorises training prompts (below the single-model frontier on new ones), too much and it only
  // knows each model's average. Chosen per dataset on the cross-fitted curve, never on validation.
  const grid = options.fit?.l2 === undefined ? l2Grid : [options.fit.l2];
  let best: { l2: number; points: NonNullable<LinearRouter['operatingPoints']>; area: number } | undefined;
  for (const l2 of grid) {
    const points = crossFit(l2);
    const area = curveArea(points);
    if (best === undefined || area > best.area) best = { l2, points, area };
  }
  const chosen = best ?? { l2: l2Grid[0] ?? 1e-2, points: [], area: 0 };
  let lambda = 0;
  for (const point of chosen.points) if (point.qualityPercent >= target) lambda = Math.max(lambda, point.lambda);
  const weights = fitModels({ features, targets, rows, dimensions, fit: { l2: chosen.l2, epochs } });
  return { ...base, lambda, operatingPoints: chosen.points, fit: { l2: chosen.l2, epochs }, models: describe(weights) };
}

/** L2 penalties tried when the caller does not fix one. */
export const l2Grid: readonly number[] = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1];
const defaultEpochs = 4;
/** Cost levels (% of the reference) at which a cross-fitted curve is scored: cheap and dear alike. */
const scoredCosts = [2, 5, 10, 20, 30, 50, 70];

/** Mean quality of a curve (mixing allowed) over {@link scoredCosts}; below its cheapest point counts as 0. */
function curveArea(points: NonNullable<LinearRouter['operatingPoints']>): number {
  return mean(scoredCosts.map((cost) => qualityAtCost(points, cost) ?? 0));
}

/** The router's predicted success and expected cost (in reference calls) per candidate and prompt. */
export interface RouterPredictions {
  /** Table column of each router candidate. */
  columns: number[];
  success: Float64Array[];
  cost: Float64Array[];
}

/**
 * Scores every prompt of a table once, so a λ sweep is only an argmax per point. A router trained
 * with embeddings needs `embeddings`: the table's prompt embeddings, row-aligned, unit length.
 */
export function predictTable(
  compiled: CompiledRouter,
  table: RoutingTable,
  embeddings?: readonly Float32Array[],
): RouterPredictions {
  const { router, weights } = compiled;
  const features = table.prompts.map((prompt, row) =>
    withEmbedding(
      router,
      hashFeatures({ text: prompt.text, inputTokens: prompt.inputTokens, bits: router.featureBits }),
      embeddings?.[row],
    ),
  );
  return {
    columns: router.models.map((model) => modelIndex(table, model.name)),
    success: router.models.map((_, index) =>
      Float64Array.from(features, (example) =>
        predictLogistic({ weights: weights[index] ?? new Float64Array() }, example),
      ),
    ),
    cost: router.models.map((model) =>
      Float64Array.from(
        table.prompts,
        (prompt) =>
          Math.max(0, model.costIntercept + model.costPerInputToken * prompt.inputTokens) / router.referenceMeanCost,
      ),
    ),
  };
}

/** The router's choice for every prompt at cost weight λ, as model indices of the table. Same rule as {@link chooseModel}. */
export function choicesAt(predictions: RouterPredictions, lambda: number): Int32Array {
  const count = predictions.success[0]?.length ?? 0;
  return Int32Array.from({ length: count }, (_, row) => {
    let best = 0;
    let bestUtility = Number.NEGATIVE_INFINITY;
    predictions.columns.forEach((_column, index) => {
      const utility = (predictions.success[index]?.[row] ?? 0) - lambda * (predictions.cost[index]?.[row] ?? 0);
      if (utility > bestUtility) {
        bestUtility = utility;
        best = index;
      }
    });
    return predictions.columns[best] ?? 0;
  });
}
