/**
 * Test support: a migrated database with just the approval and settings repositories (lighter than the whole
 * server). Excluded from the build by its name.
 */
import { podiumMigrations } from '../../podium-migrations.js';
import { createSettingsRepository, openStore, type SettingsRepository, type SqlClient } from '../../store/index.js';
import type { ApprovalRecords } from './approval-records.js';
import { createApprovalRepository } from './approval-repository.js';

export interface ApprovalTestStore {
  sql: SqlClient;
  approvals: ApprovalRecords;
  settings: SettingsRepository;
  close(): Promise<void>;
}

/** PGlite (in memory, or in `dataDir`) or, with `url`, PostgreSQL in `schema`; migrated with every migration. */
export async function openApprovalTestStore(
  options: { dataDir?: string; url?: string; schema?: string } = {},
): Promise<ApprovalTestStore> {
  const sql = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.url,
    schema: options.schema,
    migrations: podiumMigrations,
  });
  return {
    sql,
    approvals: createApprovalRepository(sql),
    settings: createSettingsRepository(sql),
    close: () => sql.close(),
  };
}
