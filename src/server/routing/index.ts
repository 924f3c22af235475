export { evaluatePolicies } from './offline/evaluate-policies.js';
export type { EvaluationReport, PolicyCurve } from './offline/evaluate-policies.js';
export type { CurvePoint } from './offline/cost-quality-curve.js';
export { compileRouter, chooseModel, routerFeatures, linearRouterSchema, lambdaForQualityLoss } from './offline/linear-router.js';
export type { CompiledRouter, LinearRouter } from './offline/linear-router.js';
export { readRouterFile, writeRouterFile } from './offline/router-file.js';
export { loadRoutingData } from './offline/load-routing-data.js';
export type { LoadRoutingDataOptions } from './offline/load-routing-data.js';
export type { LoadedTable } from './offline/load-outcome-folder.js';
export { routellmStrongModel } from './offline/load-routellm.js';
export { routellmPublishedCpt50, routellmPublishedFor } from './offline/routellm-published.js';
export type { RoutellmBenchmark } from './offline/routellm-published.js';
export type { RoutingPrompt, RoutingTable } from './offline/routing-table.js';
export { selectPrompts } from './offline/routing-table.js';
export { describeSplit, splitTrainValidation } from './offline/split-train-validation.js';
export type { SplitOptions, TrainValidationSplit } from './offline/split-train-validation.js';
export { trainLinearRouter } from './offline/train-linear-router.js';
export { embedPrompts } from './offline/prompt-embeddings.js';
export type { EmbedPromptsOptions, EmbedTexts, PromptEmbeddings } from './offline/prompt-embeddings.js';
export { createLocalTextEmbedder } from './offline/local-text-embedder.js';
export type { TrainRouterOptions } from './offline/train-linear-router.js';
export { renderCostQualitySvg } from './offline/render-cost-quality-svg.js';
export type { CostQualitySvgOptions } from './offline/render-cost-quality-svg.js';
export { renderCostQualityPng } from './offline/render-cost-quality-png.js';
export type { CostQualityPngOptions } from './offline/render-cost-quality-png.js';
export { formatEvaluation, representativePoint } from './offline/format-evaluation.js';
export { qualityAtCost } from './offline/cost-quality-curve.js';
export {
  createCascadeExecutor,
  cascadeOutcomesMetric,
  loadRoutedModels,
  requestPrompt,
  routeRoutedModel,
  routingDecisionsMetric,
  sameAnswer,
  finalAnswer,
  createLearnedPolicy,
  createRulesPolicy,
} from './online/index.js';
export type { AskModel, CascadeExecutorOptions, LoadRoutedModelsOptions, RequestPrompt, RoutedModel, RouteChoice, RoutingPolicy, SchemaCheck } from './online/index.js';
export { createShadowReporter, createShadowSampler, shadowSamplesMetric } from './shadow/index.js';
export type { ShadowReporterOptions, ShadowSampler, ShadowSamplerOptions } from './shadow/index.js';
