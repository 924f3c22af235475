/**
 * What approvals need from storage: the database repository (approval-repository.ts) and the in-memory one
 * (memory-approval-records.ts, for the service's tests) implement it, and one conformance suite holds both to it.
 */
import type { Approval, ApprovalState } from '../../../contract/index.js';

/** An approval as stored: the API shape plus its row version (optimistic concurrency) and the private callback. */
export type StoredApproval = Approval & {
  /** Bumped by every `replace`; a replace naming an older version changes nothing. */
  readonly version: number;
  readonly callbackUrl: string | null;
};

export interface ApprovalRecordFilter {
  state?: ApprovalState | undefined;
  /** Matches the current approvers. */
  approver?: string | undefined;
  limit: number;
}

/** Durable approvals. Every write is conditional, so replicas sharing a database never both act on one change. */
export interface ApprovalRecords {
  /**
   * Stores a new pending approval (version 1). A tenant's decision has at most one pending approval: asking
   * again returns the pending one with `created: false` (a retried request does not notify twice).
   */
  create(approval: Omit<StoredApproval, 'version'>): Promise<{ approval: StoredApproval; created: boolean }>;
  get(id: string): Promise<StoredApproval | undefined>;
  /** Newest first. */
  list(filter: ApprovalRecordFilter): Promise<StoredApproval[]>;
  /**
   * Writes the mutable fields (state, stage, approvers, votes, delegations, deadline, remindAt, decidedAt,
   * outcomeReason) if the stored version is still `next.version`; returns the row with its new version, or
   * undefined when someone else changed it first.
   */
  replace(next: StoredApproval): Promise<StoredApproval | undefined>;
  /** Pending approvals whose deadline or reminder time is at or before `now`, soonest first. */
  due(options: { now: Date; limit: number }): Promise<StoredApproval[]>;
  /**
   * Claims the delivery of a final approval's outcome: succeeds once, or again when the previous claim is
   * older than `staleBefore` and was never settled (the claimant crashed or its hook failed).
   */
  claimOutcome(options: { id: string; now: Date; staleBefore: Date }): Promise<StoredApproval | undefined>;
  /** Final approvals whose outcome is unsettled and unclaimed (or claimed before `staleBefore`). */
  unsettled(options: { staleBefore: Date; limit: number }): Promise<string[]>;
  /** Marks the outcome delivered: it is never claimed again. */
  settleOutcome(options: { id: string; at: Date }): Promise<void>;
}
