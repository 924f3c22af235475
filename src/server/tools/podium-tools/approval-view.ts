/** What Podium's tools tell a caller about an approval: its state and who it waits on, never its votes' comments. */
import { z } from 'zod';
import { approvalStates, PodiumError, type Approval } from '../../../contract/index.js';
import type { PodiumToolsServices } from './podium-tools-services.js';
import type { ToolCaller } from '../tool-upstream.js';

export const approvalIdSchema = z
  .string()
  .regex(/^appr_[A-Za-z0-9]{8,64}$/, 'an approval id: appr_ and 8 to 64 letters or digits');

export const approvalViewSchema = z.object({
  approvalId: z.string(),
  state: z.enum(approvalStates),
  /** Who may still vote (pending), or who could have. */
  approvers: z.array(z.string()),
  deadline: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ApprovalView = z.infer<typeof approvalViewSchema>;

export function approvalView(approval: Approval): ApprovalView {
  return {
    approvalId: approval.id,
    state: approval.state,
    approvers: approval.approvers,
    deadline: approval.deadline,
    decidedAt: approval.decidedAt,
    reason: approval.outcomeReason,
  };
}

/**
 * The approval when it belongs to the caller's organisation. Another tenant's approval is "not found", not
 * "forbidden", as in the decisions API: its existence is not the caller's to learn.
 */
export async function callerApproval(input: {
  approvals: PodiumToolsServices['approvals'];
  id: string;
  caller: ToolCaller;
}): Promise<Approval> {
  const approval = await input.approvals.get(input.id);
  if (approval === undefined || approval.tenant !== input.caller.orgId)
    throw new PodiumError('not_found', `approval "${input.id}" not found`, { param: 'approvalId' });
  return approval;
}
