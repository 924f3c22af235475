import { describe, expect, it } from 'vitest';
import { decisionDefinitionSchema, PodiumError, type DecisionDefinitionInput } from '../../../contract/index.js';
import { loadPolicies, PolicyEngine } from '../policies/index.js';
import type { DecisionRecord } from './decision-record.js';
import { DecisionService, type ApprovalOpener } from './decision-service.js';

/** The worked example: agents auto-approve under $100, a human up to $5,000, two humans above. */
const refund: DecisionDefinitionInput = {
  id: 'refund',
  description: 'Refund a customer order',
  owner: 'payments',
  makers: { teams: ['support'], humans: ['alice'] },
  context: {
    amount: { schema: { type: 'number', minimum: 0 } },
    orderId: { schema: { type: 'string', pattern: '^ord_' } },
    note: { schema: { type: 'string' }, required: false },
  },
  risk: [
    { name: 'small', when: { amount: { lt: 100 } }, outcome: 'auto' },
    { name: 'medium', when: { amount: { lte: 5000 } }, outcome: 'approve', approvers: ['alice', 'bob'], quorum: 1 },
    { name: 'large', outcome: 'approve', approvers: ['alice', 'bob', 'carol'], quorum: 2 },
  ],
  escalation: [['dana']],
  timeoutMs: 3_600_000,
};

function setup(options: { policies?: string } = {}) {
  const opened: Parameters<ApprovalOpener['request']>[0][] = [];
  const records: DecisionRecord[] = [];
  const definition = decisionDefinitionSchema.parse(refund);
  const service = new DecisionService({
    definitions: (id) => (id === 'refund' ? definition : undefined),
    approvals: {
      request: (input) => {
        opened.push(input);
        return Promise.resolve({ id: `apr_${opened.length}` });
      },
    },
    policies: options.policies ? new PolicyEngine({ policies: loadPolicies({ texts: { 'decisions.cedar': options.policies }, baseDir: '.' }) }) : undefined,
    record: (record) => records.push(record),
  });
  return { service, opened, records };
}

const agent = { kind: 'key' as const, keyId: 'key_1', teamName: 'support', tier: 'standard', agent: 'refund-bot' };
const propose = (service: DecisionService, context: Record<string, unknown>, maker: Parameters<DecisionService['propose']>[0]['maker'] = agent) =>
  service.propose({ decisionId: 'refund', tenant: 'org_1', maker, body: { proposal: { refund: context.amount }, context, model: 'gpt-4.1-mini', evidence: ['ticket 42'] } });

