import type { Migration } from '../store/index.js';
import { routingAndCache } from './migrations/0004-routing-and-cache.js';
import { dataFindings } from './migrations/0009-data-findings.js';
import { ledgerIntegrity } from './migrations/0010-ledger-integrity.js';
import { ledgerCharged } from './migrations/0011-ledger-charged.js';
import { toolCalls } from './migrations/0014-tool-calls.js';

/** The ledger's columns added after migration 1 (identity's) created its `requests` table (and, in 14, tool-call approvals' single use). */
export const ledgerMigrations: readonly Migration[] = [
  routingAndCache,
  dataFindings,
  ledgerIntegrity,
  ledgerCharged,
  toolCalls,
];
