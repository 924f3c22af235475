/**
 * Admission stage: scans the text of a request for personal data and applies the policy for its
 * alias and every provider its route may reach — values of `redact` classes are replaced by
 * placeholders in both the parsed body and the bytes that pass-through forwards, and a `block`
 * class refuses the call before anything leaves. Runs after the route is final (routed aliases
 * resolved) and before the budget is reserved: a refused call reserves nothing.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage, GatewayCall } from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import { callAliases } from './call-aliases.js';
import { describeDataClass, type DataClass } from './data-class.js';
import type { DataPolicy, RequestActions } from './data-policy.js';
import { FindingTally } from './finding-tally.js';
import { findPii } from './find-pii.js';
import type { PiiSpan } from './pii-span.js';
import { definePiiMetrics } from './pii-metrics.js';
import { redactionSessionFor } from './redaction-session.js';
import { requestTexts, writeSlot, type TextSlot } from './request-texts.js';

export interface ProtectRequestOptions {
  policy: DataPolicy;
  metrics: Metrics;
}

interface ScannedSlot {
  slot: TextSlot;
  spans: PiiSpan[];
}

/** Builds the stage; declares `podium_pii_findings_total`. */
export function protectRequest(options: ProtectRequestOptions): AdmissionStage {
  definePiiMetrics(options.metrics);
  return (call) => {
    const scanned: ScannedSlot[] = [];
    for (const slot of requestTexts(call.surface, call.body)) {
      const spans = findPii(slot.text);
      if (spans.length > 0) scanned.push({ slot, spans });
    }
    if (scanned.length === 0) return;
    const providers = call.route?.targets.map((target) => target.provider.name) ?? [];
    const policy = options.policy.forCall({ aliases: callAliases(call), providers });
    const tally = new FindingTally('request');
    const blocked = firstBlocked(scanned, policy);
    if (blocked) {
      for (const { spans } of scanned) for (const span of spans) tally.add(span.dataClass, 'blocked');
      tally.record(call, options.metrics);
      throw refusal(call, { ...blocked, provider: policy.blockedBy[blocked.dataClass] });
    }
    const session = redactionSessionFor(call);
    let rewritten = false;
    for (const { slot, spans } of scanned) {
      const redacted = spans.filter((span) => policy.actions[span.dataClass] === 'redact');
      for (const span of spans)
        tally.add(span.dataClass, policy.actions[span.dataClass] === 'redact' ? 'redacted' : 'allowed');
      if (redacted.length === 0) continue;
      writeSlot(slot, session.replace(slot.text, redacted));
      rewritten = true;
    }
    if (rewritten) {
      // Same-protocol calls forward rawBody byte for byte: it must carry the redaction too.
      call.rawBody = Buffer.from(JSON.stringify(call.body));
      call.warnings.push(`data protection: redacted ${tally.summary('redacted')} in the request`);
    }
    tally.record(call, options.metrics);
  };
}

function firstBlocked(
  scanned: readonly ScannedSlot[],
  policy: RequestActions,
): { dataClass: DataClass; path: string } | undefined {
  for (const { slot, spans } of scanned) {
    const span = spans.find((candidate) => policy.actions[candidate.dataClass] === 'block');
    if (span) return { dataClass: span.dataClass, path: slot.path };
  }
  return undefined;
}

/** Names the class, where it was and the provider whose rule refused it; never the value. */
function refusal(
  call: GatewayCall,
  blocked: { dataClass: DataClass; path: string; provider: string | undefined },
): PodiumError {
  const target = blocked.provider === undefined ? '' : ` to provider "${blocked.provider}"`;
  const model = call.requestedModel === undefined ? '' : ` (model "${call.requestedModel}")`;
  return new PodiumError(
    'data_blocked',
    `Request blocked by the data protection policy: ${describeDataClass(blocked.dataClass)} was found in ${blocked.path}, and ${blocked.dataClass} data may not be sent${target}${model}. Remove it or ask an administrator to change the policy.`,
    { param: blocked.path },
  );
}
