/**
 * Which approval a call binding (caller, tool, arguments' digest, policy revision) holds, and whether it was
 * used: the table of migration 14. Every change is one conditional statement, so replicas sharing the database
 * agree on it: an approval is used once however many retries race for it.
 */
import type { SqlExecutor } from '../../store/index.js';

export interface ToolApprovalGrant {
  readonly binding: string;
  readonly tenant: string;
  readonly approvalId: string;
  /** The call that used it, or `closed` for one that was denied or expired; null while it can still be used. */
  readonly usedBy: string | null;
}

export interface ToolApprovalGrants {
  find(binding: string): Promise<ToolApprovalGrant | undefined>;
  /**
   * Binds `approvalId` to the binding unless an open one is bound already (a concurrent caller won): returns
   * the approval that is bound now.
   */
  open(input: { binding: string; tenant: string; approvalId: string; at: Date }): Promise<string>;
  /** Marks the approval used by `callId`; false when it was used (or replaced) first. */
  use(input: { binding: string; approvalId: string; callId: string; at: Date }): Promise<boolean>;
  /** Retires a denied or expired approval, so the same call asks again next time. */
  close(input: { binding: string; approvalId: string; at: Date }): Promise<void>;
}

interface GrantRow {
  binding: string;
  tenant: string;
  approval_id: string;
  used_by: string | null;
}

/** The grants over `sql` (PostgreSQL or PGlite, migrated with migration 14). */
export function createToolApprovalGrants(sql: SqlExecutor): ToolApprovalGrants {
  return {
    async find(binding) {
      const [row] = await sql.query<GrantRow>(
        'SELECT binding, tenant, approval_id, used_by FROM tool_call_approvals WHERE binding = $1',
        [binding],
      );
      return row && { binding: row.binding, tenant: row.tenant, approvalId: row.approval_id, usedBy: row.used_by };
    },

    async open(input) {
      const [row] = await sql.query<{ approval_id: string }>(
        `INSERT INTO tool_call_approvals (binding, tenant, approval_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (binding) DO UPDATE SET approval_id = EXCLUDED.approval_id, used_by = NULL, used_at = NULL,
           created_at = EXCLUDED.created_at
         WHERE tool_call_approvals.used_by IS NOT NULL
         RETURNING approval_id`,
        [input.binding, input.tenant, input.approvalId, input.at],
      );
      if (row) return row.approval_id;
      const current = await this.find(input.binding);
      return current?.approvalId ?? input.approvalId;
    },

    async use(input) {
      const rows = await sql.query<{ binding: string }>(
        `UPDATE tool_call_approvals SET used_by = $3, used_at = $4
         WHERE binding = $1 AND approval_id = $2 AND used_by IS NULL RETURNING binding`,
        [input.binding, input.approvalId, input.callId, input.at],
      );
      return rows.length === 1;
    },

    async close(input) {
      await sql.query(
        `UPDATE tool_call_approvals SET used_by = 'closed', used_at = $3
         WHERE binding = $1 AND approval_id = $2 AND used_by IS NULL`,
        [input.binding, input.approvalId, input.at],
      );
    },
  };
}
