/**
 * Composition for `podium import-pglite`: opens the target database (migrated by this release) and imports a
 * PGlite data directory into it. Next to main.ts because, like main.ts, it picks a concrete driver; the CLI
 * loads it only for that command.
 */
import { assertPgliteImportable, importPgliteDataDir, type PgliteImportReport } from './store/import-pglite.js';
import { podiumMigrations } from './podium-migrations.js';
import { openStore, type SqlClient } from './store/index.js';

/** A migrated database to import into, and how to let go of it. */
export interface ImportTarget {
  sql: SqlClient;
  close(): Promise<void>;
  /** True when opening it took the data dir's lock (a PostgreSQL run inside the data dir): the import then does not. */
  holdsDataDirLock?: boolean | undefined;
}

/** Opens the target: the external server at `databaseUrl`, else the embedded PostgreSQL of `dataDir`. */
export type OpenImportTarget = (options: { databaseUrl: string | undefined; dataDir: string }) => Promise<ImportTarget>;

export interface ImportPgliteDataDirOptions {
  /** The PGlite data directory (absolute). */
  dataDir: string;
  /** A `postgres://` URL; without it, the embedded PostgreSQL Podium runs in the data dir. */
  databaseUrl?: string | undefined;
  log?: ((line: string) => void) | undefined;
  /** Replaces {@link openDefaultTarget} (tests, and the embedded server's opener). */
  openTarget?: OpenImportTarget | undefined;
}

/**
 * The target: the external server at the URL, or else the embedded PostgreSQL Podium runs in `<dataDir>/postgres`
 * (created beside the PGlite files, which it would otherwise refuse). Both are migrated by `openStore`. The
 * embedded opener takes the data dir's lock itself, so the import does not take it twice.
 */
export const openDefaultTarget: OpenImportTarget = async ({ databaseUrl, dataDir }) => {
  if (databaseUrl !== undefined) {
    const sql = await openStore({ databaseUrl, migrations: podiumMigrations });
    return { sql, close: () => sql.close() };
  }
  const sql = await openStore({ dataDir, besidePglite: true, migrations: podiumMigrations });
  return { sql, close: () => sql.close(), holdsDataDirLock: true };
};

/** Checks there is something to import, opens the target, imports, and closes the target whatever happened. */
export async function importPgliteDataDirInto(options: ImportPgliteDataDirOptions): Promise<PgliteImportReport> {
  // Before the target is opened: its opener migrates it, and a mistyped directory must not leave a schema behind.
  await assertPgliteImportable(options.dataDir);
  const open = options.openTarget ?? openDefaultTarget;
  const target = await open({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    return await importPgliteDataDir({
      from: options.dataDir,
      into: target.sql,
      migrations: podiumMigrations,
      log: options.log,
      lockDataDir: target.holdsDataDirLock !== true,
    });
  } finally {
    await target.close();
  }
}
