import type { SqlClient } from '../../store/index.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';
import { createPostgresCounters } from './postgres-counters.js';
import { openTestDatabase } from '../../testkit/index.js';

// PGlite is one embedded database with one connection: every "client" shares that store.
let store: Promise<SqlClient> | undefined;
let clients = 0;

describeCountersConformance('pglite (postgres driver)', async () => {
  store ??= openTestDatabase();
  const sql = await store;
  clients += 1;
  const counters = createPostgresCounters(sql);
  return {
    ...counters,
    // The last client to close closes the database.
    close: async () => {
      clients -= 1;
      if (clients === 0) await sql.close();
    },
  };
});
