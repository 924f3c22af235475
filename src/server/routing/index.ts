/**
 * What the server runs: the online router (rules, learned, cascade) and shadow sampling. Training,
 * evaluation, loaders and plotting are the offline lab's, behind `offline/index.ts` (CLI and benches only).
 */
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
export type {
  AskModel,
  CascadeExecutorOptions,
  LoadRoutedModelsOptions,
  RequestPrompt,
  RoutedModel,
  RouteChoice,
  RoutingPolicy,
  SchemaCheck,
} from './online/index.js';
export { createShadowReporter, createShadowSampler, shadowSamplesMetric } from './shadow/index.js';
export type { ShadowReporterOptions, ShadowSampler, ShadowSamplerOptions } from './shadow/index.js';
export { createShadowResultRepository, shadowMigrations } from './shadow/index.js';
export type { ShadowResult, ShadowResultRepository } from './shadow/index.js';
