import { describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, PodiumError, type BudgetRequestFacts } from '../../../contract/index.js';
import { Metrics } from '../../telemetry/index.js';
import { authorizeBudgetRequest } from './authorize-budget-request.js';
import { loadPolicies } from './load-policies.js';
import { PolicyCheck, type PolicyDenial } from './policy-check.js';
import { PolicyEngine } from './policy-engine.js';

const policies = `
@id("finance-asks")
permit(principal in Podium::Role::"finance", action == Podium::Action::"budget.request", resource);
@id("no-big-raises")
forbid(principal, action == Podium::Action::"budget.request", resource) when { context.amount.greaterThan(decimal("1000.0")) };
`;

const facts = (amount: number): BudgetRequestFacts => ({
  requestedBy: 'ana',
  kind: 'raise',
  budget: budgetDefinitionSchema.parse({
    id: 'eng-monthly',
    scope: { kind: 'team', value: 'eng' },
    limit: 100,
    period: 'month',
  }),
  amount,
  currentLimit: 100,
});

function authorizer(input: { mode: 'enforce' | 'log-only'; onDeny: (denial: PolicyDenial) => Promise<void> }) {
  const check = new PolicyCheck({
    engine: new PolicyEngine({ policies: loadPolicies({ texts: { 'budgets.cedar': policies }, baseDir: '.' }) }),
    mode: input.mode,
    metrics: new Metrics(),
    roles: { finance: ['ana'] },
    onDeny: input.onDeny,
  });
  return authorizeBudgetRequest({ check, tenant: 'org_1' });
}

describe('authorizeBudgetRequest', () => {
  it('allows what a policy permits, refuses a forbid naming it, and records the denial first', async () => {
    const denials: PolicyDenial[] = [];
    const authorize = authorizer({ mode: 'enforce', onDeny: (denial) => (denials.push(denial), Promise.resolve()) });
    await expect(authorize(facts(500))).resolves.toEqual({ warnings: [] });
    const refused = (await authorize(facts(5000)).catch((caught: unknown) => caught)) as PodiumError;
    expect(refused).toMatchObject({ code: 'policy_denied', status: 403 });
    expect(refused.message).toContain('no-big-raises');
    expect(denials).toHaveLength(1);
  });

  it('fails closed when the denial cannot be recorded: 503 audit_unavailable, retryable, in either mode', async () => {
    for (const mode of ['enforce', 'log-only'] as const) {
      const authorize = authorizer({ mode, onDeny: () => Promise.reject(new Error('disk full')) });
      const error = (await authorize(facts(5000)).catch((caught: unknown) => caught)) as PodiumError;
      expect(error).toBeInstanceOf(PodiumError);
      expect(error).toMatchObject({ code: 'audit_unavailable', status: 503, isRetryable: true });
      expect(error.message).toContain('disk full');
    }
  });

  it('log-only: files with a warning once the would-be denial is on the record', async () => {
    const authorize = authorizer({ mode: 'log-only', onDeny: () => Promise.resolve() });
    const { warnings } = await authorize(facts(5000));
    expect(warnings[0]).toContain('no-big-raises');
  });
});
