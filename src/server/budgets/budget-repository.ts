import { budgetDefinitionSchema, PodiumError, type BudgetDefinition } from '../../contract/index.js';
import type { SqlClient } from '../store/index.js';

/** Budgets created through the admin API; podium.yaml budgets live in the file, never here. */
export interface BudgetRepository {
  /** Every stored definition, by id. */
  list(): Promise<BudgetDefinition[]>;
  get(id: string): Promise<BudgetDefinition | undefined>;
  /** Stores the definition under its id, replacing any stored one; returns it as read back. */
  upsert(definition: BudgetDefinition): Promise<BudgetDefinition>;
  /** False when there was nothing to remove. */
  remove(id: string): Promise<boolean>;
  /**
   * Changes whenever a definition is added, replaced or removed (a digest of every id and its definition):
   * what replicas poll, one small query, to reload only when another replica changed something. A digest,
   * not `max(updated_at)`: a replace that commits after a newer one would not move the maximum.
   */
  watermark(): Promise<string>;
}

interface BudgetRow {
  id: string;
  definition: unknown;
}

/**
 * Stored JSON is parsed like any other input: a row written by an older release gets today's defaults, and
 * one that no longer validates fails loudly, naming the budget, instead of reaching the engine half-formed.
 */
function toDefinition(row: BudgetRow): BudgetDefinition {
  const parsed = budgetDefinitionSchema.safeParse(row.definition);
  if (parsed.success) return parsed.data;
  throw new PodiumError(
    'internal_error',
    `stored budget "${row.id}" is not a valid definition: ${parsed.error.message}`,
    { cause: parsed.error },
  );
}

/** The budget repository over `sql`. */
export function createBudgetRepository(sql: SqlClient): BudgetRepository {
  return {
    async list() {
      const rows = await sql.query<BudgetRow>('SELECT id, definition FROM budgets ORDER BY id');
      return rows.map(toDefinition);
    },

    async get(id) {
      const [row] = await sql.query<BudgetRow>('SELECT id, definition FROM budgets WHERE id = $1', [id]);
      return row && toDefinition(row);
    },

    async upsert(definition) {
      const valid = budgetDefinitionSchema.parse(definition);
      const rows = await sql.query<BudgetRow>(
        `INSERT INTO budgets (id, definition) VALUES ($1, $2::jsonb)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = now()
         RETURNING id, definition`,
        [valid.id, JSON.stringify(valid)],
      );
      const [row] = rows;
      if (row === undefined) throw new PodiumError('internal_error', 'the database returned no row for an upsert');
      return toDefinition(row);
    },

    async remove(id) {
      const rows = await sql.query('DELETE FROM budgets WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },

    async watermark() {
      const [row] = await sql.query<{ digest: string | null }>(
        `SELECT md5(string_agg(id || '=' || definition::text, ',' ORDER BY id)) AS digest FROM budgets`,
      );
      return row?.digest ?? 'empty';
    },
  };
}
