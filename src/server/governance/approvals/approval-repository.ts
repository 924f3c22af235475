import { z } from 'zod';
import {
  approvalDelegationSchema,
  approvalVoteSchema,
  PodiumError,
  type ApprovalState,
} from '../../../contract/index.js';
import { toIsoString, toIsoStringOrNull } from '../../store/index.js';
import type { SqlClient } from '../../store/index.js';
import type { ApprovalRecords, StoredApproval } from './approval-records.js';

interface ApprovalRow {
  id: string;
  version: number;
  decision_id: string;
  tenant: string;
  requester: string;
  summary: string;
  proposal: unknown;
  context: Record<string, unknown>;
  state: ApprovalState;
  stage: number;
  approvers: string[];
  quorum: number;
  escalation: unknown;
  votes: unknown;
  delegations: unknown;
  timeout_ms: number;
  remind_after_ms: number | null;
  on_timeout: 'deny' | 'approve';
  callback_url: string | null;
  deadline: Date;
  remind_at: Date | null;
  created_at: Date;
  decided_at: Date | null;
  outcome_reason: string | null;
}

const columns = `id, version, decision_id, tenant, requester, summary, proposal, context, state, stage, approvers, quorum, escalation,
  votes, delegations, timeout_ms, remind_after_ms, on_timeout, callback_url, deadline, remind_at, created_at, decided_at, outcome_reason`;

// Stored JSON is parsed at the boundary: a row written by hand or by a newer release fails here, by name.
const escalationSchema = z.array(z.array(z.string()));
const votesSchema = z.array(approvalVoteSchema);
const delegationsSchema = z.array(approvalDelegationSchema);

const toRecord = (row: ApprovalRow): StoredApproval => ({
  id: row.id,
  version: row.version,
  decisionId: row.decision_id,
  tenant: row.tenant,
  requester: row.requester,
  summary: row.summary,
  proposal: row.proposal,
  context: row.context,
  state: row.state,
  stage: row.stage,
  approvers: row.approvers,
  quorum: row.quorum,
  escalation: escalationSchema.parse(row.escalation),
  votes: votesSchema.parse(row.votes),
  delegations: delegationsSchema.parse(row.delegations),
  timeoutMs: row.timeout_ms,
  remindAfterMs: row.remind_after_ms,
  onTimeout: row.on_timeout,
  callbackUrl: row.callback_url,
  deadline: toIsoString(row.deadline),
  remindAt: toIsoStringOrNull(row.remind_at),
  createdAt: toIsoString(row.created_at),
  decidedAt: toIsoStringOrNull(row.decided_at),
  outcomeReason: row.outcome_reason,
});

/** Serialised by us: node-postgres would send a JS string as bare text and an array as a PostgreSQL array. */
const json = (value: unknown): string => JSON.stringify(value ?? null);

/**
 * Approvals in PostgreSQL/PGlite (migration 8). Every write is conditional: on the row's version, or on the
 * outcome not being claimed, so replicas never both act on one change.
 */
export function createApprovalRepository(sql: SqlClient): ApprovalRecords {
  const one = async (text: string, params: readonly unknown[]): Promise<StoredApproval | undefined> => {
    const [row] = await sql.query<ApprovalRow>(text, params);
    return row && toRecord(row);
  };

  const insert = (approval: Omit<StoredApproval, 'version'>) =>
    one(
      `INSERT INTO approvals (id, decision_id, tenant, requester, summary, proposal, context, state, stage, approvers, quorum, escalation,
         votes, delegations, timeout_ms, remind_after_ms, on_timeout, callback_url, deadline, remind_at, created_at, decided_at, outcome_reason)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16, $17, $18,
         $19::timestamptz, $20::timestamptz, $21::timestamptz, $22::timestamptz, $23)
       ON CONFLICT (tenant, decision_id) WHERE state = 'pending' DO NOTHING
       RETURNING ${columns}`,
      [
        approval.id,
        approval.decisionId,
        approval.tenant,
        approval.requester,
        approval.summary,
        json(approval.proposal),
        json(approval.context),
        approval.state,
        approval.stage,
        approval.approvers,
        approval.quorum,
        json(approval.escalation),
        json(approval.votes),
        json(approval.delegations),
        approval.timeoutMs,
        approval.remindAfterMs,
        approval.onTimeout,
        approval.callbackUrl,
        approval.deadline,
        approval.remindAt,
        approval.createdAt,
        approval.decidedAt,
        approval.outcomeReason,
      ],
    );

  return {
    async create(approval) {
      // Two attempts: the pending approval that blocked the insert may be decided before we read it.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const inserted = await insert(approval);
        if (inserted !== undefined) return { approval: inserted, created: true };
        const pending = await one(
          `SELECT ${columns} FROM approvals WHERE tenant = $1 AND decision_id = $2 AND state = 'pending'`,
          [approval.tenant, approval.decisionId],
        );
        if (pending !== undefined) return { approval: pending, created: false };
      }
      throw new PodiumError('conflict', `decision "${approval.decisionId}" keeps changing: file the approval again`, {
        param: 'decisionId',
        retryable: true,
      });
    },

    get: (id) => one(`SELECT ${columns} FROM approvals WHERE id = $1`, [id]),

    async list(filter) {
      const rows = await sql.query<ApprovalRow>(
        `SELECT ${columns} FROM approvals
         WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR approvers @> ARRAY[$2::text])
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [filter.state ?? null, filter.approver ?? null, filter.limit],
      );
      return rows.map(toRecord);
    },

    replace: (next) =>
      one(
        `UPDATE approvals SET version = version + 1, state = $3, stage = $4, approvers = $5, votes = $6::jsonb, delegations = $7::jsonb,
           deadline = $8::timestamptz, remind_at = $9::timestamptz, decided_at = $10::timestamptz, outcome_reason = $11
         WHERE id = $1 AND version = $2 RETURNING ${columns}`,
        [
          next.id,
          next.version,
          next.state,
          next.stage,
          next.approvers,
          json(next.votes),
          json(next.delegations),
          next.deadline,
          next.remindAt,
          next.decidedAt,
          next.outcomeReason,
        ],
      ),

    async due({ now, limit }) {
      const rows = await sql.query<ApprovalRow>(
        `SELECT ${columns} FROM approvals
         WHERE state = 'pending' AND (deadline <= $1::timestamptz OR remind_at <= $1::timestamptz)
         ORDER BY LEAST(deadline, remind_at), id LIMIT $2`,
        [now.toISOString(), limit],
      );
      return rows.map(toRecord);
    },

    claimOutcome: ({ id, now, staleBefore }) =>
      one(
        `UPDATE approvals SET outcome_claimed_at = $2::timestamptz
         WHERE id = $1 AND state <> 'pending' AND outcome_settled_at IS NULL
           AND (outcome_claimed_at IS NULL OR outcome_claimed_at <= $3::timestamptz)
         RETURNING ${columns}`,
        [id, now.toISOString(), staleBefore.toISOString()],
      ),

    async unsettled({ staleBefore, limit }) {
      const rows = await sql.query<{ id: string }>(
        `SELECT id FROM approvals
         WHERE state <> 'pending' AND outcome_settled_at IS NULL AND (outcome_claimed_at IS NULL OR outcome_claimed_at <= $1::timestamptz)
         ORDER BY decided_at, id LIMIT $2`,
        [staleBefore.toISOString(), limit],
      );
      return rows.map((row) => row.id);
    },

    async settleOutcome({ id, at }) {
      await sql.query('UPDATE approvals SET outcome_settled_at = $2::timestamptz WHERE id = $1', [
        id,
        at.toISOString(),
      ]);
    },
  };
}
