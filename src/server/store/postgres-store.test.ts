import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openStore } from './open-store.js';
import { openPostgresClient } from './postgres-client.js';
import { describeStoreConformance } from './store-conformance.test-suite.js';

const url = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const servicesRequired = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';
const freshSchema = (): string => `podium_test_${randomUUID().replaceAll('-', '')}`;

/** Runs one statement on its own connection (schemas are created and dropped outside any store). */
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
  console.warn(`SKIPPING the PostgreSQL store tests: ${message}.`);
}

describe.skipIf(unreachable !== undefined)('postgres', () => {
  const schemas: string[] = [];
  const schema = (): string => {
    const name = freshSchema();
    schemas.push(name);
    return name;
  };
  afterAll(async () => {
    for (const name of schemas) await admin(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  });

  describe('in a fresh schema', () => {
    const name = schema();
    beforeAll(() => admin(`CREATE SCHEMA ${name}`));
    describeStoreConformance('postgres', () => openStore({ databaseUrl: url, schema: name }));
  });

  it('lets several replicas migrate one database at the same moment', async () => {
    const name = schema();
    await admin(`CREATE SCHEMA ${name}`);
    const replicas = [1, 2, 3, 4].map(() => openPostgresClient({ url, schema: name }));
    try {
      const applied = await Promise.all(replicas.map((sql) => migrate(sql)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(migrations.map((migration) => migration.version));
      const [first] = replicas;
      const rows = await first?.query<{ version: number }>('SELECT version FROM podium_migrations ORDER BY version');
      expect(rows?.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    } finally {
      await Promise.all(replicas.map((sql) => sql.close()));
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => openPostgresClient({ url, schema: 'x; DROP TABLE y' })).toThrow(/schema/);
  });
});
