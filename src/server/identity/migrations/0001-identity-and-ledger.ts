import type { Migration } from '../../store/index.js';

/**
 * Identity (organizations → teams → projects, and API keys), settings, and the request ledger.
 * Timestamps are `timestamptz(3)`: millisecond precision is what the contract's ISO strings carry, so a value
 * read back and fed into a pagination cursor compares equal to the stored one.
 */
export const identityAndLedger: Migration = {
  version: 1,
  name: 'identity-and-ledger',
  sql: `
CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations (id),
  name text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT teams_org_id_name_key UNIQUE (org_id, name),
  -- Target of api_keys' composite foreign key: a key's team must belong to the key's organization.
  CONSTRAINT teams_id_org_id_key UNIQUE (id, org_id)
);

CREATE TABLE projects (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT projects_team_id_name_key UNIQUE (team_id, name),
  CONSTRAINT projects_id_team_id_key UNIQUE (id, team_id)
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  -- SHA-256 hex of the secret; the secret itself is never stored.
  hash text NOT NULL,
  prefix text NOT NULL,
  name text,
  org_id text NOT NULL REFERENCES organizations (id),
  team_id text NOT NULL,
  project_id text,
  allowed_models jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3),
  CONSTRAINT api_keys_hash_key UNIQUE (hash),
  CONSTRAINT api_keys_team_fkey FOREIGN KEY (team_id, org_id) REFERENCES teams (id, org_id),
  -- MATCH SIMPLE (the default) skips the check when project_id is null: a team-wide key.
  CONSTRAINT api_keys_project_fkey FOREIGN KEY (project_id, team_id) REFERENCES projects (id, team_id)
);
CREATE INDEX api_keys_team_id_idx ON api_keys (team_id);
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- The ledger: one row per call. No foreign keys on purpose: a record must be accepted even after its key
-- or team is gone, and batch inserts on the hot path's behalf should not pay for lookups.
CREATE TABLE requests (
  -- Byte order ("C") for the pagination tie-breaker: the same order on every server whatever its locale.
  id text COLLATE "C" PRIMARY KEY,
  at timestamptz(3) NOT NULL,
  org_id text,
  team_id text,
  project_id text,
  key_id text,
  surface text NOT NULL,
  requested_model text,
  served_model text,
  provider text,
  stream boolean NOT NULL,
  status integer NOT NULL,
  error_code text,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cache_read_tokens bigint NOT NULL,
  cache_write_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  -- numeric, not float: sums of many small prices must not drift. Null = no price known, never $0.
  cost_usd numeric,
  latency_ms double precision NOT NULL,
  overhead_ms double precision NOT NULL,
  attempts integer NOT NULL
);
-- Listing is newest first with keyset pagination on (at, id). Every index is paid on every call's
-- insert (measured on PGlite: 19 µs/row with none, 30 with these three, 47 with two more for the
-- model filters), so only the tenancy filters get one; a model filter walks the time index.
CREATE INDEX requests_at_id_idx ON requests (at DESC, id DESC);
CREATE INDEX requests_team_id_at_idx ON requests (team_id, at DESC, id DESC);
CREATE INDEX requests_key_id_at_idx ON requests (key_id, at DESC, id DESC);
`,
};
