import { randomUUID } from 'node:crypto';
import {
  budgetDefinitionSchema,
  PodiumError,
  type BudgetDefinition,
  type BudgetRequest,
} from '../../../contract/index.js';
import { toIsoString, toIsoStringOrNull } from '../../store/index.js';
import type { SqlClient } from '../../store/index.js';

/** A request to store: an increase of `budgetId`, or a new `allocation`. Validation is the caller's. */
export interface NewBudgetRequest {
  budgetId: string | null;
  allocation: BudgetDefinition | null;
  amount: number;
  requestedBy: string;
  justification: string;
  expectedValue: string | null;
}

export interface BudgetRequestDecision {
  state: 'granted' | 'denied';
  decidedBy: string;
  comment: string | null;
}

/** Budget requests and their decisions; rows are never deleted, so they are the history. */
export interface BudgetRequestRepository {
  create(request: NewBudgetRequest): Promise<BudgetRequest>;
  get(id: string): Promise<BudgetRequest | undefined>;
  /** Newest first. */
  list(filter?: { state?: BudgetRequest['state'] | undefined; limit?: number | undefined }): Promise<BudgetRequest[]>;
  /**
   * Decides a pending request, atomically: of two concurrent decisions exactly one wins.
   * @throws PodiumError `not_found` for an unknown id, `conflict` when it is no longer pending.
   */
  decide(id: string, decision: BudgetRequestDecision): Promise<BudgetRequest>;
  /**
   * Puts a decided request back to pending (its decision cleared): the undo of `decide` when applying a grant
   * failed. Undefined when the request is not in state `from`.
   */
  reopen(id: string, from: BudgetRequestDecision['state']): Promise<BudgetRequest | undefined>;
}

interface BudgetRequestRow {
  id: string;
  budget_id: string | null;
  allocation: unknown;
  amount: number;
  requested_by: string;
  justification: string;
  expected_value: string | null;
  state: BudgetRequest['state'];
  decided_by: string | null;
  decision_comment: string | null;
  created_at: Date;
  decided_at: Date | null;
}

const columns =
  'id, budget_id, allocation, amount, requested_by, justification, expected_value, state, decided_by, decision_comment, created_at, decided_at';

const toBudgetRequest = (row: BudgetRequestRow): BudgetRequest => ({
  id: row.id,
  budgetId: row.budget_id,
  allocation: row.allocation === null ? null : budgetDefinitionSchema.parse(row.allocation),
  amount: row.amount,
  requestedBy: row.requested_by,
  justification: row.justification,
  expectedValue: row.expected_value,
  state: row.state,
  decidedBy: row.decided_by,
  decisionComment: row.decision_comment,
  createdAt: toIsoString(row.created_at),
  decidedAt: toIsoStringOrNull(row.decided_at),
});

/** The budget request repository over `sql`. */
export function createBudgetRequestRepository(sql: SqlClient): BudgetRequestRepository {
  const get = async (id: string): Promise<BudgetRequest | undefined> => {
    const [row] = await sql.query<BudgetRequestRow>(`SELECT ${columns} FROM budget_requests WHERE id = $1`, [id]);
    return row && toBudgetRequest(row);
  };

  return {
    async create(request) {
      const [row] = await sql.query<BudgetRequestRow>(
        `INSERT INTO budget_requests (id, budget_id, allocation, amount, requested_by, justification, expected_value)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING ${columns}`,
        [
          `breq_${randomUUID().replaceAll('-', '')}`,
          request.budgetId,
          request.allocation === null ? null : JSON.stringify(request.allocation),
          request.amount,
          request.requestedBy,
          request.justification,
          request.expectedValue,
        ],
      );
      if (row === undefined) throw new PodiumError('internal_error', 'the database returned no row for an insert');
      return toBudgetRequest(row);
    },

    get,

    async list(filter = {}) {
      const rows = await sql.query<BudgetRequestRow>(
        `SELECT ${columns} FROM budget_requests WHERE $1::text IS NULL OR state = $1
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [filter.state ?? null, filter.limit ?? 1000],
      );
      return rows.map(toBudgetRequest);
    },

    async decide(id, decision) {
      // The state test in the WHERE clause is the lock: a concurrent decision finds no pending row.
      const [row] = await sql.query<BudgetRequestRow>(
        `UPDATE budget_requests SET state = $2, decided_by = $3, decision_comment = $4, decided_at = now()
         WHERE id = $1 AND state = 'pending' RETURNING ${columns}`,
        [id, decision.state, decision.decidedBy, decision.comment],
      );
      if (row !== undefined) return toBudgetRequest(row);
      const current = await get(id);
      if (current === undefined)
        throw new PodiumError('not_found', `budget request "${id}" not found`, { param: 'id' });
      throw new PodiumError(
        'conflict',
        `budget request "${id}" was already ${current.state} by ${current.decidedBy ?? 'someone'}`,
        { param: 'id' },
      );
    },

    async reopen(id, from) {
      const [row] = await sql.query<BudgetRequestRow>(
        `UPDATE budget_requests SET state = 'pending', decided_by = NULL, decision_comment = NULL, decided_at = NULL
         WHERE id = $1 AND state = $2 RETURNING ${columns}`,
        [id, from],
      );
      return row && toBudgetRequest(row);
    },
  };
}
