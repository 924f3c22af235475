import { afterAll, beforeAll, describe } from 'vitest';
import { podiumMigrations } from '../../podium-migrations.js';
import { openPostgresClient, openStore, type SqlClient } from '../../store/index.js';
import {
  createTestSchema,
  dropTestSchema,
  postgresTestUrl as url,
  reachPostgres,
} from '../../testkit/postgres-test-server.test-suite.js';
import { describeAuditConformance, type AuditHarness } from './audit-conformance.test-suite.js';

const unreachable = await reachPostgres('audit log');

describe.skipIf(unreachable !== undefined)('audit log on postgres', () => {
  let sql: SqlClient | undefined;
  let schema: string | undefined;
  beforeAll(async () => {
    schema = await createTestSchema();
    sql = await openStore({ databaseUrl: url, schema, migrations: podiumMigrations });
  });
  afterAll(async () => {
    await sql?.close();
    if (schema !== undefined) await dropTestSchema(schema);
  });

  describeAuditConformance((): AuditHarness => {
    if (sql === undefined || schema === undefined) throw new Error('PostgreSQL did not open');
    // Another replica: its own pool on the same schema.
    const replicaSchema = schema;
    return { sql, openReplica: () => openPostgresClient({ url, schema: replicaSchema }) };
  });
});
