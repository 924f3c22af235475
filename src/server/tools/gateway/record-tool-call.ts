/**
 * Completion stage: one ledger record per tool call, allowed or refused (kind `tool.call`, the canonical tool,
 * who, status, error code, latency, the arguments' digest, whether budgets counted it), and its metrics. The
 * record goes through the ledger's own cleaning (`sanitizeRecord`), so no caller-chosen string fails a batch.
 */
import type { RequestRecord } from '../../../contract/index.js';
import { recordEveryCall, type CompletionStage } from '../../gateway/index.js';
import { sanitizeRecord } from '../../ledger/index.js';
import type { Metrics } from '../../telemetry/index.js';
import type { ToolCall } from './tool-call.js';
import { defineToolCallMetrics } from './tool-call-metrics.js';

/** The surface a tool call's record names: whatever protocol carried it, it came through the tool gateway. */
export const toolCallSurface = 'tools';

export function toToolCallRecord(call: ToolCall, finishedAt: number): RequestRecord {
  const caller = call.caller;
  const latencyMs = Math.round((finishedAt - call.startedAt) * 1000) / 1000;
  return sanitizeRecord({
    id: call.id,
    at: call.receivedAt.toISOString(),
    orgId: caller?.orgId ?? null,
    teamId: caller?.teamId ?? null,
    projectId: caller?.projectId ?? null,
    keyId: caller?.keyId ?? null,
    surface: toolCallSurface,
    requestedModel: null,
    servedModel: null,
    provider: call.tool?.definition.upstream ?? null,
    stream: false,
    status: call.status,
    errorCode: call.error?.code ?? null,
    tier: caller?.tier ?? null,
    endUser: call.endUser ?? null,
    tags: call.tags ?? null,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: call.costUsd ?? 0,
    latencyMs,
    overheadMs: 0,
    attempts: call.result === undefined ? 0 : 1,
    routePolicy: null,
    routeChoice: null,
    routeReason: null,
    cacheStatus: null,
    dataFindings: null,
    usageEstimated: false,
    sanitized: false,
    charged: call.charged,
    kind: call.kind,
    // The canonical name, or the name asked for when no tool was found (bounded by the ledger's cleaning).
    tool: call.tool?.canonicalName ?? call.requestedName,
    argumentsDigest: call.argumentsDigest ?? null,
  });
}

export interface RecordToolCallOptions {
  /** Where records go: the ledger writer's `append` (batched). */
  append: (record: RequestRecord) => void;
  metrics: Metrics;
  now: () => number;
}

export function recordToolCall(options: RecordToolCallOptions): CompletionStage<ToolCall> {
  const observe = defineToolCallMetrics(options.metrics);
  return recordEveryCall<ToolCall, RequestRecord>({
    toRecord: toToolCallRecord,
    append: options.append,
    observe: (call, record) => observe(call, record.latencyMs),
    now: options.now,
  });
}
