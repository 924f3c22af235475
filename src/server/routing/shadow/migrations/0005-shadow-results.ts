import type { Migration } from '../../../store/index.js';

/**
 * Shadow sampling: one row per routed call that was also sent to its route's reference, with both answers'
 * scores and costs. Scores are null together when the pair could not be graded (an unparsable judge
 * verdict); costs are null when a model is unpriced. No foreign keys, like the ledger: a result outlives its team.
 */
export const shadowResults: Migration = {
  version: 5,
  name: 'shadow-results',
  sql: `
CREATE TABLE shadow_results (
  id text PRIMARY KEY,
  at timestamptz(3) NOT NULL,
  alias text NOT NULL,
  policy text NOT NULL,
  choice text NOT NULL,
  reference text NOT NULL,
  grader text NOT NULL,
  served_score double precision,
  reference_score double precision,
  -- numeric, like the ledger's cost: sums of squares of small prices must not drift.
  served_cost_usd numeric,
  reference_cost_usd numeric,
  served_model text,
  reference_model text,
  request_id text NOT NULL,
  team_id text,
  CONSTRAINT shadow_results_graded_together CHECK ((served_score IS NULL) = (reference_score IS NULL))
);
-- The report reads one alias (or all) over a time window.
CREATE INDEX shadow_results_alias_at_idx ON shadow_results (alias, at);
-- The report extrapolates savings over the routed calls in the ledger. Partial: only routed rows pay for it
-- on insert, and the count does not walk every call of the window.
CREATE INDEX requests_routed_idx ON requests (requested_model, at) WHERE route_policy IS NOT NULL;
`,
};
