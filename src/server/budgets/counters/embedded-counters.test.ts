import type { SqlClient } from '../../store/index.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';
import { createPostgresCounters } from './postgres-counters.js';
import { openTestDatabase } from '../../testkit/index.js';

// A throwaway database on the embedded PostgreSQL; every "client" shares it, as replicas share one server.
let store: Promise<SqlClient> | undefined;
let clients = 0;

describeCountersConformance('embedded PostgreSQL (postgres driver)', async () => {
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
