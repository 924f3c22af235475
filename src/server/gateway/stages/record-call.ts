/** Completion stage: one ledger record and the request metrics for every call, whatever its outcome. */
import type { RequestRecord } from '../../../contract/index.js';
import { sanitizeRecord, type LedgerWriter } from '../../ledger/index.js';
import { metricNames, otherLabelValue, type Metrics } from '../../telemetry/index.js';
import type { CallBase } from '../call.js';
import type { CompletionStage } from '../gateway.js';
import type { GatewayCall } from '../gateway-call.js';

/**
 * The ledger row for a finished model call. Caller-chosen strings (end user, tags, model asked for) and
 * upstream numbers are cleaned and bounded here, at the source, so no caller can fail the batch insert.
 */
export function toRequestRecord(call: GatewayCall, finishedAt: number): RequestRecord {
  const usage = call.usage;
  return sanitizeRecord({
    id: call.id,
    at: call.receivedAt.toISOString(),
    orgId: call.caller?.orgId ?? null,
    teamId: call.caller?.teamId ?? null,
    projectId: call.caller?.projectId ?? null,
    keyId: call.caller?.keyId ?? null,
    surface: call.surface,
    requestedModel: call.requestedModel ?? null,
    servedModel: call.target?.model ?? null,
    provider: call.target?.provider.name ?? null,
    stream: call.stream,
    status: call.status,
    errorCode: call.error?.code ?? null,
    tier: call.caller?.tier ?? null,
    endUser: call.endUser ?? null,
    tags: call.tags ?? null,
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cacheReadTokens: usage?.cacheReadTokens ?? 0,
    cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    costUsd: call.costUsd === undefined ? 0 : call.costUsd,
    latencyMs: Math.round((finishedAt - call.startedAt) * 1000) / 1000,
    overheadMs: Math.round(call.overheadMs * 1000) / 1000,
    attempts: call.attempts,
    routePolicy: call.routing?.policy ?? null,
    routeChoice: call.routing?.choice ?? null,
    routeReason: call.routing?.reason ?? null,
    cacheStatus: call.cacheStatus ?? null,
    dataFindings: call.findings.length > 0 ? call.findings.map((finding) => ({ ...finding })) : null,
    usageEstimated: call.usageEstimated,
    sanitized: false,
    charged: call.charged,
  });
}

export interface RecordOptions<C extends CallBase, R> {
  /** The kind's record of a finished call (for a model call, `toRequestRecord`). */
  toRecord: (call: C, finishedAt: number) => R;
  /** Where records go (batched: the ledger writer's `append`). */
  append: (record: R) => void;
  /** The kind's metrics for the finished call and its record. */
  observe?: (call: C, record: R) => void;
  now: () => number;
}

/** The generic completion stage: every call of a kind leaves one record, whatever its outcome. */
export function recordEveryCall<C extends CallBase, R>(options: RecordOptions<C, R>): CompletionStage<C> {
  const { toRecord, append, observe, now } = options;
  return (call) => {
    const record = toRecord(call, now());
    append(record);
    observe?.(call, record);
  };
}

/** The model call's metrics: requests by surface, model and status; tokens and cost by served model. */
function observeModelCall(metrics: Metrics): (call: GatewayCall, record: RequestRecord) => void {
  return (call, record) => {
    // The requested name is the caller's string until a route resolved it to a configured alias.
    const requested = call.route
      ? (record.requestedModel ?? '')
      : record.requestedModel === null
        ? ''
        : otherLabelValue;
    metrics.increment(metricNames.requests, { surface: call.surface, model: requested, status: String(record.status) });
    if (record.servedModel && call.usage) {
      const model = record.servedModel;
      if (record.usageEstimated) metrics.increment(metricNames.usageEstimated, { model });
      metrics.increment(metricNames.tokens, { model, kind: 'input' }, record.inputTokens);
      metrics.increment(metricNames.tokens, { model, kind: 'output' }, record.outputTokens);
      if (record.costUsd) metrics.increment(metricNames.costUsd, { model }, record.costUsd);
    }
  };
}

/** The model call's record stage: its ledger row and metrics. */
export function recordCall(options: { ledger: LedgerWriter; metrics: Metrics; now: () => number }): CompletionStage {
  const { ledger } = options;
  return recordEveryCall({
    toRecord: toRequestRecord,
    append: (record) => ledger.append(record),
    observe: observeModelCall(options.metrics),
    now: options.now,
  });
}
