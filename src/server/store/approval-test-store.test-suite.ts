/**
 * Test support: a migrated database with just the approval and settings repositories (lighter than a whole
 * store). Excluded from the build by its name.
 */
import { createApprovalRepository, type ApprovalRepository } from './approval-repository.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openSqlClient } from './open-sql-client.js';
import { openPostgresClient } from './postgres-client.js';
import { createSettingsRepository, type SettingsRepository } from './settings-repository.js';
import type { SqlClient } from './sql-client.js';

/** Every registered migration: the approvals table and whatever later migrations add to it. */
export const approvalMigrations = migrations;

export interface ApprovalTestStore {
  sql: SqlClient;
  approvals: ApprovalRepository;
  settings: SettingsRepository;
  close(): Promise<void>;
}

/** The embedded PostgreSQL (throwaway, or on `dataDir`) or, with `url`, PostgreSQL in `schema`; migrated. */
export async function openApprovalTestStore(options: { dataDir?: string; url?: string; schema?: string } = {}): Promise<ApprovalTestStore> {
  const sql = options.url === undefined ? await openSqlClient({ dataDir: options.dataDir }) : openPostgresClient({ url: options.url, schema: options.schema });
  await migrate(sql, approvalMigrations);
  return { sql, approvals: createApprovalRepository(sql), settings: createSettingsRepository(sql), close: () => sql.close() };
}
