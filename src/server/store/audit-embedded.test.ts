import { afterAll, beforeAll } from 'vitest';
import { describeAuditConformance, withAuditLog, type AuditHarness } from './audit-conformance.test-suite.js';
import { migrate } from './migrate.js';
import { openSqlClient } from './open-sql-client.js';
import type { SqlClient } from './sql-client.js';

let sql: SqlClient | undefined;
beforeAll(async () => {
  sql = await openSqlClient();
  await migrate(sql, withAuditLog);
});
afterAll(() => sql?.close());

describeAuditConformance((): AuditHarness => {
  if (sql === undefined) throw new Error('the embedded PostgreSQL did not open');
  return { sql };
});
