import type { SpendReport, SpendReportQuery } from '../../../contract/index.js';
import type { SqlClient } from '../../store/index.js';

export type SpendGrouping = SpendReportQuery['by'];
export type SpendRow = SpendReport['rows'][number];

/** Spend over [from, to) grouped one way. Instants are ISO strings; turning a period into them is the caller's job. */
export interface SpendQuery {
  by: SpendGrouping;
  /** Inclusive. */
  from: string;
  /** Exclusive. */
  to: string;
}

/** Chargeback figures read from the request ledger. */
export interface SpendReportRepository {
  /** One row per group, most expensive first; `totalUsd` is summed by the database, exactly. */
  spend(query: SpendQuery): Promise<{ rows: SpendRow[]; totalUsd: number }>;
}

interface SpendSqlRow {
  grp: string | null;
  label: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unpriced_requests: number;
  total_usd: number;
}

/** What each grouping groups by, and the human name shown next to an id. */
const groupings: Record<SpendGrouping, { group: string; label: string; join: string }> = {
  team: { group: 'r.team_id', label: 't.name', join: 'LEFT JOIN teams t ON t.id = r.team_id' },
  // A project's name is unique only within its team, so its label carries both.
  project: {
    group: 'r.project_id',
    label: "t.name || '/' || p.name",
    join: 'LEFT JOIN projects p ON p.id = r.project_id LEFT JOIN teams t ON t.id = p.team_id',
  },
  key: { group: 'r.key_id', label: 'k.prefix', join: 'LEFT JOIN api_keys k ON k.id = r.key_id' },
  // The alias the caller asked for is what teams choose and budget; the served model is the router's choice.
  model: { group: 'r.requested_model', label: 'NULL::text', join: '' },
  provider: { group: 'r.provider', label: 'NULL::text', join: '' },
  tier: { group: 'r.tier', label: 'NULL::text', join: '' },
  user: { group: 'r.end_user', label: 'NULL::text', join: '' },
};

const statement = (by: SpendGrouping): string => {
  const { group, label, join } = groupings[by];
  // Unpriced means "served, but no price known": failed calls with no cost are not under-reported spend.
  return `SELECT ${group} AS grp, ${label} AS label,
    count(*) AS requests,
    coalesce(sum(r.input_tokens), 0) AS input_tokens,
    coalesce(sum(r.output_tokens), 0) AS output_tokens,
    coalesce(sum(r.cost_usd), 0) AS cost_usd,
    count(*) FILTER (WHERE r.cost_usd IS NULL AND r.status < 400) AS unpriced_requests,
    sum(coalesce(sum(r.cost_usd), 0)) OVER () AS total_usd
  FROM requests r ${join}
  WHERE r.at >= $1 AND r.at < $2
  GROUP BY 1, 2
  ORDER BY cost_usd DESC, requests DESC, grp NULLS LAST`;
};

/** The spend report repository over `sql`. */
export function createSpendReportRepository(sql: SqlClient): SpendReportRepository {
  return {
    async spend(query) {
      const rows = await sql.query<SpendSqlRow>(statement(query.by), [query.from, query.to]);
      return {
        rows: rows.map((row) => ({
          group: row.grp,
          label: row.label,
          requests: row.requests,
          inputTokens: row.input_tokens,
          outputTokens: row.output_tokens,
          costUsd: row.cost_usd,
          unpricedRequests: row.unpriced_requests,
        })),
        totalUsd: rows[0]?.total_usd ?? 0,
      };
    },
  };
}
