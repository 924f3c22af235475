import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeAuditConformance, withAuditLog, type AuditHarness } from './audit-conformance.test-suite.js';
import { migrate } from './migrate.js';
import { openPostgresClient } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

const url = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const servicesRequired = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';
const schema = `podium_test_${randomUUID().replaceAll('-', '')}`;

/** Runs one statement on its own connection (the schema is created and dropped outside any pool). */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const unreachable = await admin('SELECT 1').then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unreachable !== undefined) {
  const message = `PostgreSQL at ${url} is unreachable (${unreachable}); set PODIUM_TEST_DATABASE_URL`;
  if (servicesRequired) throw new Error(`${message}. PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`);
  console.warn(`SKIPPING the PostgreSQL audit log tests: ${message}.`);
}

describe.skipIf(unreachable !== undefined)('audit log on postgres', () => {
  let sql: SqlClient | undefined;
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    sql = openPostgresClient({ url, schema });
    await migrate(sql, withAuditLog);
  });
  afterAll(async () => {
    await sql?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  describeAuditConformance((): AuditHarness => {
    if (sql === undefined) throw new Error('PostgreSQL did not open');
    // Another replica: its own pool on the same schema.
    return { sql, openReplica: () => openPostgresClient({ url, schema }) };
  });
});
