import type { Migration } from '../../../store/index.js';

/**
 * Human approvals (docs/approvals.md): one row per approval, its votes and delegations as JSON arrays (always
 * read and written whole, with the row). `version` makes every write conditional, so replicas never both act;
 * `outcome_claimed_at` / `outcome_settled_at` make the outcome hook run once, and again only after a crash.
 */
export const approvals: Migration = {
  version: 8,
  name: 'approvals',
  sql: `
CREATE TABLE approvals (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  decision_id text NOT NULL,
  tenant text NOT NULL,
  requester text NOT NULL,
  summary text NOT NULL,
  proposal jsonb NOT NULL,
  context jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'expired')),
  stage integer NOT NULL CHECK (stage >= 0),
  approvers text[] NOT NULL,
  quorum integer NOT NULL CHECK (quorum > 0),
  escalation jsonb NOT NULL,
  votes jsonb NOT NULL,
  delegations jsonb NOT NULL,
  timeout_ms bigint NOT NULL CHECK (timeout_ms > 0),
  remind_after_ms bigint,
  on_timeout text NOT NULL CHECK (on_timeout IN ('deny', 'approve')),
  callback_url text,
  deadline timestamptz(3) NOT NULL,
  remind_at timestamptz(3),
  created_at timestamptz(3) NOT NULL,
  decided_at timestamptz(3),
  outcome_reason text,
  outcome_claimed_at timestamptz(3),
  outcome_settled_at timestamptz(3)
);
-- A retried request for the same decision finds the pending approval instead of filing a second one.
CREATE UNIQUE INDEX approvals_pending_decision_idx ON approvals (tenant, decision_id) WHERE state = 'pending';
-- The sweeper's two questions, each over pending rows only.
CREATE INDEX approvals_deadline_idx ON approvals (deadline) WHERE state = 'pending';
CREATE INDEX approvals_remind_idx ON approvals (remind_at) WHERE state = 'pending' AND remind_at IS NOT NULL;
CREATE INDEX approvals_unsettled_idx ON approvals (decided_at) WHERE state <> 'pending' AND outcome_settled_at IS NULL;
-- "What is waiting for me": approvers @> ARRAY[$1].
CREATE INDEX approvals_approvers_idx ON approvals USING gin (approvers);
CREATE INDEX approvals_created_idx ON approvals (created_at);
`,
};
