/**
 * A refusal the caller can act on: 429 in its API's shape, naming the budget, what remains and when
 * it resets, with the same facts as `x-podium-budget-*` headers for programs.
 */
import { PodiumError, type BudgetStatus } from '../../contract/index.js';

const formatAmount = (status: BudgetStatus, amount: number): string =>
  status.unit === 'usd' ? `$${amount.toFixed(amount < 1 ? 6 : 2)}` : `${Math.floor(amount)} ${status.unit}`;

export function budgetRefusal(status: BudgetStatus, reason: 'exhausted' | 'hot', now: Date): PodiumError {
  const resets = status.resetsAt ? `resets at ${status.resetsAt}` : 'does not reset (total budget)';
  const what =
    reason === 'exhausted'
      ? `would exceed budget "${status.id}" (${status.scope.kind} ${status.scope.value})`
      : `is refused for this key's priority tier while budget "${status.id}" (${status.scope.kind} ${status.scope.value}) runs hot`;
  const message = `This call ${what}: ${formatAmount(status, status.remaining)} of ${formatAmount(status, status.limit)} remaining; it ${resets}.`;
  const headers: Record<string, string> = {
    'x-podium-budget-id': status.id,
    'x-podium-budget-limit': String(status.limit),
    'x-podium-budget-remaining': String(status.remaining),
    'x-podium-budget-unit': status.unit,
    'x-podium-budget-reason': reason,
  };
  if (status.resetsAt) headers['x-podium-budget-reset'] = status.resetsAt;
  const retryAfterMs = status.resetsAt ? Math.max(0, Date.parse(status.resetsAt) - now.getTime()) : undefined;
  return new PodiumError('budget_exceeded', message, { headers, retryAfterMs });
}
