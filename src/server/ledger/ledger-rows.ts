import { dataFindingSchema, type RequestRecord } from '../../contract/index.js';
import { z } from 'zod';
import { toIsoString } from '../store/index.js';

/** Stored JSON is parsed at the boundary like any other input. */
const tagsSchema = z.record(z.string(), z.string()).nullable();
const dataFindingsSchema = z.array(dataFindingSchema).nullable();

/** A `requests` row as both drivers return it (int8 and numeric already numbers, see type-parsers.ts). */
export interface RequestRow {
  id: string;
  at: Date;
  org_id: string | null;
  team_id: string | null;
  project_id: string | null;
  key_id: string | null;
  surface: string;
  requested_model: string | null;
  served_model: string | null;
  provider: string | null;
  stream: boolean;
  status: number;
  error_code: string | null;
  tier: string | null;
  end_user: string | null;
  tags: unknown;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  overhead_ms: number;
  attempts: number;
  route_policy: string | null;
  route_choice: string | null;
  route_reason: string | null;
  cache_status: string | null;
  data_findings: unknown;
  usage_estimated: boolean;
  sanitized: boolean;
  charged: boolean | null;
  kind: string;
  tool: string | null;
  arguments_digest: string | null;
}

/** What a row without a kind is: every row written before tool calls existed. */
const modelCallKind = 'model.call';

type Column = readonly [name: keyof RequestRow, sqlType: string, value: (record: RequestRecord) => unknown];

/**
 * Every column with its SQL type and where its value comes from, in one place so the INSERT's column list,
 * its `unnest($n::type[])` arguments and the parameter arrays cannot drift apart.
 */
export const requestColumns: readonly Column[] = [
  ['id', 'text', (record) => record.id],
  ['at', 'timestamptz', (record) => record.at],
  ['org_id', 'text', (record) => record.orgId],
  ['team_id', 'text', (record) => record.teamId],
  ['project_id', 'text', (record) => record.projectId],
  ['key_id', 'text', (record) => record.keyId],
  ['surface', 'text', (record) => record.surface],
  ['requested_model', 'text', (record) => record.requestedModel],
  ['served_model', 'text', (record) => record.servedModel],
  ['provider', 'text', (record) => record.provider],
  ['stream', 'boolean', (record) => record.stream],
  ['status', 'integer', (record) => record.status],
  ['error_code', 'text', (record) => record.errorCode],
  ['tier', 'text', (record) => record.tier],
  ['end_user', 'text', (record) => record.endUser],
  // jsonb arrays do not unnest cleanly from node-postgres' array literal; send text and cast.
  ['tags', 'text', (record) => (record.tags === null ? null : JSON.stringify(record.tags))],
  ['input_tokens', 'bigint', (record) => record.inputTokens],
  ['output_tokens', 'bigint', (record) => record.outputTokens],
  ['cache_read_tokens', 'bigint', (record) => record.cacheReadTokens],
  ['cache_write_tokens', 'bigint', (record) => record.cacheWriteTokens],
  ['reasoning_tokens', 'bigint', (record) => record.reasoningTokens],
  // A JS number's shortest decimal form (what node-postgres sends) is exactly what numeric stores and returns.
  ['cost_usd', 'numeric', (record) => record.costUsd],
  ['latency_ms', 'double precision', (record) => record.latencyMs],
  ['overhead_ms', 'double precision', (record) => record.overheadMs],
  ['attempts', 'integer', (record) => record.attempts],
  ['route_policy', 'text', (record) => record.routePolicy],
  ['route_choice', 'text', (record) => record.routeChoice],
  ['route_reason', 'text', (record) => record.routeReason],
  ['cache_status', 'text', (record) => record.cacheStatus],
  ['data_findings', 'text', (record) => (record.dataFindings === null ? null : JSON.stringify(record.dataFindings))],
  ['usage_estimated', 'boolean', (record) => record.usageEstimated],
  ['sanitized', 'boolean', (record) => record.sanitized],
  ['charged', 'boolean', (record) => record.charged ?? null],
  ['kind', 'text', (record) => record.kind ?? modelCallKind],
  ['tool', 'text', (record) => record.tool ?? null],
  ['arguments_digest', 'text', (record) => record.argumentsDigest ?? null],
];

export const requestColumnList = requestColumns.map(([name]) => name).join(', ');

export const toRequestRecord = (row: RequestRow): RequestRecord => ({
  id: row.id,
  at: toIsoString(row.at),
  orgId: row.org_id,
  teamId: row.team_id,
  projectId: row.project_id,
  keyId: row.key_id,
  surface: row.surface,
  requestedModel: row.requested_model,
  servedModel: row.served_model,
  provider: row.provider,
  stream: row.stream,
  status: row.status,
  errorCode: row.error_code,
  tier: row.tier,
  endUser: row.end_user,
  tags: tagsSchema.parse(row.tags),
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  cacheReadTokens: row.cache_read_tokens,
  cacheWriteTokens: row.cache_write_tokens,
  reasoningTokens: row.reasoning_tokens,
  costUsd: row.cost_usd,
  latencyMs: row.latency_ms,
  overheadMs: row.overhead_ms,
  attempts: row.attempts,
  routePolicy: row.route_policy,
  routeChoice: row.route_choice,
  routeReason: row.route_reason,
  cacheStatus: row.cache_status,
  dataFindings: dataFindingsSchema.parse(row.data_findings ?? null),
  usageEstimated: row.usage_estimated,
  sanitized: row.sanitized,
  ...(row.charged === null ? {} : { charged: row.charged }),
  // A model call's record reads as it did before other kinds existed: no kind means a model call.
  ...(row.kind === modelCallKind ? {} : { kind: row.kind, tool: row.tool, argumentsDigest: row.arguments_digest }),
});
