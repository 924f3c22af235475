/**
 * The rules of an approval as pure transitions: each takes the stored approval and returns the next one (or
 * throws the PodiumError the caller sees). The service persists them with a conditional write, so a transition
 * computed from a stale read is simply recomputed. See docs/approvals.md for why the rules are these.
 */
import { approvalsNeeded, PodiumError, type ApprovalChannel, type ApprovalVerdict } from '../../../contract/index.js';
import type { StoredApproval } from './approval-records.js';

export interface VoteInput {
  approver: string;
  verdict: ApprovalVerdict;
  comment?: string | undefined;
  via: ApprovalChannel;
}

/** What the sweeper did to a due approval. */
export type DueAction = 'remind' | 'escalate' | 'expire';

const plus = (at: Date, milliseconds: number): string => new Date(at.getTime() + milliseconds).toISOString();

/** When a stage starting at `start` sends its reminder: null without one, or when the deadline comes first. */
export function reminderTime(options: { start: Date; timeoutMs: number; remindAfterMs: number | null }): string | null {
  const { start, timeoutMs, remindAfterMs } = options;
  return remindAfterMs === null || remindAfterMs >= timeoutMs ? null : plus(start, remindAfterMs);
}

function assertPending(approval: StoredApproval): void {
  if (approval.state !== 'pending') {
    throw new PodiumError(
      'conflict',
      `approval "${approval.id}" is already ${approval.state} (${approval.outcomeReason ?? 'final'})`,
      { param: 'id' },
    );
  }
}

/** Throws 403 unless `person` may act at the current stage, naming a delegation when that is why not. */
function assertCurrentApprover(options: { approval: StoredApproval; person: string; param: string }): void {
  const { approval, person, param } = options;
  if (approval.approvers.includes(person)) return;
  const handedOver = approval.delegations.find(
    (delegation) => delegation.stage === approval.stage && delegation.from === person,
  );
  const why =
    handedOver === undefined
      ? `approvers at stage ${approval.stage}: ${approval.approvers.join(', ')}`
      : `delegated to "${handedOver.to}"`;
  throw new PodiumError('permission_denied', `"${person}" may not act on approval "${approval.id}" (${why})`, {
    param,
  });
}

function assertNotVoted(options: { approval: StoredApproval; person: string; param: string }): void {
  const { approval, person, param } = options;
  const earlier = approval.votes.find((vote) => vote.stage === approval.stage && vote.approver === person);
  if (earlier !== undefined) {
    throw new PodiumError('conflict', `"${person}" already voted ${earlier.verdict} on approval "${approval.id}"`, {
      param,
    });
  }
}

/**
 * Records a vote of a current approver. A deny is a veto: the approval is denied at once. An approve counts
 * toward the current stage's quorum; reaching it approves.
 * @throws PodiumError `conflict` (final approval, or already voted at this stage), `permission_denied` (not a
 * current approver: a stranger, an earlier stage's approver, or someone who delegated their vote).
 */
export function castVote(options: { approval: StoredApproval; vote: VoteInput; now: Date }): StoredApproval {
  const { approval, vote, now } = options;
  assertPending(approval);
  assertCurrentApprover({ approval, person: vote.approver, param: 'approver' });
  assertNotVoted({ approval, person: vote.approver, param: 'approver' });
  const at = now.toISOString();
  const votes = [
    ...approval.votes,
    {
      approver: vote.approver,
      verdict: vote.verdict,
      comment: vote.comment ?? null,
      via: vote.via,
      at,
      stage: approval.stage,
    },
  ];
  const decided = { decidedAt: at, remindAt: null };
  if (vote.verdict === 'deny') {
    const reason = `denied by ${vote.approver}${vote.comment ? `: ${vote.comment}` : ''}`;
    return { ...approval, votes, state: 'denied', outcomeReason: reason, ...decided };
  }
  const approvedBy = votes
    .filter((cast) => cast.stage === approval.stage && cast.verdict === 'approve')
    .map((cast) => cast.approver);
  const needed = approvalsNeeded(approval);
  if (approvedBy.length < needed) return { ...approval, votes };
  const reason = `quorum reached (${needed} of ${approval.approvers.length}): approved by ${approvedBy.join(', ')}`;
  return { ...approval, votes, state: 'approved', outcomeReason: reason, ...decided };
}

/**
 * Hands `from`'s place among the current approvers to `to` for this stage: `to` may vote, `from` no longer.
 * @throws PodiumError `conflict` (final, or `from` already voted), `permission_denied` (`from` is not a current
 * approver), `invalid_request` (`to` already is one).
 */
export function delegateVote(options: {
  approval: StoredApproval;
  from: string;
  to: string;
  by: string;
  now: Date;
}): StoredApproval {
  const { approval, from, to, by, now } = options;
  assertPending(approval);
  assertCurrentApprover({ approval, person: from, param: 'from' });
  assertNotVoted({ approval, person: from, param: 'from' });
  if (approval.approvers.includes(to)) {
    throw new PodiumError('invalid_request', `"${to}" is already an approver of approval "${approval.id}"`, {
      param: 'to',
    });
  }
  return {
    ...approval,
    approvers: approval.approvers.map((approver) => (approver === from ? to : approver)),
    delegations: [...approval.delegations, { from, to, by, at: now.toISOString(), stage: approval.stage }],
  };
}

/**
 * The sweeper's step for a pending approval, or undefined when nothing is due. A passed deadline wins over a
 * reminder: the next group takes over with a fresh deadline (votes so far stay on the record but do not count
 * there), or, after the last group, `onTimeout` decides.
 */
export function advance(options: {
  approval: StoredApproval;
  now: Date;
}): { next: StoredApproval; action: DueAction } | undefined {
  const { approval, now } = options;
  if (approval.state !== 'pending') return undefined;
  if (Date.parse(approval.deadline) <= now.getTime()) {
    const group = approval.escalation[approval.stage];
    if (group !== undefined) {
      const next: StoredApproval = {
        ...approval,
        stage: approval.stage + 1,
        approvers: [...group],
        deadline: plus(now, approval.timeoutMs),
        remindAt: reminderTime({ start: now, timeoutMs: approval.timeoutMs, remindAfterMs: approval.remindAfterMs }),
      };
      return { next, action: 'escalate' };
    }
    const state = approval.onTimeout === 'approve' ? 'approved' : 'expired';
    return {
      next: { ...approval, state, outcomeReason: 'timed out', decidedAt: now.toISOString(), remindAt: null },
      action: 'expire',
    };
  }
  if (approval.remindAt !== null && Date.parse(approval.remindAt) <= now.getTime()) {
    return { next: { ...approval, remindAt: null }, action: 'remind' };
  }
  return undefined;
}

/** The current approvers who have not voted at this stage: whom a reminder or an escalation addresses. */
export function waitingOn(approval: StoredApproval): string[] {
  const voted = new Set(approval.votes.filter((vote) => vote.stage === approval.stage).map((vote) => vote.approver));
  return approval.approvers.filter((approver) => !voted.has(approver));
}
