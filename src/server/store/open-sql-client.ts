import { openEmbeddedPostgresClient } from './embedded-postgres-client.js';
import { openEphemeralPostgresClient, type PrepareTemplate } from './ephemeral-postgres.js';
import { openPostgresClient } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

export interface SqlClientOptions {
  /** A `postgres://` URL (PODIUM_DATABASE_URL): that server, shared with other replicas. */
  databaseUrl?: string | undefined;
  /** PODIUM_DATA_DIR: Podium runs its own PostgreSQL on `<dataDir>/postgres`. Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** External PostgreSQL only: the schema to work in (must exist). Tests use a fresh one per run. */
  schema?: string | undefined;
  /**
   * Throwaway databases only (no URL, no data dir): prepares a template once per server, copied for each open.
   * Pass the migration step here so that every throwaway database starts migrated, cheaply.
   */
  prepareTemplate?: PrepareTemplate | undefined;
  /** Data dir only: create or open the cluster although an earlier release's PGlite files are there (`podium import-pglite`). */
  besidePglite?: boolean | undefined;
}

/**
 * The one place that picks a database: an external server when a URL is given, Podium's own PostgreSQL on its
 * data dir otherwise, a throwaway database when there is neither. Every path is a real PostgreSQL behind the
 * same node-postgres pool: one driver, one code path.
 */
export function openSqlClient(options: SqlClientOptions = {}): Promise<SqlClient> {
  if (options.databaseUrl !== undefined)
    return Promise.resolve(openPostgresClient({ url: options.databaseUrl, schema: options.schema }));
  if (options.dataDir !== undefined)
    return openEmbeddedPostgresClient(options.dataDir, { besidePglite: options.besidePglite });
  return openEphemeralPostgresClient(options.prepareTemplate);
}
