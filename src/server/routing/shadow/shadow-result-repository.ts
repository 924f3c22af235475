import type { SqlClient } from '../../store/index.js';
import type { PairSums } from './shadow-statistics.js';

/** One routed call graded against its reference (see docs/shadow-sampling.md). */
export interface ShadowResult {
  id: string;
  /** ISO timestamp of the graded pair. */
  at: string;
  /** The routed alias the client asked for. */
  alias: string;
  policy: string;
  /** The candidate alias that served the client. */
  choice: string;
  reference: string;
  grader: string;
  /** Null together with `referenceScore` when the pair could not be graded. */
  servedScore: number | null;
  referenceScore: number | null;
  /** Null when the model is unpriced. */
  servedCostUsd: number | null;
  referenceCostUsd: number | null;
  servedModel: string | null;
  referenceModel: string | null;
  /** The client call's id (its ledger row). */
  requestId: string;
  teamId: string | null;
}

/** A time window: `since` inclusive, `until` exclusive, ISO timestamps; one alias or all. */
export interface ShadowWindow {
  alias?: string | undefined;
  since: string;
  until: string;
}

/** What the report needs from the results of one alias and choice, summed by the database. */
export interface ShadowAggregate {
  alias: string;
  choice: string;
  /** Distinct references and graders seen, sorted. */
  references: string[];
  graders: string[];
  samples: number;
  graded: number;
  /** Graded by a judge (scores 1–10) rather than by a rule (0 or 1 against a reference of 1). */
  judged: number;
  /** x = served score, y = reference score, over graded rows. */
  scores: PairSums;
  /** Graded rows where the reference scored above 0, and those where the served answer scored at least as well. */
  referenceRight: number;
  kept: number;
  /** x = served cost, y = reference cost (USD), over rows with both known. */
  costs: PairSums;
}

/** Successful routed calls in the ledger for one alias and choice (cache hits left out). */
export interface RoutedCallCount {
  alias: string;
  choice: string;
  calls: number;
}

/** Shadow results: written one by one in the background, read as aggregates per alias and choice. */
export interface ShadowResultRepository {
  insert(result: ShadowResult): Promise<void>;
  aggregate(window: ShadowWindow): Promise<ShadowAggregate[]>;
  /** Reads the ledger (`requests`), where the router records every routed call. */
  routedCalls(window: ShadowWindow): Promise<RoutedCallCount[]>;
}

interface AggregateRow {
  alias: string;
  choice: string;
  refs: string[];
  graders: string[];
  samples: number;
  graded: number;
  judged: number;
  s: number;
  r: number;
  ss: number;
  rr: number;
  sr: number;
  reference_right: number;
  kept: number;
  priced: number;
  cs: number;
  cr: number;
  css: number;
  crr: number;
  csr: number;
}

const columns =
  'id, at, alias, policy, choice, reference, grader, served_score, reference_score, served_cost_usd, reference_cost_usd, served_model, reference_model, request_id, team_id';

const window = '($1::text IS NULL OR alias = $1) AND at >= $2 AND at < $3';
const priced = 'served_cost_usd IS NOT NULL AND reference_cost_usd IS NOT NULL';

// Sums of products rather than variances in SQL: the rows of several choices add up to their alias's.
// json_agg, not array_agg: both drivers parse json the same way.
const aggregateStatement = `SELECT alias, choice,
  json_agg(DISTINCT reference) AS refs,
  json_agg(DISTINCT grader) AS graders,
  count(*) AS samples,
  count(served_score) AS graded,
  count(served_score) FILTER (WHERE grader = 'judge') AS judged,
  coalesce(sum(served_score), 0) AS s,
  coalesce(sum(reference_score), 0) AS r,
  coalesce(sum(served_score * served_score), 0) AS ss,
  coalesce(sum(reference_score * reference_score), 0) AS rr,
  coalesce(sum(served_score * reference_score), 0) AS sr,
  count(*) FILTER (WHERE reference_score > 0) AS reference_right,
  count(*) FILTER (WHERE reference_score > 0 AND served_score >= reference_score) AS kept,
  count(*) FILTER (WHERE ${priced}) AS priced,
  coalesce(sum(served_cost_usd) FILTER (WHERE ${priced}), 0) AS cs,
  coalesce(sum(reference_cost_usd) FILTER (WHERE ${priced}), 0) AS cr,
  coalesce(sum(served_cost_usd * served_cost_usd) FILTER (WHERE ${priced}), 0) AS css,
  coalesce(sum(reference_cost_usd * reference_cost_usd) FILTER (WHERE ${priced}), 0) AS crr,
  coalesce(sum(served_cost_usd * reference_cost_usd) FILTER (WHERE ${priced}), 0) AS csr
FROM shadow_results
WHERE ${window}
GROUP BY alias, choice
ORDER BY alias, choice`;

// Cache hits are left out: what they save is the cache's doing, not the router's.
const routedStatement = `SELECT requested_model AS alias, coalesce(route_choice, '') AS choice, count(*) AS calls
FROM requests
WHERE route_policy IS NOT NULL AND status < 400 AND (cache_status IS NULL OR cache_status = 'miss')
  AND ($1::text IS NULL OR requested_model = $1) AND at >= $2 AND at < $3
GROUP BY 1, 2
ORDER BY 1, 2`;

const sorted = (values: string[]): string[] => [...values].sort();

const toAggregate = (row: AggregateRow): ShadowAggregate => ({
  alias: row.alias,
  choice: row.choice,
  references: sorted(row.refs),
  graders: sorted(row.graders),
  samples: row.samples,
  graded: row.graded,
  judged: row.judged,
  scores: { n: row.graded, sumX: row.s, sumY: row.r, sumXX: row.ss, sumYY: row.rr, sumXY: row.sr },
  referenceRight: row.reference_right,
  kept: row.kept,
  costs: { n: row.priced, sumX: row.cs, sumY: row.cr, sumXX: row.css, sumYY: row.crr, sumXY: row.csr },
});

/** The shadow result repository over `sql`. */
export function createShadowResultRepository(sql: SqlClient): ShadowResultRepository {
  return {
    async insert(result) {
      await sql.query(
        `INSERT INTO shadow_results (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          result.id,
          result.at,
          result.alias,
          result.policy,
          result.choice,
          result.reference,
          result.grader,
          result.servedScore,
          result.referenceScore,
          result.servedCostUsd,
          result.referenceCostUsd,
          result.servedModel,
          result.referenceModel,
          result.requestId,
          result.teamId,
        ],
      );
    },

    async aggregate(query) {
      const rows = await sql.query<AggregateRow>(aggregateStatement, [query.alias ?? null, query.since, query.until]);
      return rows.map(toAggregate);
    },

    async routedCalls(query) {
      return sql.query<RoutedCallCount>(routedStatement, [query.alias ?? null, query.since, query.until]);
    },
  };
}
