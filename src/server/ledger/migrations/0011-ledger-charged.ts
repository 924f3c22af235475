import type { Migration } from '../../store/index.js';

/**
 * Whether budgets counted the call (it settled with usage): rebuilding counters from the ledger must count
 * exactly what live counting did, and refused or failed calls never counted. Nullable without a default, so
 * adding it does not rewrite the ledger; rows written before it read as `status < 400`.
 */
export const ledgerCharged: Migration = {
  version: 11,
  name: 'ledger-charged',
  sql: `
ALTER TABLE requests ADD COLUMN charged boolean;
`,
};
