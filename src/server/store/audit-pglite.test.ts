import { afterAll, beforeAll } from 'vitest';
import { describeAuditConformance, withAuditLog, type AuditHarness } from './audit-conformance.test-suite.js';
import { migrate } from './migrate.js';
import { openPgliteClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';

let sql: SqlClient | undefined;
beforeAll(async () => {
  sql = await openPgliteClient();
  await migrate(sql, withAuditLog);
});
afterAll(() => sql?.close());

describeAuditConformance((): AuditHarness => {
  if (sql === undefined) throw new Error('PGlite did not open');
  return { sql };
});
