/** `request_approval`: an agent asks named humans (or a role's humans) to approve something before it acts. */
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import type { ToolCaller } from '../tool-upstream.js';
import { approvalView, approvalViewSchema } from './approval-view.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

const day = 86_400;
/** Bounds what one request stores and every notification carries. */
const detailsBytes = 16 * 1024;
const agentMemberPrefix = 'agent:';

const inputSchema = z.strictObject({
  subject: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'a short key: letters, digits, ".", "_", ":" or "-", at most 100')
    .describe('What is to be approved, as a short key (e.g. "refund:order-1234"). Shown to approvers and recorded.'),
  summary: z.string().trim().min(1).max(500).describe('One line for the approvers: what you intend to do and why.'),
  details: z
    .record(z.string().max(100), z.unknown())
    .refine((details) => JSON.stringify(details).length <= detailsBytes, `at most ${detailsBytes} bytes of JSON`)
    .optional()
    .describe('Facts the approvers need (amounts, ids, links), as a JSON object.'),
  approvers: z
    .array(z.string().trim().min(1).max(200))
    .min(1)
    .max(20)
    .optional()
    .describe(
      'Who may approve: names, or "role:<name>" for every human in a role. Omit to use the configured default.',
    ),
  quorum: z.number().int().min(1).max(20).default(1).describe('How many of the approvers must approve.'),
  expiresInSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * day)
    .default(day)
    .describe('How long the approvers have; after that the request is denied as expired.'),
});

/** `role:<name>` replaced by the role's humans (agents never approve), duplicates removed; a name stays as is. */
function expandApprovers(names: readonly string[], roles: Readonly<Record<string, readonly string[]>>): string[] {
  const expanded = names.flatMap((entry, index) => {
    if (!entry.startsWith('role:')) return [entry];
    const members = roles[entry.slice(5)];
    if (members === undefined)
      throw new PodiumError('invalid_request', `approvers.${index}: unknown role "${entry.slice(5)}"`, {
        param: `approvers.${index}`,
      });
    return members.filter((member) => !member.startsWith(agentMemberPrefix));
  });
  return [...new Set(expanded)];
}

const requesterOf = (caller: ToolCaller): string => caller.agent ?? caller.user ?? caller.keyId;

export function requestApprovalTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'request_approval',
    description:
      'Ask a human to approve an action before you take it. Returns an approvalId and the state (pending). ' +
      'Do not act until wait_for_approval returns "approved"; "denied" or "expired" means do not act.',
    input: inputSchema,
    output: approvalViewSchema,
    readOnly: false,
    async run(args, context) {
      const named = args.approvers ?? options.defaultApprovers ?? [];
      if (named.length === 0)
        throw new PodiumError('invalid_request', 'approvers: required (no default approvers are configured)', {
          param: 'approvers',
        });
      const approvers = expandApprovers(named, options.roles ?? {});
      // The caller cannot be its own approver: a request it could answer itself would approve nothing.
      const own = [context.caller.agent, context.caller.user, context.caller.keyId];
      const self = approvers.findIndex((name) => own.includes(name) || name.startsWith(agentMemberPrefix));
      if (self >= 0)
        throw new PodiumError('invalid_request', `approvers: "${approvers[self] ?? ''}" is you or an agent`, {
          param: 'approvers',
        });
      if (approvers.length === 0)
        throw new PodiumError('invalid_request', 'approvers: the roles named have no human members', {
          param: 'approvers',
        });
      if (args.quorum > approvers.length)
        throw new PodiumError(
          'invalid_request',
          `quorum: ${args.quorum} is more than the ${approvers.length} approver(s)`,
          {
            param: 'quorum',
          },
        );
      const approval = await options.approvals.request({
        // One approval per call: a retried call (same id) finds the pending one instead of notifying twice.
        decisionId: `tool/${args.subject}/${context.callId.slice(0, 90)}`,
        tenant: context.caller.orgId,
        requester: requesterOf(context.caller),
        proposal: { subject: args.subject, team: context.caller.teamName, key: context.caller.keyId },
        context: args.details ?? {},
        summary: args.summary,
        approvers,
        quorum: args.quorum,
        timeoutMs: args.expiresInSeconds * 1000,
        onTimeout: 'deny',
      });
      return approvalView(approval);
    },
  });
}
