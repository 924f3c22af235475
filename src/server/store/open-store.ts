import type { SqlClient } from './sql-client.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { openPgliteClient } from './pglite-client.js';
import { openPostgresClient } from './postgres-client.js';

export interface StoreOptions {
  /** A `postgres://` URL (PODIUM_DATABASE_URL): use that server instead of embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory, created if missing; in memory when absent. Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the schema to work in (must exist). Tests use a fresh one per run. */
  schema?: string | undefined;
  /**
   * Every capability's migrations (the composition root joins them): `store/` knows no capability's schema,
   * each capability owns its own and creates its repositories from the client returned here.
   */
  migrations: readonly Migration[];
}

/** Opens PostgreSQL when a URL is given, embedded PGlite otherwise, and migrates it before returning. */
export async function openStore(options: StoreOptions): Promise<SqlClient> {
  const sql =
    options.databaseUrl === undefined
      ? await openPgliteClient({ dataDir: options.dataDir })
      : openPostgresClient({ url: options.databaseUrl, schema: options.schema });
  try {
    await migrate(sql, options.migrations);
    // Embedded: planner statistics from the start (PGlite has no autovacuum; the client refreshes them later).
    if (sql.driver === 'pglite') await sql.query('ANALYZE');
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
