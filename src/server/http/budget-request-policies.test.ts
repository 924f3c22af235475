/**
 * Cedar `budget.request` through the budget request route of a real Podium: who may ask for which
 * budget and how much; a denial names the deciding policies and lands on the audit trail, and
 * log-only files the request with a warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

const config = (mode: string) => `
budgets:
  definitions:
    - { id: team-eng, scope: { kind: team, value: test }, limit: 100 }
roles:
  finance: [ana]
policies:
  mode: ${mode}
  inline:
    budgets.cedar: |
      @id("finance-asks")
      permit(principal in Podium::Role::"finance", action == Podium::Action::"budget.request", resource)
      when { resource.unit == "usd" };

      @id("no-raise-above-10k")
      forbid(principal, action == Podium::Action::"budget.request", resource)
      when { context.amount.greaterThan(decimal("10000.0")) };
`;

let podium: TestPodium | undefined;
afterEach(async () => podium?.close());

const start = async (mode: string) =>
  (podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  fast: { targets: [{ provider: openai, model: m }] }',
    extraYaml: config(mode),
  }));

const ask = async (running: TestPodium, fields: Record<string, unknown>) => {
  const response = await fetch(`${running.url}/api/v1/budget-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${running.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ budgetId: 'team-eng', amount: 500, requestedBy: 'ana', justification: 'launch', ...fields }),
  });
  return {
    status: response.status,
    warning: response.headers.get('x-podium-warning'),
    json: (await response.json()) as Record<string, unknown>,
  };
};

/** The policy entries of the audit trail (appended before the route answered: no waiting). */
async function policyEntries(running: TestPodium) {
  return (await running.auditEntries())
    .filter((entry) => entry.kind === 'policy')
    .map((entry) => ({
      actor: entry.actor,
      subject: entry.subject,
      payload: JSON.parse(entry.payloadJson) as Record<string, unknown>,
    }));
}

describe('budget.request policies', () => {
  it('enforce: files what a policy permits; refuses by default or by forbid with 403 naming the policy, on the record, filing nothing', async () => {
    const running = await start('enforce');
    expect((await ask(running, {})).status).toBe(201);

    const stranger = await ask(running, { requestedBy: 'bob' });
    expect(stranger.status).toBe(403);
    expect(stranger.json.error).toMatchObject({
      code: 'policy_denied',
      param: 'requestedBy',
      message: 'budget.request on budget "team-eng" by user bob: no policy permits it (default deny)',
    });
    const huge = await ask(running, { amount: 20_000.5 });
    expect(huge.status).toBe(403);
    expect((huge.json.error as { message: string }).message).toBe(
      'budget.request on budget "team-eng" by user ana: forbidden by policy "no-raise-above-10k"',
    );

    const filed = (await running.admin('GET', '/api/v1/budget-requests')).json as {
      data: { requestedBy: string; amount: number }[];
    };
    expect(filed.data.map((request) => [request.requestedBy, request.amount])).toEqual([['ana', 500]]);
    expect(await policyEntries(running)).toEqual([
      {
        actor: 'user:bob',
        subject: 'team-eng',
        payload: expect.objectContaining({
          action: 'budget.request',
          resource: { type: 'Budget', id: 'team-eng' },
          policies: [],
          enforced: true,
        }) as unknown,
      },
      {
        actor: 'user:ana',
        subject: 'team-eng',
        payload: expect.objectContaining({
          policies: ['no-raise-above-10k'],
          enforced: true,
          context: {
            amount: { __extn: { fn: 'decimal', arg: '20000.5' } },
            kind: 'raise',
            currentLimit: { __extn: { fn: 'decimal', arg: '100.0' } },
          },
        }) as unknown,
      },
    ]);
  });

  it('log-only: files the request, warns, and records the would-be denial as not enforced', async () => {
    const running = await start('log-only');
    const stranger = await ask(running, { requestedBy: 'bob' });
    expect(stranger.status).toBe(201);
    expect(stranger.json).toMatchObject({ requestedBy: 'bob', state: 'pending' });
    expect(stranger.warning).toBe(
      'policy (log-only) would deny: budget.request on budget "team-eng" by user bob: no policy permits it (default deny)',
    );
    expect(await policyEntries(running)).toMatchObject([
      { actor: 'user:bob', payload: { action: 'budget.request', enforced: false, policies: [] } },
    ]);
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain('podium_policy_checks_total{action="budget.request",outcome="would-deny"} 1');
  });
});
