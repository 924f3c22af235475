import type { SqlClient } from './sql-client.js';

/** Returns the migrated client a conformance suite runs on (valid inside tests, after beforeAll). */
export type DatabaseAccessor = () => SqlClient;
