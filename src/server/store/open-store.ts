import type { SqlClient } from './sql-client.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { openSqlClient } from './open-sql-client.js';

export interface StoreOptions {
  /** A `postgres://` URL (PODIUM_DATABASE_URL): use that server instead of the embedded PostgreSQL. */
  databaseUrl?: string | undefined;
  /** The data directory Podium runs its own PostgreSQL in, created if missing; a throwaway database when absent. Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the schema to work in (must exist). Tests use a fresh one per run. */
  schema?: string | undefined;
  /**
   * Every capability's migrations (the composition root joins them): `store/` knows no capability's schema,
   * each capability owns its own and creates its repositories from the client returned here.
   */
  migrations: readonly Migration[];
  /** Data dir only: open although an earlier release's PGlite files are still there (`podium import-pglite`). */
  besidePglite?: boolean | undefined;
}

/**
 * A throwaway database's template is migrated once, then copied: the template is keyed by the function that
 * prepares it, so one migration list must map to one stable function.
 */
const templatePreparers = new WeakMap<readonly Migration[], (sql: SqlClient) => Promise<void>>();
function migrateTemplate(migrations: readonly Migration[]): (sql: SqlClient) => Promise<void> {
  let prepare = templatePreparers.get(migrations);
  if (prepare === undefined) {
    prepare = async (sql) => {
      await migrate(sql, migrations);
    };
    templatePreparers.set(migrations, prepare);
  }
  return prepare;
}

/** Opens PostgreSQL at a URL, Podium's own on its data dir, or a throwaway one, and migrates it before returning. */
export async function openStore(options: StoreOptions): Promise<SqlClient> {
  const sql = await openSqlClient({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    schema: options.schema,
    besidePglite: options.besidePglite,
    prepareTemplate: migrateTemplate(options.migrations),
  });
  try {
    await migrate(sql, options.migrations);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