describe('DecisionService', () => {
  it('allows a small refund automatically and records who asked, what and why', async () => {
    const { service, records, opened } = setup();
    const answer = await propose(service, { amount: 40, orderId: 'ord_1' });
    expect(answer).toMatchObject({ decision: 'refund', outcome: 'allowed', tier: 'small', approvalId: null, reasons: ['risk tier small (amount 40 < 100)', 'automatic'] });
    expect(opened).toHaveLength(0);
    expect(records[0]).toMatchObject({ tenant: 'org_1', maker: agent, proposal: { refund: 40 }, model: 'gpt-4.1-mini', evidence: ['ticket 42'], answer: { id: answer.id } });
  });

  it('opens an approval for one of two humans up to $5,000 and for two of three above', async () => {
    const { service, opened } = setup();
    const medium = await propose(service, { amount: 250, orderId: 'ord_2' });
    expect(medium).toMatchObject({ outcome: 'pending', tier: 'medium', approvalId: 'apr_1', reasons: ['risk tier medium (amount 250 <= 5000)', 'needs 1 of alice, bob'] });
    expect(opened[0]?.decisionId).toBe(`refund/${medium.id}`);
    expect(opened[0]).toMatchObject({ approvers: ['alice', 'bob'], quorum: 1, escalation: [['dana']], timeoutMs: 3_600_000, onTimeout: 'deny', requester: 'refund-bot' });
    const large = await propose(service, { amount: 12_000, orderId: 'ord_3' });
    expect(large).toMatchObject({ outcome: 'pending', tier: 'large', reasons: ['risk tier large (no conditions)', 'needs 2 of alice, bob, carol'] });
    expect(opened[1]?.quorum).toBe(2);
  });

  it('denies makers who may not make the decision, and records the denial', async () => {
    const { service, records } = setup();
    const answer = await propose(service, { amount: 10, orderId: 'ord_1' }, { kind: 'key', keyId: 'key_9', teamName: 'sales', tier: 'standard', agent: undefined });
    expect(answer).toMatchObject({ outcome: 'denied', reasons: ['key key_9 (team sales) may not make refund'] });
    expect(records).toHaveLength(1);
    expect((await propose(service, { amount: 10, orderId: 'ord_1' }, { kind: 'human', name: 'alice' })).outcome).toBe('allowed');
  });

  it('refuses missing or invalid context naming the field, and unknown decisions', async () => {
    const { service, records } = setup();
    await expect(propose(service, { amount: -5 })).rejects.toMatchObject({ code: 'invalid_request', param: 'context.amount', message: 'decision refund: context.amount: must be >= 0; context.orderId: required' });
    await expect(propose(service, { amount: 5, orderId: 'x' })).rejects.toThrow('context.orderId: must match pattern "^ord_"');
    await expect(service.propose({ decisionId: 'nope', tenant: 'o', maker: agent, body: {} })).rejects.toBeInstanceOf(PodiumError);
    await expect(service.propose({ decisionId: 'refund', tenant: 'o', maker: agent, body: { proposal: 1, context: {}, extra: 1 } })).rejects.toMatchObject({ param: 'body', message: expect.stringContaining('"extra"') as string });
    await expect(service.propose({ decisionId: 'refund', tenant: 'o', maker: agent, body: { context: {} } })).rejects.toMatchObject({ param: 'proposal' });
    expect(records).toHaveLength(0);
  });

  it('lets Cedar constraints on decision.make deny, naming the policy', async () => {
    const { service } = setup({
      policies: `
@id("support-refunds")
permit(principal in Podium::Team::"support", action == Podium::Action::"decision.make", resource == Podium::Decision::"refund");
@id("no-night-refunds-over-1000")
forbid(principal, action == Podium::Action::"decision.make", resource) when { context has amount && context.amount > 1000 && resource.risk == "large" };
`,
    });
    expect((await propose(service, { amount: 50, orderId: 'ord_1' })).policies).toEqual(['support-refunds']);
    const denied = await propose(service, { amount: 2000.5, orderId: 'ord_1' });
    // A fractional amount is not a Cedar Long: the policy cannot see it, the tier still applies.
    expect(denied.outcome).toBe('pending');
    const forbidden = await propose(service, { amount: 20_000, orderId: 'ord_1' });
    expect(forbidden).toMatchObject({ outcome: 'denied', policies: ['no-night-refunds-over-1000'], reasons: ['risk tier large (no conditions)', 'forbidden by policy "no-night-refunds-over-1000"'] });
  });

  it('lets roles make decisions and approve: role members are makers, `role:` approvers expand to members', async () => {
    const opened: Parameters<ApprovalOpener['request']>[0][] = [];
    const definition = decisionDefinitionSchema.parse({
      ...refund,
      makers: { roles: ['refund-agents'] },
      risk: [{ name: 'any', outcome: 'approve', approvers: ['role:finance', 'dana'], quorum: 2 }],
      escalation: [['role:executives']],
    });
    const service = new DecisionService({
      definitions: () => definition,
      approvals: { request: (input) => (opened.push(input), Promise.resolve({ id: 'apr_1' })) },
      policies: new PolicyEngine({
        policies: loadPolicies({ texts: { 'r.cedar': 'permit(principal in Podium::Role::"finance", action == Podium::Action::"decision.make", resource);' }, baseDir: '.' }),
      }),
      record: () => undefined,
      roles: { 'refund-agents': ['refund-bot', 'erin'], finance: ['frank', 'dana'], executives: ['cto'] },
    });
    const byAgent = await propose(service, { amount: 5, orderId: 'ord_1' });
    // The agent is a maker through its role, but Cedar only permits the finance role: the policy denies.
    expect(byAgent).toMatchObject({ outcome: 'denied', reasons: ['risk tier any (no conditions)', 'no policy permits decision.make (default deny)'] });
    expect((await propose(service, { amount: 5, orderId: 'ord_1' }, { kind: 'key', keyId: 'k', teamName: 't', tier: 'standard', agent: 'other-bot' })).reasons).toEqual([
      'key k (team t, agent other-bot) may not make refund',
    ]);
    const open = new DecisionService({
      definitions: () => definition,
      approvals: { request: (input) => (opened.push(input), Promise.resolve({ id: 'apr_2' })) },
      policies: undefined,
      record: () => undefined,
      roles: { 'refund-agents': ['refund-bot', 'erin'], finance: ['frank', 'dana'], executives: ['cto'] },
    });
    expect((await propose(open, { amount: 5, orderId: 'ord_1' }, { kind: 'human', name: 'erin' })).outcome).toBe('pending');
    expect(opened.at(-1)).toMatchObject({ approvers: ['frank', 'dana'], quorum: 2, escalation: [['cto']] });
  });
});
