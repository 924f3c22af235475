/**
 * `podium_tool_calls_total{upstream,outcome}` and the call latency by upstream. Upstream names come from
 * podium.yaml and outcomes from the list below, so labels stay bounded; the registry caps them regardless.
 * The registry has counters only, so the latency histogram is written as Prometheus' three series of one.
 */
import type { Metrics } from '../../telemetry/index.js';
import type { ToolCall } from './tool-call.js';

export const toolCallsMetric = 'podium_tool_calls_total';
export const toolCallDurationMetric = 'podium_tool_call_duration_seconds';

/** Bucket bounds (seconds): tools range from a cache lookup to a slow SQL report. */
const buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export type ToolCallOutcomeLabel =
  | 'ok'
  | 'tool_error'
  | 'pending'
  | 'withheld'
  | 'denied'
  | 'invalid'
  | 'not_found'
  | 'unauthenticated'
  | 'budget'
  | 'upstream_error'
  | 'aborted'
  | 'error';

/** The outcome label of a finished call. */
export function outcomeOf(call: ToolCall): ToolCallOutcomeLabel {
  const code = call.error?.code;
  if (call.status === 499) return 'aborted';
  if (code === undefined) {
    if (call.approval?.state === 'requested') return 'pending';
    if (call.screening?.withheld === true) return 'withheld';
    return call.result?.isError === true ? 'tool_error' : 'ok';
  }
  if (code === 'policy_denied' || code === 'approval_denied' || code === 'approval_expired') return 'denied';
  if (code === 'invalid_tool_arguments') return 'invalid';
  if (code === 'tool_not_found') return 'not_found';
  if (code === 'missing_api_key' || code === 'invalid_api_key' || code === 'key_revoked') return 'unauthenticated';
  if (code === 'budget_exceeded' || code === 'rate_limited') return 'budget';
  if (code.startsWith('upstream_') || code === 'invalid_tool_result') return 'upstream_error';
  return 'error';
}

/** Declares the tool-call metrics; returns what observes one finished call. */
export function defineToolCallMetrics(metrics: Metrics): (call: ToolCall, latencyMs: number) => void {
  metrics.define(toolCallsMetric, 'counter', 'Tool calls by upstream and outcome.');
  metrics.define(`${toolCallDurationMetric}_bucket`, 'counter', 'Tool call latency histogram buckets (seconds).');
  metrics.define(`${toolCallDurationMetric}_sum`, 'counter', 'Tool call latency, total seconds.');
  metrics.define(`${toolCallDurationMetric}_count`, 'counter', 'Tool calls timed.');
  return (call, latencyMs) => {
    const upstream = call.tool?.definition.upstream ?? 'none';
    metrics.increment(toolCallsMetric, { upstream, outcome: outcomeOf(call) });
    const seconds = latencyMs / 1000;
    for (const bound of buckets)
      if (seconds <= bound) metrics.increment(`${toolCallDurationMetric}_bucket`, { upstream, le: String(bound) });
    metrics.increment(`${toolCallDurationMetric}_bucket`, { upstream, le: '+Inf' });
    metrics.increment(`${toolCallDurationMetric}_sum`, { upstream }, seconds);
    metrics.increment(`${toolCallDurationMetric}_count`, { upstream });
  };
}
