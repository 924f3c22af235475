/**
 * Cedar `budget.request`: who may ask for which budget, how much. Consulted when a budget request is
 * filed (the budgets capability calls it through an injected function and knows nothing of Cedar).
 * The requester is the named human the admin-key holder files for, a `Podium::User` in their roles.
 */
import { auditUnavailable, PodiumError, type BudgetRequestFacts } from '../../../contract/index.js';
import { cedarDecimal, undecimalMessage } from './cedar-decimal.js';
import type { PolicyCheck, PolicyCheckInput } from './policy-check.js';

export interface AuthorizeBudgetRequestOptions {
  check: PolicyCheck;
  /** The organisation the admin API acts for: denials are recorded in its audit chain. */
  tenant: string;
}

/**
 * Resolves with the warnings to pass on (log-only) once any denial is on the record.
 * @throws PodiumError `policy_denied` (403) naming the deciding policies; `audit_unavailable` (503) when a
 * denial could not be recorded (nothing is filed then); `invalid_request` for an amount Cedar cannot hold.
 */
export function authorizeBudgetRequest(
  options: AuthorizeBudgetRequestOptions,
): (facts: BudgetRequestFacts) => Promise<{ warnings: string[] }> {
  return async (facts) => {
    const verdict = options.check.check(budgetRequestInput(facts, options.tenant));
    try {
      await verdict.recorded;
    } catch (error) {
      throw auditUnavailable({
        what: 'the policy check of this budget request',
        consequence: 'it was not filed',
        cause: error,
      });
    }
    if (!verdict.allowed)
      throw new PodiumError('policy_denied', verdict.message ?? 'denied by policy', { param: 'requestedBy' });
    return { warnings: verdict.warning === undefined ? [] : [verdict.warning] };
  };
}

function budgetRequestInput(facts: BudgetRequestFacts, tenant: string): PolicyCheckInput {
  const { budget } = facts;
  const amount = decimalOf(facts.amount, 'amount');
  const context: PolicyCheckInput['context'] = { amount, kind: facts.kind };
  if (facts.currentLimit !== undefined) context.currentLimit = decimalOf(facts.currentLimit, 'currentLimit');
  return {
    principal: { kind: 'human', name: facts.requestedBy },
    action: 'budget.request',
    resource: {
      type: 'Budget',
      id: budget.id,
      attrs: { scopeKind: budget.scope.kind, scope: budget.scope.value, unit: budget.unit, period: budget.period },
    },
    context,
    tenant,
    subject: budget.id,
    // Rare and carrying amounts: caching would only hold memory.
    cache: false,
  };
}

function decimalOf(value: number, param: string) {
  const decimal = cedarDecimal(value);
  if (decimal === undefined)
    throw new PodiumError('invalid_request', `${param}: ${undecimalMessage(value)}`, { param });
  return decimal;
}
