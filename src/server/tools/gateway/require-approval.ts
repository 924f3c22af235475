/**
 * Stage: a permit carrying `@approval("alice, bob")` lets the call through only with a human's yes. The approval
 * is bound to the exact call — caller (org, key, agent, user), canonical tool, arguments' digest, policy revision
 * — so the same call made again once approved runs (the upstream call uses it, once: see `useApproval`), a
 * changed argument or a changed policy set finds none and asks again, and a denied or expired one is refused
 * (403) and retired, so the next identical call asks again.
 */
import { PodiumError, type Approval } from '../../../contract/index.js';
import type { AdmissionStage } from '../../gateway/index.js';
import type { ApprovalService } from '../../governance/approvals/index.js';
import type { PolicyCheck } from '../../governance/policies/index.js';
import { canonicalDigest } from './arguments-digest.js';
import { redactJson } from './redact-personal-data.js';
import type { ToolApprovalGrants } from './tool-approval-grants.js';
import type { ToolCall, ToolCallApproval } from './tool-call.js';

export interface RequireApprovalOptions {
  check: PolicyCheck;
  approvals: Pick<ApprovalService, 'request' | 'get'>;
  grants: ToolApprovalGrants;
  /** How long a human has to decide, and then the caller to make the call again (`tools.approvalTimeoutMs`). */
  timeoutMs: number;
  now: () => Date;
}

/** `key:key_1/agent:refund-bot/user:ada`: who asks, as approvals and the audit trail name them. */
export function actorOf(call: ToolCall): string {
  const parts = [`key:${call.caller?.keyId ?? 'unknown'}`];
  if (call.agent !== undefined) parts.push(`agent:${call.agent}`);
  if (call.endUser !== undefined) parts.push(`user:${call.endUser}`);
  return parts.join('/').slice(0, 200);
}

/** The approvers the deciding permits name, or none when no human is needed. */
function approversFor(call: ToolCall, check: PolicyCheck): string[] {
  const names = new Set<string>();
  for (const policy of call.decidedBy) for (const name of check.engine.approvers(policy) ?? []) names.add(name);
  return [...names].slice(0, 50);
}

/** What one approval is bound to. */
function bindingOf(call: ToolCall): string {
  return canonicalDigest({
    org: call.caller?.orgId ?? null,
    key: call.caller?.keyId ?? null,
    agent: call.agent ?? null,
    user: call.endUser ?? null,
    tool: call.tool?.canonicalName ?? null,
    arguments: call.argumentsDigest ?? null,
    revision: call.policyRevision ?? null,
  });
}

const pendingState = (approval: Approval, binding: string, approvers: readonly string[]): ToolCallApproval => ({
  id: approval.id,
  state: 'requested',
  expiresAt: approval.deadline,
  approvers,
  binding,
});

export function requireApproval(options: RequireApprovalOptions): AdmissionStage<ToolCall> {
  const { approvals, grants, timeoutMs, now } = options;
  const refuse = async (call: ToolCall, state: 'denied' | 'expired', approval: ToolCallApproval) => {
    call.approval = { ...approval, state };
    await grants.close({ binding: approval.binding, approvalId: approval.id, at: now() });
    throw state === 'denied'
      ? new PodiumError('approval_denied', `The approval ${approval.id} for this call was denied.`, { param: 'name' })
      : new PodiumError(
          'approval_expired',
          `The approval ${approval.id} for this call expired before it was used; make the call again to ask again.`,
          { param: 'name' },
        );
  };

  return async (call) => {
    const tool = call.tool;
    const caller = call.caller;
    if (!tool || !caller || call.decidedBy.length === 0) return;
    const approvers = approversFor(call, options.check);
    if (approvers.length === 0) return;
    const binding = bindingOf(call);
    const grant = await grants.find(binding);
    const existing = grant && grant.usedBy === null ? await approvals.get(grant.approvalId) : undefined;
    if (existing) {
      const state = pendingState(existing, binding, approvers);
      const at = now().getTime();
      if (existing.state === 'denied') return refuse(call, 'denied', state);
      if (existing.state === 'expired') return refuse(call, 'expired', state);
      if (existing.state === 'approved') {
        // A yes is good for one more timeout after it was given: an agent that comes back days later asks again.
        const decidedAt = Date.parse(existing.decidedAt ?? existing.createdAt);
        const usableUntil = new Date(decidedAt + timeoutMs).toISOString();
        if (at > decidedAt + timeoutMs) return refuse(call, 'expired', { ...state, expiresAt: usableUntil });
        call.approval = { ...state, state: 'approved', expiresAt: usableUntil };
        return;
      }
      if (at >= Date.parse(existing.deadline)) return refuse(call, 'expired', state);
      call.approval = state;
      return;
    }
    const approval = await approvals.request({
      // A retired grant's approval can still be `pending` in the approval service until its sweep marks it
      // expired, and the service answers a request for a pending decision id with that approval: naming the
      // retired one in the id asks anew instead of binding the call to the expired approval again. Racing
      // callers see the same retired grant, so they still share one approval.
      decisionId: grant ? `tool.call/${binding}/${grant.approvalId}` : `tool.call/${binding}`,
      tenant: caller.orgId,
      requester: actorOf(call),
      summary: `${actorOf(call)} asks to call ${tool.canonicalName}`.slice(0, 500),
      // What the approvers judge: the tool and its arguments, personal data replaced by its class.
      proposal: { tool: tool.canonicalName, arguments: redactJson(call.arguments).value },
      context: {
        callId: call.id,
        upstream: tool.definition.upstream,
        tool: tool.definition.name,
        argumentsDigest: call.argumentsDigest ?? null,
        policyRevision: call.policyRevision ?? null,
        policies: [...call.decidedBy],
        dataClasses: [...call.dataClasses],
      },
      approvers,
      quorum: 1,
      timeoutMs,
      onTimeout: 'deny',
    });
    const bound = await grants.open({ binding, tenant: caller.orgId, approvalId: approval.id, at: now() });
    const current = bound === approval.id ? approval : ((await approvals.get(bound)) ?? approval);
    call.approval = pendingState(current, binding, approvers);
  };
}

/**
 * Uses an approved call's approval, atomically, right before the upstream is called (not at admission: a call
 * the budget then refuses keeps its approval). Two retries racing: one runs, the other gets 409.
 */
export async function useApproval(call: ToolCall, grants: ToolApprovalGrants, now: () => Date): Promise<void> {
  const approval = call.approval;
  if (approval?.state !== 'approved') return;
  const used = await grants.use({ binding: approval.binding, approvalId: approval.id, callId: call.id, at: now() });
  if (!used) {
    throw new PodiumError(
      'conflict',
      `The approval ${approval.id} was already used by another call; make the call again to ask for a new approval.`,
      { param: 'name' },
    );
  }
  approval.state = 'used';
}
