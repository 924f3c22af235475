export { createShadowSampler, shadowSamplesMetric } from './shadow-sampler.js';
export type { ShadowSampler, ShadowSamplerOptions } from './shadow-sampler.js';
export { createShadowReporter } from './shadow-reporter.js';
export type { ShadowReporterOptions } from './shadow-reporter.js';
export { buildShadowReport } from './build-shadow-report.js';
export type { BuildShadowReportInput } from './build-shadow-report.js';
export { gradeExact, gradeJson, gradeNumeric, gradeByRule, gradingText } from './grade-answers.js';
export type { Grade, RuleGrader } from './grade-answers.js';
export { judgeAnswers, judgeRubric, parseVerdict } from './judge-answers.js';
export { wilsonInterval, ratioOfMeans, meanDifference } from './shadow-statistics.js';
export type { Interval, PairSums } from './shadow-statistics.js';
export { createShadowResultRepository } from './shadow-result-repository.js';
export type {
  RoutedCallCount,
  ShadowAggregate,
  ShadowResult,
  ShadowResultRepository,
  ShadowWindow,
} from './shadow-result-repository.js';
export { shadowMigrations } from './shadow-migrations.js';
