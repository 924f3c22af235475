import type { Migration } from '../store/index.js';
import { identityAndLedger } from './migrations/0001-identity-and-ledger.js';

/**
 * Identity's schema. Migration 1 also creates the ledger's `requests` table and the shared `settings` table:
 * it was released as one migration, and the runner records versions, so it stays whole here (identity owns
 * four of its six tables) rather than being renumbered.
 */
export const identityMigrations: readonly Migration[] = [identityAndLedger];
