import type { Migration } from '../../store/index.js';

/**
 * Two marks on a ledger row that say it is not verbatim: `usage_estimated` (the upstream reported no
 * usable usage, so tokens and cost are Podium's estimate) and `sanitized` (the row was cleaned — NUL or
 * broken Unicode removed, lengths or numbers clamped — because it could not be stored as it was).
 */
export const ledgerIntegrity: Migration = {
  version: 10,
  name: 'ledger-integrity',
  sql: `
ALTER TABLE requests ADD COLUMN usage_estimated boolean NOT NULL DEFAULT false;
ALTER TABLE requests ADD COLUMN sanitized boolean NOT NULL DEFAULT false;
`,
};
