/**
 * Completion stage: the tool call's own entry in the tamper-evident audit trail, for the calls people must be
 * able to reconstruct — refused by policy, sent to a human, run on a human's approval, refused after one,
 * withheld. It names the chain (user → agent → key → tool), the policy revision and the policies that decided,
 * the arguments' digest and their values with personal data replaced by its class, the latency and the outcome.
 * (The policy check's hook records the bare denial too; this entry is the tool call's view of it.) Appends are
 * not awaited on the call's path; a failure goes to `onError`.
 */
import type { AuditKind } from '../../../contract/index.js';
import type { CompletionStage } from '../../gateway/index.js';
import type { AuditEntryInput } from '../../governance/audit/index.js';
import { canonicalDigest } from './arguments-digest.js';
import { redactJson } from './redact-personal-data.js';
import { actorOf } from './require-approval.js';
import type { ToolCall } from './tool-call.js';
import { outcomeOf } from './tool-call-metrics.js';

/** Argument values larger than this (JSON) are recorded by digest and size only. */
const inlineLimit = 16 * 1024;

export interface AuditToolCallOptions {
  append: (input: AuditEntryInput) => Promise<unknown>;
  now: () => number;
  onError: (error: unknown) => void;
}

export interface ToolCallAudit {
  stage: CompletionStage<ToolCall>;
  /** Resolves once every entry begun so far is written (or failed): for shutdown and tests. */
  drain(): Promise<void>;
}

const denials = new Set(['policy_denied', 'approval_denied', 'approval_expired']);

/** Which entry a call gets, if any. */
function kindOf(call: ToolCall): AuditKind | undefined {
  const code = call.error?.code;
  if (call.approval !== undefined) return 'approval';
  if (code !== undefined && denials.has(code)) return 'policy';
  if (call.screening?.withheld === true) return 'policy';
  return undefined;
}

function argumentValues(call: ToolCall): unknown {
  const redacted = redactJson(call.arguments).value;
  const bytes = Buffer.byteLength(JSON.stringify(redacted));
  return bytes <= inlineLimit ? redacted : { sha256: canonicalDigest(redacted), bytes, inline: false };
}

export function createToolCallAudit(options: AuditToolCallOptions): ToolCallAudit {
  const inFlight = new Set<Promise<void>>();
  const stage: CompletionStage<ToolCall> = (call) => {
    const kind = kindOf(call);
    const caller = call.caller;
    if (kind === undefined || !caller) return;
    const payload = {
      callId: call.id,
      action: 'tool.call',
      outcome: outcomeOf(call),
      status: call.status,
      errorCode: call.error?.code ?? null,
      chain: {
        user: call.endUser ?? null,
        agent: call.agent ?? null,
        key: caller.keyId,
        team: caller.teamName,
        tool: call.tool?.canonicalName ?? call.requestedName.slice(0, 256),
      },
      policyRevision: call.policyRevision ?? null,
      policies: [...call.decidedBy],
      withheldBy: [...(call.screening?.withheldBy ?? [])],
      approval: call.approval
        ? { id: call.approval.id, state: call.approval.state, approvers: [...call.approval.approvers] }
        : null,
      argumentsDigest: call.argumentsDigest ?? null,
      arguments: argumentValues(call),
      dataClasses: [...call.dataClasses],
      latencyMs: Math.round((options.now() - call.startedAt) * 1000) / 1000,
    };
    const entry: AuditEntryInput = { tenant: caller.orgId, kind, actor: actorOf(call), subject: call.id, payload };
    const task = options
      .append(entry)
      .then(() => undefined, options.onError)
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  return {
    stage,
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
