import type { Migration } from '../../../store/index.js';

/**
 * Tool pins (src/server/tools/pins): one row per (upstream, tool) with the approved definition and its
 * sha-256, and one row per definition waiting for an admin (new, or changed since its pin). Deployment-wide,
 * no tenant column: upstreams are configured for the whole deployment. History is in the audit trail.
 */
export const toolPins: Migration = {
  version: 13,
  name: 'tool-pins',
  sql: `
CREATE TABLE tool_pins (
  upstream text NOT NULL,
  tool text NOT NULL,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  definition jsonb NOT NULL,
  pinned_at timestamptz(3) NOT NULL,
  pinned_by text NOT NULL,
  PRIMARY KEY (upstream, tool)
);
CREATE TABLE tool_pending (
  upstream text NOT NULL,
  tool text NOT NULL,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  definition jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'rejected')),
  first_seen_at timestamptz(3) NOT NULL,
  decided_at timestamptz(3),
  decided_by text,
  PRIMARY KEY (upstream, tool)
);
`,
};
