import type { Migration } from '../../store/index.js';

/**
 * The PostgreSQL counter driver's idempotency record (one row per reserve/adjust operation, pruned after a
 * retention window) and counter expiry, so that driver honours the TTLs the Redis driver gets from EXPIRE.
 */
export const counterOperations: Migration = {
  version: 3,
  name: 'counter-operations',
  sql: `
ALTER TABLE budget_counters ADD COLUMN expires_at timestamptz;
CREATE INDEX budget_counters_expires_at_idx ON budget_counters (expires_at) WHERE expires_at IS NOT NULL;

-- outcome: {"ok":true} | {"ok":false,"key":…,"used":…,"limit":…} for reserves, {"adjusted":true} for adjusts.
CREATE TABLE budget_counter_operations (
  id text PRIMARY KEY,
  outcome jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_counter_operations_created_at_idx ON budget_counter_operations (created_at);
`,
};
