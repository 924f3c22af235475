import { podiumMigrations } from '../podium-migrations.js';
import { openStore, type SqlClient, type StoreOptions } from '../store/index.js';

/** Where a test database lives: PGlite in memory by default, or a data dir, or a PostgreSQL schema. */
export type TestDatabaseOptions = Omit<StoreOptions, 'migrations'>;

/**
 * A database migrated with every capability's migrations, as the server opens it; tests create the
 * repositories they need from it (`createLedgerRepository(sql)`…) and close it when done.
 */
export function openTestDatabase(options: TestDatabaseOptions = {}): Promise<SqlClient> {
  return openStore({ ...options, migrations: podiumMigrations });
}
