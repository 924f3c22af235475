/**
 * Test support: runs one conformance suite on every driver, against one database each (the embedded PostgreSQL, throwaway, and
 * a fresh schema on the PostgreSQL test server), migrated with the list the caller passes. Capabilities use it
 * for their repositories' suites, so each suite is written once and run on both. Excluded from the build.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseAccessor } from '../store/database-accessor.test-suite.js';
import { openStore, type Migration, type SqlClient } from '../store/index.js';
import { createTestSchema, dropTestSchema, postgresTestUrl, reachPostgres } from './postgres-test-server.test-suite.js';

const unreachable = await reachPostgres('conformance');

/**
 * One `describe` per driver, each opening its database once for all of `suite`'s tests (a database takes a moment
 * to start), so suites isolate themselves with fresh names and ids rather than expecting empty tables.
 */
export function describeOnEachDriver(
  name: string,
  migrations: readonly Migration[],
  suite: (database: DatabaseAccessor) => void,
): void {
  describe(`${name}: embedded PostgreSQL (throwaway)`, () => {
    describeOpened(() => openStore({ migrations }), suite);
  });
  describe.skipIf(unreachable !== undefined)(`${name}: postgres`, () => {
    let schema: string | undefined;
    const open = async (): Promise<SqlClient> => {
      schema = await createTestSchema();
      return openStore({ databaseUrl: postgresTestUrl, schema, migrations });
    };
    describeOpened(open, suite, async () => {
      if (schema !== undefined) await dropTestSchema(schema);
    });
  });
}

function describeOpened(
  open: () => Promise<SqlClient>,
  suite: (database: DatabaseAccessor) => void,
  afterClose?: () => Promise<void>,
): void {
  let sql: SqlClient | undefined;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql?.close();
    await afterClose?.();
  });
  suite(() => {
    if (sql === undefined) throw new Error('the database did not open');
    return sql;
  });
}
