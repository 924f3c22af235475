/** `check_budget`: how much of each budget that applies to the caller is left this period. */
import { z } from 'zod';
import { budgetPeriods, budgetScopeKinds, budgetUnits } from '../../../contract/index.js';
import { callerBudgets } from './caller-budgets.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

const budgetViewSchema = z.object({
  budgetId: z.string(),
  scope: z.enum(budgetScopeKinds),
  unit: z.enum(budgetUnits),
  period: z.enum(budgetPeriods),
  mode: z.enum(['hard', 'soft']),
  limit: z.number(),
  spent: z.number(),
  remaining: z.number(),
  resetsAt: z.string().nullable(),
  /** Projected to run out before the period ends. */
  hot: z.boolean(),
});

export function checkBudgetTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'check_budget',
    description:
      'Show the budgets that apply to you (your organisation, team, key, and you as end user): limit, spent, ' +
      'remaining and when the period resets. A "hard" budget refuses calls once spent; plan expensive work accordingly.',
    input: z.strictObject({}),
    output: z.object({ budgets: z.array(budgetViewSchema) }),
    readOnly: true,
    async run(_args, context) {
      const statuses = await callerBudgets(options.budgets, context.caller);
      const budgets = statuses
        .map((status) => ({
          budgetId: status.id,
          scope: status.scope.kind,
          unit: status.unit,
          period: status.period,
          mode: status.mode,
          limit: status.limit,
          spent: status.used,
          remaining: status.remaining,
          resetsAt: status.resetsAt,
          hot: status.hot,
        }))
        .sort((left, right) => left.budgetId.localeCompare(right.budgetId));
      return { budgets };
    },
  });
}
