import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

const config = `
providers:
  openai: { type: openai, apiKey: sk-test }
models:
  fast: { targets: [{ provider: openai, model: gpt-4.1-mini }] }
policies:
  files: [refunds.cedar]
`;

const policyFile = `
@id("support-models")
permit(principal in Podium::Team::"support", action == Podium::Action::"model.call", resource);

@id("no-cards-outside")
forbid(principal, action == Podium::Action::"model.call", resource)
when { resource.external && context.dataClasses.contains("card") };
`;

const key = (team: string) => ({
  type: 'Key',
  id: 'k1',
  attrs: { tier: 'standard' },
  parents: [{ type: 'Team', id: team }],
});
const model = { type: 'Model', id: 'fast', attrs: { provider: 'openai', providerType: 'openai', external: true } };

async function policyTest(cases: unknown, files: { config?: string; policies?: string } = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-cli-policy-'));
  await writeFile(join(cwd, 'podium.yaml'), files.config ?? config);
  await writeFile(join(cwd, 'refunds.cedar'), files.policies ?? policyFile);
  await writeFile(join(cwd, 'cases.yaml'), JSON.stringify(cases));
  const context = {
    ...createTestContext({ env: { PODIUM_CONFIG: undefined, PODIUM_ADMIN_KEY: undefined, PODIUM_URL: undefined } }),
    cwd,
  };
  const exitCode = await runCli({ ...context, argv: ['policy', 'test', 'cases.yaml'] });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium policy test', () => {
  it('passes cases that get the expected decision from the expected policies', async () => {
    const result = await policyTest({
      cases: [
        {
          name: 'support may call',
          principal: key('support'),
          action: 'model.call',
          resource: model,
          expect: 'allow',
          policies: ['support-models'],
        },
        {
          name: 'cards stay in',
          principal: key('support'),
          action: 'model.call',
          resource: model,
          context: { dataClasses: ['card'] },
          expect: 'deny',
          policies: ['no-cards-outside'],
        },
        {
          name: 'others denied by default',
          principal: key('sales'),
          action: 'model.call',
          resource: model,
          expect: 'deny',
          policies: [],
        },
      ],
    });
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        'PASS  support may call: allow (support-models)\nPASS  cards stay in: deny (no-cards-outside)\nPASS  others denied by default: deny (default deny)\n\n3 passed, 0 failed\n',
      stderr: '',
    });
  });

  it('fails with exit code 1 and says what differed', async () => {
    const result = await policyTest({
      cases: [{ name: 'wrong', principal: key('sales'), action: 'model.call', resource: model, expect: 'allow' }],
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('FAIL  wrong: expected allow, got deny\n\n0 passed, 1 failed\n');
  });

  it('names the field of a malformed case', async () => {
    const result = await policyTest({
      cases: [{ name: 'x', principal: key('a'), action: 'model.call', resource: model, expect: 'maybe' }],
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: cases\.yaml: cases\.0\.expect: Invalid option/);
  });

  it('types decision.make cases with the decisions’ context fields (a number is a Cedar decimal) and follows a key to its agent', async () => {
    const withDecision = `${config}
decisions:
  definitions:
    - id: refund
      description: Refund
      owner: payments
      context: { amount: { schema: { type: number } } }
      risk: [{ outcome: auto }]
`;
    const policies = `
@id("refund-bot-refunds")
permit(principal in Podium::Agent::"refund-bot", action == Podium::Action::"decision.make", resource == Podium::Decision::"refund");
@id("refund-agents-anything")
permit(principal in Podium::Role::"refund-agents", action == Podium::Action::"decision.make", resource);
@id("no-big-refunds")
forbid(principal, action == Podium::Action::"decision.make", resource) when { context has amount && context.amount.greaterThan(decimal("5000.0")) };
`;
    const bot = {
      type: 'Key',
      id: 'k1',
      attrs: { tier: 'standard' },
      parents: [
        { type: 'Team', id: 'support' },
        { type: 'Agent', id: 'refund-bot' },
      ],
    };
    const refund = { type: 'Decision', id: 'refund', attrs: { owner: 'payments', risk: 'tier 1' } };
    const result = await policyTest(
      {
        cases: [
          {
            name: 'small',
            principal: bot,
            action: 'decision.make',
            resource: refund,
            context: { proposal: '{}', amount: 4999.99 },
            expect: 'allow',
            policies: ['refund-bot-refunds'],
          },
          {
            name: 'big',
            principal: bot,
            action: 'decision.make',
            resource: refund,
            context: { proposal: '{}', amount: 5000.5 },
            expect: 'deny',
            policies: ['no-big-refunds'],
          },
          {
            name: 'role through the agent',
            principal: {
              ...bot,
              id: 'k2',
              parents: [
                { type: 'Team', id: 'ops' },
                { type: 'Agent', id: 'helper-bot' },
              ],
            },
            entities: [{ type: 'Agent', id: 'helper-bot', parents: [{ type: 'Role', id: 'refund-agents' }] }],
            action: 'decision.make',
            resource: refund,
            context: { proposal: '{}' },
            expect: 'allow',
            policies: ['refund-agents-anything'],
          },
        ],
      },
      { config: withDecision, policies },
    );
    expect(result.stdout).toBe(
      'PASS  small: allow (refund-bot-refunds)\nPASS  big: deny (no-big-refunds)\nPASS  role through the agent: allow (refund-agents-anything)\n\n3 passed, 0 failed\n',
    );
    expect(result.exitCode).toBe(0);
  });

  it('types budget.request amounts as Cedar decimals, as the gateway passes them', async () => {
    const policies = `
@id("finance-asks")
permit(principal in Podium::Role::"finance", action == Podium::Action::"budget.request", resource);
@id("no-big-raises")
forbid(principal, action == Podium::Action::"budget.request", resource) when { context.amount.greaterThan(decimal("1000.0")) };
`;
    const ana = { type: 'User', id: 'ana', parents: [{ type: 'Role', id: 'finance' }] };
    const budget = {
      type: 'Budget',
      id: 'eng-monthly',
      attrs: { scopeKind: 'team', scope: 'eng', unit: 'usd', period: 'month' },
    };
    const result = await policyTest(
      {
        cases: [
          {
            name: 'small raise',
            principal: ana,
            action: 'budget.request',
            resource: budget,
            context: { amount: 250, currentLimit: 100, kind: 'raise' },
            expect: 'allow',
            policies: ['finance-asks'],
          },
          {
            name: 'big raise',
            principal: ana,
            action: 'budget.request',
            resource: budget,
            context: { amount: 1000.5, currentLimit: 100, kind: 'raise' },
            expect: 'deny',
            policies: ['no-big-raises'],
          },
        ],
      },
      { policies },
    );
    expect(result.stdout).toBe(
      'PASS  small raise: allow (finance-asks)\nPASS  big raise: deny (no-big-raises)\n\n2 passed, 0 failed\n',
    );
    expect(result.exitCode).toBe(0);
  });
});
