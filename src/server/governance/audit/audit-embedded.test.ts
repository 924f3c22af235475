import { afterAll, beforeAll } from 'vitest';
import { podiumMigrations } from '../../podium-migrations.js';
import { openStore, type SqlClient } from '../../store/index.js';
import { describeAuditConformance, type AuditHarness } from './audit-conformance.test-suite.js';

let sql: SqlClient | undefined;
beforeAll(async () => {
  sql = await openStore({ migrations: podiumMigrations });
});
afterAll(() => sql?.close());

describeAuditConformance((): AuditHarness => {
  if (sql === undefined) throw new Error('the embedded PostgreSQL did not open');
  return { sql };
});
