import type { RequestPage, RequestRecord } from '../../contract/index.js';
import { decodeLedgerCursor, encodeLedgerCursor } from './ledger-cursor.js';
import { requestColumnList, requestColumns, toRequestRecord, type RequestRow } from './ledger-rows.js';
import type { SqlClient } from '../store/index.js';

/** Which ledger rows to list. Ids are resolved ones: turning a team or key name into an id is the caller's job. */
export interface LedgerFilter {
  /** Only this organisation's calls: a tenant never sees another's. */
  orgId?: string | undefined;
  teamId?: string | undefined;
  keyId?: string | undefined;
  /** Matches the model asked for or the model that served. */
  model?: string | undefined;
  /** `model.call` or `tool.call`. */
  kind?: string | undefined;
  /** A tool's canonical name. */
  tool?: string | undefined;
  /** ISO timestamp, inclusive. */
  since?: string | undefined;
  /** ISO timestamp, exclusive. */
  until?: string | undefined;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

/** The request ledger: written in batches, read newest first. */
export interface LedgerRepository {
  /** Writes the batch in one statement; ids already stored are skipped, so a retried batch never duplicates. */
  insertMany(records: readonly RequestRecord[]): Promise<void>;
  /**
   * One page, newest first, keyset-paginated on (at, id): rows inserted while paging never shift a page.
   * @throws PodiumError `invalid_request` for a malformed cursor.
   */
  list(filter: LedgerFilter): Promise<RequestPage>;
  /** Number of stored rows. */
  count(): Promise<number>;
  /** What the ledger says a budget scope has used in [since, until): rebuilds in-process counters at start. */
  usageForScope(filter: ScopeUsageFilter): Promise<{ usd: number; tokens: number; requests: number }>;
}

/** A budget scope as ledger columns: `tag` is `name=value` against the tags object. */
export interface ScopeUsageFilter {
  kind: 'organization' | 'team' | 'project' | 'key' | 'user' | 'tag' | 'model' | 'provider';
  /** The id (organisation, team, project, key) or the verbatim value (user, tag, model, provider). */
  value: string;
  since: string;
  until: string | null;
  /** Only this team's calls (user and tag budgets are per team: their values are chosen by the caller). */
  teamId?: string | undefined;
}

const scopeColumn: Record<Exclude<ScopeUsageFilter['kind'], 'tag'>, string> = {
  organization: 'org_id',
  team: 'team_id',
  project: 'project_id',
  key: 'key_id',
  user: 'end_user',
  model: 'requested_model',
  provider: 'provider',
};

/**
 * One array parameter per column, unnested into rows: one parameter per column whatever the batch size, so no batch hits
 * the protocol's 65,535-parameter limit, and the statement text never changes.
 */
const insertStatement = `INSERT INTO requests (${requestColumnList})
SELECT ${requestColumns.map(([name]) => (name === 'tags' || name === 'data_findings' ? `u.${name}::jsonb` : `u.${name}`)).join(', ')}
FROM unnest(${requestColumns.map(([, sqlType], index) => `$${index + 1}::${sqlType}[]`).join(', ')}) AS u(${requestColumnList})
ON CONFLICT (id) DO NOTHING`;

/** The ledger repository over `sql`. */
export function createLedgerRepository(sql: SqlClient): LedgerRepository {
  return {
    async insertMany(records) {
      if (records.length === 0) return;
      await sql.query(
        insertStatement,
        requestColumns.map(([, , value]) => records.map(value)),
      );
    },

    async list(filter) {
      const params: unknown[] = [];
      const bind = (value: unknown): string => `$${params.push(value)}`;
      const conditions: string[] = [];
      if (filter.orgId !== undefined) conditions.push(`org_id = ${bind(filter.orgId)}`);
      if (filter.teamId !== undefined) conditions.push(`team_id = ${bind(filter.teamId)}`);
      if (filter.kind !== undefined) conditions.push(`kind = ${bind(filter.kind)}`);
      if (filter.tool !== undefined) conditions.push(`tool = ${bind(filter.tool)}`);
      if (filter.keyId !== undefined) conditions.push(`key_id = ${bind(filter.keyId)}`);
      if (filter.model !== undefined) {
        const model = bind(filter.model);
        conditions.push(`(requested_model = ${model} OR served_model = ${model})`);
      }
      if (filter.since !== undefined) conditions.push(`at >= ${bind(filter.since)}`);
      if (filter.until !== undefined) conditions.push(`at < ${bind(filter.until)}`);
      if (filter.cursor !== undefined) {
        const after = decodeLedgerCursor(filter.cursor);
        conditions.push(`(at, id) < (${bind(after.at)}::timestamptz, ${bind(after.id)}::text)`);
      }
      // One row more than asked tells whether another page exists without a count.
      const rows = await sql.query<RequestRow>(
        `SELECT ${requestColumnList} FROM requests
         ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
         ORDER BY at DESC, id DESC LIMIT ${bind(filter.limit + 1)}`,
        params,
      );
      const data = rows.slice(0, filter.limit).map(toRequestRecord);
      const last = data.at(-1);
      return { data, nextCursor: rows.length > filter.limit && last !== undefined ? encodeLedgerCursor(last) : null };
    },

    async usageForScope(filter) {
      const params: unknown[] = [filter.since, filter.until];
      const bind = (value: unknown): string => `$${params.push(value)}`;
      const conditions: string[] = [];
      if (filter.kind === 'tag') {
        const at = filter.value.indexOf('=');
        conditions.push(`tags ->> ${bind(filter.value.slice(0, at))} = ${bind(filter.value.slice(at + 1))}`);
      } else {
        conditions.push(`${scopeColumn[filter.kind]} = ${bind(filter.value)}`);
      }
      if (filter.teamId !== undefined) conditions.push(`team_id = ${bind(filter.teamId)}`);
      // What budgets count live (the gateway's chargesBudgets, recorded as `charged`); rows from before the
      // column existed fall back to their status, so a refused or failed call is never counted either way.
      const rows = await sql.query<{ usd: number | null; tokens: number | null; requests: number }>(
        `SELECT sum(cost_usd)::double precision AS usd, sum(input_tokens + output_tokens)::bigint AS tokens, count(*)::int AS requests
         FROM requests WHERE at >= $1 AND ($2::timestamptz IS NULL OR at < $2) AND coalesce(charged, status < 400) AND ${conditions.join(' AND ')}`,
        params,
      );
      const row = rows[0];
      return { usd: row?.usd ?? 0, tokens: row?.tokens ?? 0, requests: row?.requests ?? 0 };
    },

    async count() {
      const [row] = await sql.query<{ count: number }>('SELECT count(*) AS count FROM requests');
      return row?.count ?? 0;
    },
  };
}
