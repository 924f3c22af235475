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
import { openSqlClient } from './open-sql-client.js';
import { createShadowResultRepository, type ShadowResultRepository } from './shadow-result-repository.js';
import { createSpendReportRepository, type SpendReportRepository } from './spend-report-repository.js';

export interface StoreOptions {
  /** A `postgres://` URL (PODIUM_DATABASE_URL): use that server instead of the embedded PostgreSQL. */
  databaseUrl?: string | undefined;
  /** The data directory Podium runs its own PostgreSQL in, created if missing; a throwaway database when absent. Ignored with databaseUrl. */
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

/** A throwaway database's template is migrated once, then copied (one stable function: the template's key). */
const migrateTemplate = async (sql: SqlClient): Promise<void> => {
  await migrate(sql);
};

/** Opens PostgreSQL at a URL, Podium's own on its data dir, or a throwaway one, and migrates it before returning. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const sql = await openSqlClient({ ...options, prepareTemplate: migrateTemplate });
  try {
    await migrate(sql);
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
