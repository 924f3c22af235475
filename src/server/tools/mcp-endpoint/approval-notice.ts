/** The results a caller sees about an approval: pending (with how to finish), denied or expired. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ApprovalWait } from '../tool-gateway.js';

export interface PendingApproval {
  readonly approvalId: string;
  readonly expiresAt: string;
  readonly message: string;
}

/**
 * For clients with neither tasks nor `input_required`: the call did not run; the model is told why,
 * which approval to wait for, and that the same call made again completes once a human approved it.
 */
export function pendingApprovalResult(pending: PendingApproval): CallToolResult {
  return {
    content: [
      {
        type: 'text',
        text:
          `${pending.message} This call needs a human's approval (approval ${pending.approvalId}, expires ${pending.expiresAt}); ` +
          'it has not run. Make the same call again, with the same arguments, once it is approved.',
      },
    ],
    isError: true,
    _meta: { 'podium/approval': { status: 'pending', approvalId: pending.approvalId, expiresAt: pending.expiresAt } },
  };
}

/** A decided approval that does not let the call run. */
export function refusedApprovalResult(approvalId: string, outcome: Exclude<ApprovalWait, 'approved'>): CallToolResult {
  const text =
    outcome === 'denied'
      ? `The approval ${approvalId} for this call was denied; the call did not run.`
      : `The approval ${approvalId} for this call expired before anyone decided; the call did not run.`;
  return {
    content: [{ type: 'text', text }],
    isError: true,
    _meta: { 'podium/approval': { status: outcome, approvalId } },
  };
}
