/**
 * Executor decorator: the answer of every client call passes through a RedactingSink under the
 * policy of the provider that served it. Podium's internal calls (cascade tiers, shadow and repair
 * calls) are left alone: their answers reach the client, if at all, through the parent call's sink,
 * which redacts them there, and a verifier should judge the real answer.
 */
import type { Executor } from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import { AnswerRedactor } from './answer-redactor.js';
import { callAliases } from './call-aliases.js';
import type { DataPolicy } from './data-policy.js';
import { FindingTally } from './finding-tally.js';
import { definePiiMetrics } from './pii-metrics.js';
import { RedactingSink } from './redacting-sink.js';
import { redactionSessionFor } from './redaction-session.js';

export interface RedactingExecutorOptions {
  inner: Executor;
  policy: DataPolicy;
  metrics: Metrics;
}

/** Wraps `inner` so answers are scanned and redacted; declares `podium_pii_findings_total`. */
export function createRedactingExecutor(options: RedactingExecutorOptions): Executor {
  const { inner, policy, metrics } = options;
  definePiiMetrics(metrics);
  return async (call, sink, settle) => {
    if (
      call.internal !== undefined ||
      call.surface === 'openai-embeddings' ||
      !policy.scansResponses(callAliases(call))
    ) {
      return inner(call, sink, settle);
    }
    const tally = new FindingTally('response');
    const redactor = new AnswerRedactor({
      session: redactionSessionFor(call),
      actions: () =>
        policy.forCall({ aliases: callAliases(call), providers: call.target ? [call.target.provider.name] : [] })
          .actions,
      tally,
    });
    try {
      await inner(call, new RedactingSink(sink, { surface: call.surface, redactor }), settle);
    } finally {
      tally.record(call, metrics);
    }
  };
}
