/**
 * The budgets that apply to a tool caller, from what a `ToolCaller` carries (organisation id, team name,
 * key id, end user). A scope the caller cannot be shown to fall under is left out rather than guessed:
 * a model must never see another team's spend.
 */
import type { BudgetStatus } from '../../../contract/index.js';
import type { ToolCaller } from '../tool-upstream.js';
import type { PodiumToolsServices } from './podium-tools-services.js';

export function appliesToCaller(status: BudgetStatus, caller: ToolCaller): boolean {
  const { kind, value, team } = status.scope;
  switch (kind) {
    case 'organization':
      return value === caller.orgId;
    case 'team':
      return value === caller.teamName;
    case 'key':
      return value === caller.keyId;
    case 'user':
      // Without a team, the status shows whichever team's counter is nearest its limit: not necessarily the caller's.
      return team !== undefined && team === caller.teamName && value === caller.user;
    default:
      // Projects need ids a ToolCaller does not carry; tag, model and provider budgets depend on the call, not the caller.
      return false;
  }
}

export async function callerBudgets(
  budgets: PodiumToolsServices['budgets'],
  caller: ToolCaller,
): Promise<BudgetStatus[]> {
  return (await budgets.status()).filter((status) => appliesToCaller(status, caller));
}
