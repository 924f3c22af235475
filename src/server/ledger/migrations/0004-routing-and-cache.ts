import type { Migration } from '../../store/index.js';

/** Which candidate served a routed alias and why, and what the response cache did: per call, in the ledger. */
export const routingAndCache: Migration = {
  version: 4,
  name: 'routing-and-cache',
  sql: `
ALTER TABLE requests ADD COLUMN route_policy text;
ALTER TABLE requests ADD COLUMN route_choice text;
ALTER TABLE requests ADD COLUMN route_reason text;
ALTER TABLE requests ADD COLUMN cache_status text;
`,
};
