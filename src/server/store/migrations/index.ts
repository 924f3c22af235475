import { identityAndLedger } from './0001-identity-and-ledger.js';
import { governance } from './0002-governance.js';
import { counterOperations } from './0003-counter-operations.js';
import { routingAndCache } from './0004-routing-and-cache.js';
import { shadowResults } from './0005-shadow-results.js';
import { auditLog } from './0006-audit-log.js';
import { approvals } from './0008-approvals.js';
import { dataFindings } from './0009-data-findings.js';
import { ledgerIntegrity } from './0010-ledger-integrity.js';
import { ledgerCharged } from './0011-ledger-charged.js';
import { semanticCache } from './0012-semantic-cache.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in version order. Append only. */
export const migrations: readonly Migration[] = [identityAndLedger, governance, counterOperations, routingAndCache, shadowResults, auditLog, approvals, dataFindings, ledgerIntegrity, ledgerCharged, semanticCache];
