/**
 * Test support: the shared PostgreSQL server (PODIUM_TEST_DATABASE_URL) and a fresh schema per suite, through
 * store/'s client (only store/ imports the driver). Excluded from the build by its name.
 */
import { randomUUID } from 'node:crypto';
import { openPostgresClient } from '../store/index.js';

export const postgresTestUrl = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const servicesRequired = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';

/** Runs one statement on its own connection: schemas are created and dropped outside any pool. */
export async function adminStatement(statement: string): Promise<void> {
  const sql = openPostgresClient({ url: postgresTestUrl, maxConnections: 1 });
  try {
    await sql.query(statement);
  } finally {
    await sql.close();
  }
}

/**
 * Why the server cannot be used (undefined when it can). Unreachable is a failure when
 * PODIUM_TEST_REQUIRE_SERVICES=1 (CI), a warning naming the skipped `what` otherwise.
 */
export async function reachPostgres(what: string): Promise<string | undefined> {
  const unreachable = await adminStatement('SELECT 1').then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (unreachable === undefined) return undefined;
  const message = `PostgreSQL at ${postgresTestUrl} is unreachable (${unreachable}); set PODIUM_TEST_DATABASE_URL`;
  if (servicesRequired) throw new Error(`${message}. PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`);
  console.warn(`SKIPPING the PostgreSQL ${what} tests: ${message}.`);
  return unreachable;
}

/** A fresh schema name (a plain identifier); create it with {@link createTestSchema}. */
export const freshSchemaName = (): string => `podium_test_${randomUUID().replaceAll('-', '')}`;

/** Creates a fresh schema and returns its name. */
export async function createTestSchema(): Promise<string> {
  const name = freshSchemaName();
  await adminStatement(`CREATE SCHEMA ${name}`);
  return name;
}

export async function dropTestSchema(name: string): Promise<void> {
  await adminStatement(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
}
