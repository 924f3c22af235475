import { budgetMigrations } from './budgets/index.js';
import { cacheMigrations } from './cache/index.js';
import { approvalMigrations } from './governance/approvals/index.js';
import { auditMigrations } from './governance/audit/index.js';
import { identityMigrations } from './identity/index.js';
import { ledgerMigrations } from './ledger/index.js';
import { shadowMigrations } from './routing/index.js';
import type { Migration } from './store/index.js';
import { toolPinMigrations } from './tools/index.js';

/**
 * Every capability's migrations, as the composition root hands them to the runner: each capability owns its
 * schema, `store/` knows none of them. The runner applies them in version order (not the order listed here)
 * and refuses a version declared twice.
 */
export const podiumMigrations: readonly Migration[] = [
  ...identityMigrations,
  ...budgetMigrations,
  ...ledgerMigrations,
  ...shadowMigrations,
  ...auditMigrations,
  ...approvalMigrations,
  ...cacheMigrations,
  ...toolPinMigrations,
];
