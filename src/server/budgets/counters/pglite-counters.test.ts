import { openStore, type Store } from '../../store/index.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';
import { createPostgresCounters } from './postgres-counters.js';

// PGlite is one embedded database with one connection: every "client" shares that store.
let store: Promise<Store> | undefined;
let clients = 0;

describeCountersConformance('pglite (postgres driver)', async () => {
  store ??= openStore({});
  const { sql } = await store;
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
