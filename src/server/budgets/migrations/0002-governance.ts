import type { Migration } from '../../store/index.js';

/** Token governance: key tiers, ledger attribution for budgets and chargeback, budgets, counters, requests, events. */
export const governance: Migration = {
  version: 2,
  name: 'governance',
  sql: `
ALTER TABLE api_keys ADD COLUMN tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('critical', 'standard', 'batch'));
ALTER TABLE requests ADD COLUMN tier text;
ALTER TABLE requests ADD COLUMN end_user text;
ALTER TABLE requests ADD COLUMN tags jsonb;

-- Budgets defined through the admin API (podium.yaml budgets live in the file).
CREATE TABLE budgets (
  id text PRIMARY KEY,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Counters for the PostgreSQL-only counter store: one row per budget and period, in integer units.
CREATE TABLE budget_counters (
  key text PRIMARY KEY,
  used bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE budget_requests (
  id text PRIMARY KEY,
  budget_id text,
  allocation jsonb,
  amount double precision NOT NULL,
  requested_by text NOT NULL,
  justification text NOT NULL,
  expected_value text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'granted', 'denied')),
  decided_by text,
  decision_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE INDEX budget_requests_state_idx ON budget_requests (state, created_at DESC);

CREATE TABLE budget_events (
  id text PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  budget_id text NOT NULL,
  kind text NOT NULL,
  threshold double precision,
  used double precision NOT NULL,
  "limit" double precision NOT NULL,
  period_start timestamptz NOT NULL,
  message text NOT NULL
);
-- An alert fires once per budget, period and threshold, whichever replica sees it first.
CREATE UNIQUE INDEX budget_events_once_idx ON budget_events (budget_id, period_start, kind, coalesce(threshold, -1));
CREATE INDEX budget_events_at_idx ON budget_events (at DESC);
`,
};
