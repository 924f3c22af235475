/**
 * `request_budget`: files a request for a higher limit on one of the caller's own budgets, through the
 * budget-request service (so Cedar `budget.request` decides first, as for the API). Agents may not ask for a
 * new allocation or for another team's budget: that stays with the admin API.
 */
import { z } from 'zod';
import { budgetRequestStates, PodiumError } from '../../../contract/index.js';
import type { ToolCaller } from '../tool-upstream.js';
import { callerBudgets } from './caller-budgets.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

const inputSchema = z.strictObject({
  budgetId: z.string().min(1).max(200).describe('One of your budgets, as check_budget lists it.'),
  amount: z
    .number()
    .positive()
    .max(1e12)
    .describe("The new limit you ask for, in the budget's unit; must be above the current limit."),
  reason: z.string().trim().min(1).max(4000).describe('Why you need it: shown to the approver and kept.'),
  expectedValue: z.string().trim().max(4000).optional().describe('What the extra budget is expected to achieve.'),
});

const outputSchema = z.object({
  requestId: z.string(),
  state: z.enum(budgetRequestStates),
  budgetId: z.string(),
  amount: z.number(),
  /** A log-only policy that would have refused the request. */
  warnings: z.array(z.string()),
});

/** Who asked, as the budget-requests list shows it: the agent (or end user) and the key and team it called with. */
const requesterOf = (caller: ToolCaller): string =>
  `${caller.agent ?? caller.user ?? 'agent'} (key ${caller.keyId}, team ${caller.teamName})`.slice(0, 200);

export function requestBudgetTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'request_budget',
    description:
      'Ask for a higher limit on one of your budgets (see check_budget). A human grants or denies it later; ' +
      'the answer is the request id and its state.',
    input: inputSchema,
    output: outputSchema,
    readOnly: false,
    async run(args, context) {
      const own = await callerBudgets(options.budgets, context.caller);
      if (!own.some((status) => status.id === args.budgetId))
        throw new PodiumError('not_found', `budget "${args.budgetId}" is not one of your budgets`, {
          param: 'budgetId',
        });
      const filed = await options.budgetRequests.file({
        budgetId: args.budgetId,
        amount: args.amount,
        requestedBy: requesterOf(context.caller),
        justification: args.reason,
        ...(args.expectedValue ? { expectedValue: args.expectedValue } : {}),
      });
      return {
        requestId: filed.request.id,
        state: filed.request.state,
        budgetId: args.budgetId,
        amount: filed.request.amount,
        warnings: filed.warnings,
      };
    },
  });
}
