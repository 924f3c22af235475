import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresClient } from '../../store/index.js';
import { openTestDatabase } from '../../testkit/index.js';
import { createSchema, dropSchema, postgresUnreachable, skipUnreachable } from './counter-services.test-suite.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';
import { createPostgresCounters } from './postgres-counters.js';

const url = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = skipUnreachable({
  service: `PostgreSQL at ${url}`,
  reason: await postgresUnreachable(url),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

describe.skipIf(skip)('postgres counters', () => {
  let schema = '';
  beforeAll(async () => {
    schema = await createSchema(url);
    // Migrate once; each client below is then a plain pool on the schema, as a replica would have.
    const store = await openTestDatabase({ databaseUrl: url, schema });
    await store.close();
  });
  afterAll(() => dropSchema(url, schema));

  describeCountersConformance('postgres', () => {
    const sql = openPostgresClient({ url, schema });
    const counters = createPostgresCounters(sql);
    return Promise.resolve({ ...counters, close: () => sql.close() });
  });
});
