/**
 * Composition for `podium audit verify --database-url|--data-dir`: opens the store's driver and its audit
 * repository for reading, without migrating (verification must not change the database it judges). Next to
 * main.ts because, like main.ts, it picks a concrete driver; the CLI loads it only for that command.
 */
import { PodiumError, type AuditCheckpoint, type AuditHead, type StoredAuditEntry } from '../contract/index.js';
import { createAuditRepository } from './governance/audit/index.js';
import { openPgliteClient, openPostgresClient, type SqlClient } from './store/index.js';

export interface OpenAuditDatabaseOptions {
  /** A `postgres://` URL. */
  databaseUrl?: string | undefined;
  /** A PGlite data directory (the server using it must be stopped: PGlite is one process per directory). */
  dataDir?: string | undefined;
}

/** The reads verification needs, straight from the tables. */
export interface AuditDatabase {
  list(query: { tenant: string; after: number; limit: number }): Promise<StoredAuditEntry[]>;
  heads(): Promise<AuditHead[]>;
  checkpoints(tenant?: string): Promise<AuditCheckpoint[]>;
  close(): Promise<void>;
}

/**
 * Opens the audit tables of a PostgreSQL database or a PGlite directory.
 * @throws PodiumError `not_found` when the database has no audit log (migration 6 never ran there).
 */
export async function openAuditDatabase(options: OpenAuditDatabaseOptions): Promise<AuditDatabase> {
  let sql: SqlClient;
  if (options.databaseUrl !== undefined) sql = openPostgresClient({ url: options.databaseUrl });
  else if (options.dataDir !== undefined) sql = await openPgliteClient({ dataDir: options.dataDir });
  else throw new PodiumError('invalid_request', 'give a database URL or a PGlite data directory');
  try {
    const [found] = await sql.query<{ present: boolean }>("SELECT to_regclass('audit_log') IS NOT NULL AS present");
    if (found?.present !== true) throw new PodiumError('not_found', 'this database has no audit log (schema version 6, audit-log, was never applied to it)');
    // A stopped embedded Podium may never have gathered planner statistics; without them each page of the
    // verification sorts the rest of the tenant. ANALYZE writes statistics only, never an entry.
    if (sql.driver === 'pglite') await sql.query('ANALYZE audit_log');
  } catch (error) {
    await sql.close();
    throw error;
  }
  const repository = createAuditRepository(sql);
  return {
    list: (query) => repository.list(query),
    heads: () => repository.heads(),
    checkpoints: (tenant) => repository.checkpoints(tenant),
    close: () => sql.close(),
  };
}
