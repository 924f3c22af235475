export { createSqlUpstream } from './create-sql-upstream.js';
export type { SqlUpstreamOptions } from './create-sql-upstream.js';
export { scanSql } from './scan-sql.js';
export type { SqlScan } from './scan-sql.js';
