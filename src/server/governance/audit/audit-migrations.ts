import type { Migration } from '../../store/index.js';
import { auditLog } from './migrations/0006-audit-log.js';

/** The audit trail's append-only tables: chains, heads and signed checkpoints. */
export const auditMigrations: readonly Migration[] = [auditLog];
