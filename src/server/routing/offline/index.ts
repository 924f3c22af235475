/**
 * The offline routing lab: loaders, training, evaluation and plotting for `podium route train|eval`
 * and `bench/`, plus the router-file API they share with the server (re-exported from
 * `learned-router/`). The server process never loads this entry point: a dependency-cruiser rule
 * (`server-loads-no-offline-routing`) forbids any import of `offline/` from `src/server/`.
 */
export { evaluatePolicies } from './evaluate-policies.js';
export type { EvaluationReport, PolicyCurve } from './evaluate-policies.js';
export type { CurvePoint } from './cost-quality-curve.js';
export {
  compileRouter,
  chooseModel,
  routerFeatures,
  linearRouterSchema,
  lambdaForQualityLoss,
} from '../learned-router/linear-router.js';
export type { CompiledRouter, LinearRouter } from '../learned-router/linear-router.js';
export { readRouterFile, writeRouterFile } from '../learned-router/router-file.js';
export { loadRoutingData } from './load-routing-data.js';
export type { LoadRoutingDataOptions } from './load-routing-data.js';
export type { LoadedTable } from './load-outcome-folder.js';
export { routellmStrongModel } from './load-routellm.js';
export { routellmPublishedCpt50, routellmPublishedFor } from './routellm-published.js';
export type { RoutellmBenchmark } from './routellm-published.js';
export type { RoutingPrompt, RoutingTable } from './routing-table.js';
export { selectPrompts } from './routing-table.js';
export { describeSplit, splitTrainValidation } from './split-train-validation.js';
export type { SplitOptions, TrainValidationSplit } from './split-train-validation.js';
export { trainLinearRouter } from './train-linear-router.js';
export { embedPrompts } from './prompt-embeddings.js';
export type { EmbedPromptsOptions, EmbedTexts, PromptEmbeddings } from './prompt-embeddings.js';
export { createLocalTextEmbedder } from './local-text-embedder.js';
export type { TrainRouterOptions } from './train-linear-router.js';
export { renderCostQualitySvg } from './render-cost-quality-svg.js';
export type { CostQualitySvgOptions } from './render-cost-quality-svg.js';
export { renderCostQualityPng } from './render-cost-quality-png.js';
export type { CostQualityPngOptions } from './render-cost-quality-png.js';
export { formatEvaluation, representativePoint } from './format-evaluation.js';
export { qualityAtCost } from './cost-quality-curve.js';
