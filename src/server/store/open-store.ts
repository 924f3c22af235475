import type { SqlClient, SqlDriver } from './sql-client.js';
import { createAuditRepository, type AuditRepository } from './audit-repository.js';
import { createApprovalRepository, type ApprovalRepository } from './approval-repository.js';
import { createBudgetEventRepository, type BudgetEventRepository } from './budget-event-repository.js';
import { createBudgetRepository, type BudgetRepository } from './budget-repository.js';
import { createBudgetRequestRepository, type BudgetRequestRepository } from './budget-request-repository.js';
import { createIdentityRepository, type IdentityRepository } from './identity-repository.js';
import { createLedgerRepository, type LedgerRepository } from './ledger-repository.js';
import { createSettingsRepository, type SettingsRepository } from './settings-repository.js';
import { migrate } from './migrate.js';
import { openPgliteClient } from './pglite-client.js';
import { openPostgresClient } from './postgres-client.js';
import { createShadowResultRepository, type ShadowResultRepository } from './shadow-result-repository.js';
import { createSpendReportRepository, type SpendReportRepository } from './spend-report-repository.js';

export interface StoreOptions {
  /** A `postgres://` URL (PODIUM_DATABASE_URL): use that server instead of embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory, created if missing; in memory when absent. Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the schema to work in (must exist). Tests use a fresh one per run. */
  schema?: string | undefined;
}

/** Everything Podium keeps, behind one migrated connection. */
export interface Store {
  readonly driver: SqlDriver;
  /** For migrations and tests; capabilities go through the repositories. */
  readonly sql: SqlClient;
  readonly identity: IdentityRepository;
  readonly ledger: LedgerRepository;
  readonly settings: SettingsRepository;
  /** Budgets defined through the admin API. */
  readonly budgets: BudgetRepository;
  readonly budgetRequests: BudgetRequestRepository;
  readonly budgetEvents: BudgetEventRepository;
  /** Chargeback reads over the ledger. */
  readonly spend: SpendReportRepository;
  /** Shadow sampling's graded pairs, and the routed-call counts its report extrapolates over. */
  readonly shadowResults: ShadowResultRepository;
  readonly approvals: ApprovalRepository;
  readonly audit: AuditRepository;
  close(): Promise<void>;
}

/** Opens PostgreSQL when a URL is given, embedded PGlite otherwise, and migrates it before returning. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const sql =
    options.databaseUrl === undefined
      ? await openPgliteClient({ dataDir: options.dataDir })
      : openPostgresClient({ url: options.databaseUrl, schema: options.schema });
  try {
    await migrate(sql);
    // Embedded: planner statistics from the start (PGlite has no autovacuum; the client refreshes them later).
    if (sql.driver === 'pglite') await sql.query('ANALYZE');
  } catch (error) {
    await sql.close();
    throw error;
  }
  return createStore(sql);
}

/** Wraps an already-migrated client in the repositories. */
export function createStore(sql: SqlClient): Store {
  return {
    driver: sql.driver,
    sql,
    identity: createIdentityRepository(sql),
    ledger: createLedgerRepository(sql),
    settings: createSettingsRepository(sql),
    budgets: createBudgetRepository(sql),
    budgetRequests: createBudgetRequestRepository(sql),
    budgetEvents: createBudgetEventRepository(sql),
    spend: createSpendReportRepository(sql),
    shadowResults: createShadowResultRepository(sql),
    approvals: createApprovalRepository(sql),
    audit: createAuditRepository(sql),
    close: () => sql.close(),
  };
}
