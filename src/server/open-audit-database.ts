/**
 * Composition for `podium audit verify --database-url|--data-dir`: opens the store's driver and its audit
 * repository for reading, without migrating (verification must not change the database it judges). Next to
 * main.ts because, like main.ts, it picks a concrete driver; the CLI loads it only for that command.
 */
import { PodiumError, type AuditCheckpoint, type AuditHead, type StoredAuditEntry } from '../contract/index.js';
import { createAuditRepository } from './governance/audit/index.js';
import { openSqlClient, type SqlClient } from './store/index.js';

export interface OpenAuditDatabaseOptions {
  /** A `postgres://` URL. */
  databaseUrl?: string | undefined;
  /** A Podium data directory (its Podium must be stopped: the directory is locked by the one using it). */
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
 * Opens the audit tables of a PostgreSQL database or a Podium data directory.
 * @throws PodiumError `not_found` when the database has no audit log (migration 6 never ran there).
 */
export async function openAuditDatabase(options: OpenAuditDatabaseOptions): Promise<AuditDatabase> {
  if (options.databaseUrl === undefined && options.dataDir === undefined)
    throw new PodiumError('invalid_request', 'give a database URL or a data directory');
  // A data dir: its embedded PostgreSQL is started for the read and stopped on close.
  const sql: SqlClient = await openSqlClient({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    const [found] = await sql.query<{ present: boolean }>("SELECT to_regclass('audit_log') IS NOT NULL AS present");
    if (found?.present !== true)
      throw new PodiumError(
        'not_found',
        'this database has no audit log (schema version 6, audit-log, was never applied to it)',
      );
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
