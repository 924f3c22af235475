/** Which budget scopes a tool caller is shown: only those it provably falls under. */
import { describe, expect, it } from 'vitest';
import type { BudgetStatus } from '../../../contract/index.js';
import type { ToolCaller } from '../tool-upstream.js';
import { appliesToCaller } from './caller-budgets.js';

const caller: ToolCaller = { orgId: 'org_a', keyId: 'key_a', teamName: 'support', user: 'sam', agent: 'bot' };

const status = (scope: BudgetStatus['scope']): BudgetStatus => ({
  id: 'b',
  scope,
  unit: 'usd',
  mode: 'hard',
  period: 'day',
  periodStart: '2026-12-01T00:00:00.000Z',
  resetsAt: '2026-12-02T00:00:00.000Z',
  limit: 10,
  used: 0,
  remaining: 10,
  burnRatePerHour: 0,
  projectedAtPeriodEnd: 0,
  hot: false,
  source: 'config',
});

describe('appliesToCaller', () => {
  it.each([
    [{ kind: 'organization', value: 'org_a' }, true],
    [{ kind: 'organization', value: 'org_b' }, false],
    [{ kind: 'team', value: 'support' }, true],
    [{ kind: 'team', value: 'sales' }, false],
    [{ kind: 'key', value: 'key_a' }, true],
    [{ kind: 'key', value: 'key_b' }, false],
    [{ kind: 'user', value: 'sam', team: 'support' }, true],
    [{ kind: 'user', value: 'sam', team: 'sales' }, false],
    // Its status may show another team's counter.
    [{ kind: 'user', value: 'sam' }, false],
    [{ kind: 'project', value: 'support/refunds' }, false],
    [{ kind: 'tag', value: 'env=prod' }, false],
    [{ kind: 'model', value: 'gpt' }, false],
  ] as const)('%o → %s', (scope, expected) => {
    expect(appliesToCaller(status(scope), caller)).toBe(expected);
  });

  it('never shows a user budget to a caller without an end user', () => {
    expect(
      appliesToCaller(status({ kind: 'user', value: 'sam', team: 'support' }), { ...caller, user: undefined }),
    ).toBe(false);
  });
});
