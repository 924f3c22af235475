import type { Migration } from '../../store/index.js';

/**
 * What data protection found in each call and did about it (class, direction, count, action — never the
 * values), in the ledger beside the call it belongs to: the durable record that a redaction happened.
 */
export const dataFindings: Migration = {
  version: 9,
  name: 'data-findings',
  sql: `
ALTER TABLE requests ADD COLUMN data_findings jsonb;
`,
};
