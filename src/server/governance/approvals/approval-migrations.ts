import type { Migration } from '../../store/index.js';
import { approvals } from './migrations/0008-approvals.js';

/** Durable approvals. */
export const approvalMigrations: readonly Migration[] = [approvals];
