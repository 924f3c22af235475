/**
 * What the authority records in the tamper-evident audit trail: every decision proposal and its
 * answer, every human approval's outcome, and every policy denial (model calls, proposals, budget
 * requests; enforced or log-only). Large context is recorded by reference (its SHA-256 and size):
 * the trail proves what was decided on, without becoming a copy of every document an agent attached.
 */
import { createHash } from 'node:crypto';
import type { Approval } from '../../../contract/index.js';
import type { AuditEntryInput } from '../audit/index.js';
import type { PolicyDenial } from '../policies/index.js';
import type { DecisionMaker, DecisionRecord } from './decision-record.js';

/** Values larger than this (canonical JSON bytes) are recorded as a digest. */
const inlineLimit = 16 * 1024;

export interface AuthorityAudit {
  /** Resolves once the decision is committed to the trail: its answer is not given before (fail closed). */
  recordDecision(record: DecisionRecord): Promise<void>;
  recordApproval(approval: Approval): Promise<void>;
  /** A policy denial of any action, enforced or let through by log-only; resolves once committed. */
  recordPolicyDenial(denial: PolicyDenial): Promise<void>;
}

export interface AuthorityAuditOptions {
  append: (input: AuditEntryInput) => Promise<unknown>;
}

/** Every method resolves once its entry is committed and rejects when it could not be: callers decide what a failure means. */
export function createAuthorityAudit(options: AuthorityAuditOptions): AuthorityAudit {
  return {
    async recordDecision(record) {
      const { answer } = record;
      await options.append({
        tenant: record.tenant,
        kind: 'decision',
        actor: actorOf(record.maker),
        subject: answer.id,
        payload: {
          decision: answer.decision,
          outcome: answer.outcome,
          tier: answer.tier,
          reasons: answer.reasons,
          policies: answer.policies,
          approvalId: answer.approvalId,
          // JSON has no undefined: a key that named no agent is recorded with `agent: null` (the entry would be refused).
          maker: record.maker.kind === 'key' ? { ...record.maker, agent: record.maker.agent ?? null } : record.maker,
          model: record.model ?? null,
          proposal: inlineOrDigest(record.proposal),
          context: inlineOrDigest(record.context),
          evidence: inlineOrDigest(record.evidence),
          receivedAt: record.receivedAt,
          decidedAt: record.decidedAt,
          durationMs: record.durationMs,
        },
      });
    },
    // Awaited by the approval service: a failure leaves the outcome unsettled, so it is recorded on a later sweep.
    async recordApproval(approval) {
      const approvers = approval.votes.filter((vote) => vote.verdict === 'approve').map((vote) => vote.approver);
      await options.append({
        tenant: approval.tenant,
        kind: 'approval',
        actor: approval.votes.at(-1)?.approver ?? 'system',
        subject: approval.decisionId.split('/').at(-1) ?? approval.decisionId,
        payload: {
          approvalId: approval.id,
          decision: approval.decisionId.split('/')[0] ?? approval.decisionId,
          state: approval.state,
          reason: approval.outcomeReason ?? null,
          approvedBy: approvers,
          votes: approval.votes,
          stage: approval.stage,
          requester: approval.requester,
          createdAt: approval.createdAt,
          decidedAt: approval.decidedAt ?? null,
        },
      });
    },
    async recordPolicyDenial(denial) {
      await options.append({
        tenant: denial.tenant,
        kind: 'policy',
        actor: denial.actor,
        subject: denial.subject,
        payload: {
          action: denial.action,
          resource: denial.resource,
          policies: denial.policies,
          enforced: denial.enforced,
          message: denial.message,
          context: inlineOrDigest(denial.context),
        },
      });
    },
  };
}

const actorOf = (maker: DecisionMaker): string =>
  maker.kind === 'human' ? `user:${maker.name}` : `key:${maker.keyId}${maker.agent ? `/agent:${maker.agent}` : ''}`;

function inlineOrDigest(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  if (Buffer.byteLength(json) <= inlineLimit) return value ?? null;
  return { sha256: createHash('sha256').update(json).digest('hex'), bytes: Buffer.byteLength(json), inline: false };
}
