export { createSqlUpstream } from './create-sql-upstream.js';
export type { SqlUpstreamOptions } from './create-sql-upstream.js';
