/**
 * The tool-call pipeline, declared once: a tool call is a kind of call (`tool.call`) through the same generic
 * stages as a model call — identify, attribute, policy, budget, settle, record — with its own stages between
 * them, in this order (docs/architecture.md):
 *   identify → attribute → resolve tool → validate arguments → policy (`tool.call`) → approval → budget
 *   → [screen result ⟩ check result ⟩ call upstream] → settle → finish holds → record → audit.
 * A part left out (no policies, no budgets, no ledger) is skipped, never reordered. A call waiting for a human
 * stops after the approval stage: nothing later in admission runs and the upstream is not called.
 */
import type { BudgetEngine } from '../budgets/index.js';
import type { RequestRecord, ToolCost } from '../../contract/index.js';
import {
  attributeCall,
  finishHolds,
  settleHolds,
  type AdmissionStage,
  type CallExecutor,
  type CompletionStage,
  type PipelineStages,
  type SettlementStage,
} from '../gateway/index.js';
import type { ApprovalService } from '../governance/approvals/index.js';
import type { PolicyCheck } from '../governance/policies/index.js';
import type { SchemaValidator } from '../structured/index.js';
import type { Metrics } from '../telemetry/index.js';
import {
  attributeAgent,
  authorizeToolCall,
  callToolUpstream,
  checkToolResult,
  recordToolCall,
  requireApproval,
  reserveToolBudget,
  resolveTool,
  screenToolResult,
  toolCosts,
  validateToolArguments,
  type ResultDataAction,
  type ToolApprovalGrants,
  type ToolCall,
  type ToolCallAudit,
  type ToolCallSink,
  type ToolCatalog,
  type CatalogTool,
} from '../tools/index.js';

type ToolExecutor = CallExecutor<ToolCall, ToolCallSink>;

export interface ToolCallPipelineParts {
  catalog: Pick<ToolCatalog, 'resolve' | 'upstream'>;
  /** Who is calling: `identifyCaller(identity)` (the Podium key, as for model calls). */
  identify: AdmissionStage<ToolCall>;
  /** The JSON Schema validator (structured outputs'): arguments and results. */
  validator: SchemaValidator;
  metrics: Metrics;
  /** `tools.costs`, `tools.approvalTimeoutMs`, `tools.maxResultBytes` of podium.yaml. */
  config: { costs: Readonly<Record<string, ToolCost>>; approvalTimeoutMs: number; maxResultBytes: number };
  /** An upstream's `timeoutMs` (podium.yaml). */
  timeoutMs: (upstream: string) => number;
  /**
   * Cedar policies (`tool.call`, `tool.result`) and the approvals `@approval` permits ask for. Approvals come
   * with policies, never without: a permit that names approvers must not run without them.
   */
  policy?:
    | {
        check: PolicyCheck;
        approvals: Pick<ApprovalService, 'request' | 'get'>;
        grants: ToolApprovalGrants;
        onError?: ((error: unknown) => void) | undefined;
      }
    | undefined;
  /** Budgets charged per call (`config.costs`). */
  budget?: { engine: BudgetEngine; onError: (error: unknown) => void } | undefined;
  /** What data protection does with each class in a tool's results (absent: every class is redacted). */
  resultActions?: ((tool: CatalogTool) => Partial<Record<string, ResultDataAction>>) | undefined;
  /** The ledger writer's `append`. */
  record?: ((record: RequestRecord) => void) | undefined;
  /** `createToolCallAudit({ append: auditLog.append, … })`. */
  audit?: ToolCallAudit | undefined;
  now?: (() => Date) | undefined;
  /** performance.now(), for latencies. */
  clock?: (() => number) | undefined;
  onStageError?: ((error: unknown) => void) | undefined;
}

type Step<T> = readonly [name: string, part: T | undefined];

export interface ToolCallPipeline {
  stages: PipelineStages<ToolCall, ToolCallSink>;
  /** The steps present, in order (`admission:identify`, `executor:screen-result`, …): for logs and tests. */
  steps: readonly string[];
}

/** Admission after the approval stage does nothing for a call that waits for a human. */
const unlessPending = (stage: AdmissionStage<ToolCall> | undefined): AdmissionStage<ToolCall> | undefined =>
  stage && ((call) => (call.approval?.state === 'requested' ? undefined : stage(call)));

/** Builds the tool call's stages from the parts present, in the one order. */
export function declareToolCallPipeline(parts: ToolCallPipelineParts): ToolCallPipeline {
  const now = parts.now ?? (() => new Date());
  const clock = parts.clock ?? (() => performance.now());
  const cost = toolCosts(parts.config.costs);
  const { policy, budget } = parts;
  const admission: Step<AdmissionStage<ToolCall>>[] = [
    ['identify', parts.identify],
    ['attribute', attributeCall],
    ['attribute-agent', attributeAgent],
    ['resolve-tool', resolveTool(parts.catalog)],
    // Before policies: they judge the validated arguments, and their personal data classes.
    ['validate-arguments', validateToolArguments(parts.validator)],
    ['policy', policy && authorizeToolCall({ check: policy.check, onError: policy.onError })],
    [
      'approval',
      policy &&
        requireApproval({
          check: policy.check,
          approvals: policy.approvals,
          grants: policy.grants,
          timeoutMs: parts.config.approvalTimeoutMs,
          now,
        }),
    ],
    // After the approval: a call waiting for a human reserves nothing, and a refused one keeps its approval.
    [
      'reserve-budget',
      unlessPending(budget && reserveToolBudget({ engine: budget.engine, cost, onError: budget.onError })),
    ],
  ];
  // Outermost first: screening sees only results that passed their output schema.
  const wrappers: Step<(inner: ToolExecutor) => ToolExecutor>[] = [
    [
      'screen-result',
      screenToolResult({
        check: policy?.check,
        actions: parts.resultActions,
        maxResultBytes: parts.config.maxResultBytes,
      }),
    ],
    ['check-result', checkToolResult(parts.validator)],
  ];
  const settlement: Step<SettlementStage<ToolCall>>[] = [['settle-holds', settleHolds]];
  const completion: Step<CompletionStage<ToolCall>>[] = [
    ['finish-holds', finishHolds],
    ['record', parts.record && recordToolCall({ append: parts.record, metrics: parts.metrics, now: clock })],
    ['audit', parts.audit?.stage],
  ];
  const present = <T>(steps: readonly Step<T>[]): (readonly [string, T])[] =>
    steps.filter((step): step is readonly [string, T] => step[1] !== undefined);
  const upstream = callToolUpstream({
    catalog: parts.catalog,
    grants: policy?.grants,
    cost,
    timeoutMs: parts.timeoutMs,
    now,
  });
  const executor = present(wrappers).reduceRight((inner, [, wrap]) => wrap(inner), upstream);
  const stages: PipelineStages<ToolCall, ToolCallSink> = {
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
      'executor:call-upstream',
      ...named('settlement', settlement),
      ...named('completion', completion),
    ],
  };
}
