import type { Migration } from '../store/index.js';
import { governance } from './migrations/0002-governance.js';
import { counterOperations } from './migrations/0003-counter-operations.js';

/** Budgets, their counters, requests and events (migration 2 also adds tier columns to keys and the ledger). */
export const budgetMigrations: readonly Migration[] = [governance, counterOperations];
