import { budgetEventSchema, type BudgetEvent } from '../../../contract/index.js';
import { toIsoString } from '../../store/index.js';
import type { SqlClient } from '../../store/index.js';

/** Which events to list, newest first. */
export interface BudgetEventFilter {
  budgetId?: string | undefined;
  /** ISO timestamp, inclusive. */
  since?: string | undefined;
  limit: number;
}

/** Budget alerts as they fired: one row per budget, period, kind and threshold. */
export interface BudgetEventRepository {
  /**
   * Stores the event unless one with the same budget, period start, kind and threshold exists. True when it
   * was new: among replicas recording the same alert at once, exactly one gets true.
   */
  insertOnce(event: BudgetEvent): Promise<boolean>;
  list(filter: BudgetEventFilter): Promise<BudgetEvent[]>;
}

interface BudgetEventRow {
  id: string;
  at: Date;
  budget_id: string;
  kind: string;
  threshold: number | null;
  used: number;
  limit: number;
  period_start: Date;
  message: string;
}

const columns = 'id, at, budget_id, kind, threshold, used, "limit", period_start, message';

// `kind` is free text in the table: parsing keeps a row from a newer release from passing as a known kind.
const toBudgetEvent = (row: BudgetEventRow): BudgetEvent =>
  budgetEventSchema.parse({
    id: row.id,
    at: toIsoString(row.at),
    budgetId: row.budget_id,
    kind: row.kind,
    threshold: row.threshold,
    used: row.used,
    limit: row.limit,
    periodStart: toIsoString(row.period_start),
    message: row.message,
  });

/** The budget event repository over `sql`. */
export function createBudgetEventRepository(sql: SqlClient): BudgetEventRepository {
  return {
    async insertOnce(event) {
      // No conflict target: the unique index budget_events_once_idx (an expression index) and the primary
      // key both turn a duplicate into "nothing inserted".
      const rows = await sql.query(
        `INSERT INTO budget_events (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          event.id,
          event.at,
          event.budgetId,
          event.kind,
          event.threshold,
          event.used,
          event.limit,
          event.periodStart,
          event.message,
        ],
      );
      return rows.length === 1;
    },

    async list(filter) {
      const rows = await sql.query<BudgetEventRow>(
        `SELECT ${columns} FROM budget_events
         WHERE ($1::text IS NULL OR budget_id = $1) AND ($2::timestamptz IS NULL OR at >= $2)
         ORDER BY at DESC, id DESC LIMIT $3`,
        [filter.budgetId ?? null, filter.since ?? null, filter.limit],
      );
      return rows.map(toBudgetEvent);
    },
  };
}
