/**
 * The model-call pipeline, declared once: every stage and executor wrapper in the order it runs. The
 * server (`start-gateway.ts`) and the test kit (`testkit/test-gateway.ts`) both build their gateway
 * from this list, so the two cannot disagree on the order; a part left out (no policies, no data
 * protection, no budgets…) is skipped, never reordered. The parts arrive built: this file decides
 * only where each one sits, and why there.
 */
import {
  admitRequest,
  attributeCall,
  authorizeModel,
  finishHolds,
  priceCall,
  resolveRoute,
  settleHolds,
} from '../gateway/index.js';
import type {
  AdmissionStage,
  Codecs,
  CompletionStage,
  Executor,
  GatewayStages,
  ModelCatalog,
  SettlementStage,
} from '../gateway/index.js';
import type { Metrics } from '../telemetry/index.js';

/** Cross-cutting behaviour around the provider call: `Executor → Executor`. */
export type ExecutorWrapper = (inner: Executor) => Executor;

export interface ModelCallPipelineParts {
  codecs: Codecs;
  catalog: ModelCatalog;
  metrics: Metrics;
  /** Who is calling: keys in the server, a fixed caller in the test kit. */
  identify: AdmissionStage;
  /** The provider call with retries and fallback (`createExecutor`): the innermost executor. */
  executor: Executor;
  /** A routed alias (learned, cascade, rules) to the candidate that serves it. */
  route?: AdmissionStage | undefined;
  /** Finds (and redacts or blocks) personal data in the request. */
  protectData?: AdmissionStage | undefined;
  /** Cedar policies over the call. */
  policy?: AdmissionStage | undefined;
  /** Summarises long contexts (its summaries are internal calls). */
  compress?: AdmissionStage | undefined;
  /** Reserves the call's maximum cost on its budgets. */
  reserveBudget?: AdmissionStage | undefined;
  redactAnswers?: ExecutorWrapper | undefined;
  cache?: ExecutorWrapper | undefined;
  shadow?: ExecutorWrapper | undefined;
  cascade?: ExecutorWrapper | undefined;
  enforceSchema?: ExecutorWrapper | undefined;
  /** The ledger record and request metrics. */
  record?: CompletionStage | undefined;
  /** The audit entry for personal data found. */
  auditFindings?: CompletionStage | undefined;
  /**
   * Stages under test (test kit only): extra admission after the capability stages, a wrapper just
   * around the provider call, extra completion last.
   */
  extra?:
    | { admission?: readonly AdmissionStage[]; wrap?: ExecutorWrapper; completion?: readonly CompletionStage[] }
    | undefined;
  onStageError?: (error: unknown) => void;
}

type Step<T> = readonly [name: string, part: T | undefined];

export interface ModelCallPipeline {
  stages: GatewayStages;
  /** The steps present, in order (`admission:identify`, `executor:cache`, …): for logs and tests. */
  steps: readonly string[];
}

/** Builds the gateway's stages from the parts present, in the one order. */
export function declareModelCallPipeline(parts: ModelCallPipelineParts): ModelCallPipeline {
  const admission: Step<AdmissionStage>[] = [
    ['identify', parts.identify],
    ['admit', admitRequest(parts.codecs.surfaces)],
    ['attribute', attributeCall],
    ['authorize-model', authorizeModel],
    ['resolve-route', resolveRoute(parts.catalog)],
    ['route', parts.route],
    // Personal data is found (and redacted or blocked) before policies judge what leaves.
    ['protect-data', parts.protectData],
    ['policy', parts.policy],
    // Before the reservation, so the budget is estimated on the prompt that will be sent.
    ['compress', parts.compress],
    ...(parts.extra?.admission ?? []).map((stage, index): Step<AdmissionStage> => [`extra-${index}`, stage]),
    ['reserve-budget', parts.reserveBudget],
  ];
  // Outermost first. Answer redaction wraps everything, so cached, cascaded and repaired answers are all
  // covered; the cache sits outside shadow sampling and the cascade (a hit skips them); schema
  // enforcement is innermost, so every answer with a schema is validated (and repaired once) before anything sees it.
  const wrappers: Step<(inner: Executor) => Executor>[] = [
    ['redact-answers', parts.redactAnswers],
    ['cache', parts.cache],
    ['shadow', parts.shadow],
    ['cascade', parts.cascade],
    ['enforce-schema', parts.enforceSchema],
    ['extra', parts.extra?.wrap],
  ];
  const settlement: Step<SettlementStage>[] = [
    ['price', priceCall(parts.metrics)],
    ['settle-holds', settleHolds],
  ];
  const completion: Step<CompletionStage>[] = [
    ['finish-holds', finishHolds],
    ['record', parts.record],
    ['audit-findings', parts.auditFindings],
    ...(parts.extra?.completion ?? []).map((stage, index): Step<CompletionStage> => [`extra-${index}`, stage]),
  ];
  const present = <T>(steps: readonly Step<T>[]): (readonly [string, T])[] =>
    steps.filter((step): step is readonly [string, T] => step[1] !== undefined);
  const executor = present(wrappers).reduceRight((inner, [, wrap]) => wrap(inner), parts.executor);
  const stages: GatewayStages = {
    admission: present(admission).map(([, stage]) => stage),
    executor,
    settlement: present(settlement).map(([, stage]) => stage),
    completion: present(completion).map(([, stage]) => stage),
    ...(parts.onStageError ? { onStageError: parts.onStageError } : {}),
  };
  const named = (phase: string, steps: readonly Step<unknown>[]): string[] =>
    present(steps).map(([name]) => `${phase}:${name}`);
  return {
    stages,
    steps: [
      ...named('admission', admission),
      ...named('executor', wrappers),
      'executor:provider',
      ...named('settlement', settlement),
      ...named('completion', completion),
    ],
  };
}
