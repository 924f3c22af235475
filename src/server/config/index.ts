export { loadConfig, processConfigOptions } from './load-config.js';
export { validateBudgetDefinition } from './validate-references.js';
export { watchedConfigFiles } from './watched-config-files.js';
export type { BudgetProblem } from './validate-references.js';
export type { LoadConfigOptions, PodiumConfig } from './load-config.js';
export type { FileConfig, ModelConfig, Price, ProviderConfig, TargetConfig } from './config-schema.js';
export type { ServerSettings } from './server-env.js';
export type {
  CacheOptions,
  CacheStoreConfig,
  CascadeVerifyConfig,
  CompressionConfig,
  RouterConfig,
  RoutingRule,
  ShadowConfig,
  StructuredOutputConfig,
} from './route-options-schema.js';
export { fileConfigSchema } from './config-schema.js';
export { applyFirstRun } from './apply-first-run.js';
export { detectProviders } from './detect-providers.js';
export type { KeyedProvider, LocalServerCandidate, ProviderDetection } from './detect-providers.js';
export { firstRunModels } from './first-run-models.js';
export { firstRunAliases, renderPodiumYaml } from './render-podium-yaml.js';
export type { FirstRunSetup, LocalServer } from './render-podium-yaml.js';
