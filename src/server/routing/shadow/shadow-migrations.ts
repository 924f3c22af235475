import type { Migration } from '../../store/index.js';
import { shadowResults } from './migrations/0005-shadow-results.js';

/** Shadow sampling's graded pairs, and the ledger index its report counts routed calls with. */
export const shadowMigrations: readonly Migration[] = [shadowResults];
