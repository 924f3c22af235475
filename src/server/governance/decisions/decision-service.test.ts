import { describe, expect, it } from 'vitest';
import { decisionDefinitionSchema, PodiumError, type DecisionDefinitionInput } from '../../../contract/index.js';
import { generateKeyPairSync } from 'node:crypto';
import { Metrics } from '../../telemetry/index.js';
import { createAuditLog, createCheckpointSigner, createMemoryAuditStore, type AuditStore } from '../audit/index.js';
import { createAuthorityAudit } from './decision-audit.js';
import { loadPolicies, PolicyCheck, PolicyEngine, type PolicyDenial } from '../policies/index.js';
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

/** Cedar policies as main.ts wires them: validated against the decisions' typed context fields. */
function policyCheck(options: {
  policies: string;
  mode?: 'enforce' | 'log-only';
  denials?: PolicyDenial[];
  roles?: Record<string, string[]>;
  definitions?: DecisionDefinitionInput[];
}) {
  const decisions = (options.definitions ?? [refund]).map((definition) => decisionDefinitionSchema.parse(definition));
  return new PolicyCheck({
    engine: new PolicyEngine({
      policies: loadPolicies({ texts: { 'decisions.cedar': options.policies }, baseDir: '.', decisions }),
    }),
    mode: options.mode ?? 'enforce',
    metrics: new Metrics(),
    roles: options.roles,
    onDeny: (denial) => void options.denials?.push(denial),
  });
}

function setup(options: { policies?: string; mode?: 'enforce' | 'log-only'; denials?: PolicyDenial[] } = {}) {
  const opened: Parameters<ApprovalOpener['request']>[0][] = [];
  const records: DecisionRecord[] = [];
  const definition = decisionDefinitionSchema.parse(refund);
  const service = new DecisionService({
    definitions: (id) => (id === 'refund' ? definition : undefined),
    approvals: {
      request: (input) => {
        opened.push(input);
        return Promise.resolve({ id: input.id });
      },
    },
    policies: options.policies
      ? policyCheck({ policies: options.policies, mode: options.mode, denials: options.denials })
      : undefined,
    record: (record) => (records.push(record), Promise.resolve()),
  });
  return { service, opened, records };
}

const agent = { kind: 'key' as const, keyId: 'key_1', teamName: 'support', tier: 'standard', agent: 'refund-bot' };
const propose = (
  service: DecisionService,
  context: Record<string, unknown>,
  maker: Parameters<DecisionService['propose']>[0]['maker'] = agent,
) =>
  service.propose({
    decisionId: 'refund',
    tenant: 'org_1',
    maker,
    body: { proposal: { refund: context.amount }, context, model: 'gpt-4.1-mini', evidence: ['ticket 42'] },
  });

describe('DecisionService', () => {
  it('allows a small refund automatically and records who asked, what and why', async () => {
    const { service, records, opened } = setup();
    const answer = await propose(service, { amount: 40, orderId: 'ord_1' });
    expect(answer).toMatchObject({
      decision: 'refund',
      outcome: 'allowed',
      tier: 'small',
      approvalId: null,
      reasons: ['risk tier small (amount 40 < 100)', 'automatic'],
    });
    expect(opened).toHaveLength(0);
    expect(records[0]).toMatchObject({
      tenant: 'org_1',
      maker: agent,
      proposal: { refund: 40 },
      model: 'gpt-4.1-mini',
      evidence: ['ticket 42'],
      answer: { id: answer.id },
    });
  });

  it('opens an approval for one of two humans up to $5,000 and for two of three above', async () => {
    const { service, opened } = setup();
    const medium = await propose(service, { amount: 250, orderId: 'ord_2' });
    expect(medium).toMatchObject({
      outcome: 'pending',
      tier: 'medium',
      approvalId: expect.stringMatching(/^appr_[0-9a-f]{32}$/) as string,
      reasons: ['risk tier medium (amount 250 <= 5000)', 'needs 1 of alice, bob'],
    });
    expect(opened[0]).toMatchObject({ id: medium.approvalId, decisionId: `refund/${medium.id}` });
    expect(opened[0]).toMatchObject({
      approvers: ['alice', 'bob'],
      quorum: 1,
      escalation: [['dana']],
      timeoutMs: 3_600_000,
      onTimeout: 'deny',
      requester: 'refund-bot',
    });
    const large = await propose(service, { amount: 12_000, orderId: 'ord_3' });
    expect(large).toMatchObject({
      outcome: 'pending',
      tier: 'large',
      reasons: ['risk tier large (no conditions)', 'needs 2 of alice, bob, carol'],
    });
    expect(opened[1]?.quorum).toBe(2);
  });

  it('denies makers who may not make the decision, and records the denial', async () => {
    const { service, records } = setup();
    const answer = await propose(
      service,
      { amount: 10, orderId: 'ord_1' },
      { kind: 'key', keyId: 'key_9', teamName: 'sales', tier: 'standard', agent: undefined },
    );
    expect(answer).toMatchObject({ outcome: 'denied', reasons: ['key key_9 (team sales) may not make refund'] });
    expect(records).toHaveLength(1);
    expect((await propose(service, { amount: 10, orderId: 'ord_1' }, { kind: 'human', name: 'alice' })).outcome).toBe(
      'allowed',
    );
  });

  it('refuses missing or invalid context naming the field, and unknown decisions', async () => {
    const { service, records } = setup();
    await expect(propose(service, { amount: -5 })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'context.amount',
      message: 'decision refund: context.amount: must be >= 0; context.orderId: required',
    });
    await expect(propose(service, { amount: 5, orderId: 'x' })).rejects.toThrow(
      'context.orderId: must match pattern "^ord_"',
    );
    await expect(service.propose({ decisionId: 'nope', tenant: 'o', maker: agent, body: {} })).rejects.toBeInstanceOf(
      PodiumError,
    );
    await expect(
      service.propose({
        decisionId: 'refund',
        tenant: 'o',
        maker: agent,
        body: { proposal: 1, context: {}, extra: 1 },
      }),
    ).rejects.toMatchObject({ param: 'body', message: expect.stringContaining('"extra"') as string });
    await expect(
      service.propose({ decisionId: 'refund', tenant: 'o', maker: agent, body: { context: {} } }),
    ).rejects.toMatchObject({ param: 'proposal' });
    expect(records).toHaveLength(0);
  });

  it('lets Cedar constraints on decision.make deny, naming the policy; a number field is a Cedar decimal', async () => {
    const { service } = setup({
      policies: `
@id("support-refunds")
permit(principal in Podium::Team::"support", action == Podium::Action::"decision.make", resource == Podium::Decision::"refund");
@id("no-large-refunds-over-10000")
forbid(principal, action == Podium::Action::"decision.make", resource) when { context has amount && context.amount.greaterThan(decimal("10000.0")) && resource.risk == "large" };
`,
    });
    expect((await propose(service, { amount: 50, orderId: 'ord_1' })).policies).toEqual(['support-refunds']);
    expect((await propose(service, { amount: 10_000, orderId: 'ord_1' })).outcome).toBe('pending');
    // Fractions are visible (4 decimal places): 10,000.01 is over the line.
    const forbidden = await propose(service, { amount: 10_000.01, orderId: 'ord_1' });
    expect(forbidden).toMatchObject({
      outcome: 'denied',
      policies: ['no-large-refunds-over-10000'],
      reasons: ['risk tier large (no conditions)', 'forbidden by policy "no-large-refunds-over-10000"'],
    });
    // A value Cedar cannot hold exactly is refused rather than rounded past a policy's bound.
    await expect(propose(service, { amount: 10_000.00001, orderId: 'ord_1' })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'context.amount',
      message: expect.stringContaining('at most 4 decimal places') as string,
    });
  });

  it('types every context field for Cedar (strings, booleans, integers as Long, numbers as decimal, arrays as sets) and sees the agent and its roles', async () => {
    const payout: DecisionDefinitionInput = {
      id: 'payout',
      description: 'Pay a supplier',
      owner: 'finance',
      makers: { teams: ['support'] },
      context: {
        supplier: { schema: { type: 'string' } },
        urgent: { schema: { type: 'boolean' } },
        invoices: { schema: { type: 'integer' } },
        total: { schema: { type: 'number' } },
        countries: { schema: { type: 'array', items: { type: 'string' } } },
        meta: { schema: { type: 'object' } },
      },
      risk: [{ name: 'any', outcome: 'auto' }],
    };
    const definition = decisionDefinitionSchema.parse(payout);
    const check = policyCheck({
      definitions: [refund, payout],
      roles: { payers: ['agent:pay-bot'] },
      policies: `
@id("payers-pay")
permit(principal in Podium::Role::"payers", action == Podium::Action::"decision.make", resource == Podium::Decision::"payout")
when { context has supplier && context.supplier like "acme*" && context has invoices && context.invoices <= 3 };
@id("no-urgent-big")
forbid(principal in Podium::Agent::"pay-bot", action == Podium::Action::"decision.make", resource)
when { context has urgent && context.urgent && context has total && context.total.greaterThanOrEqual(decimal("999.5")) };
@id("no-sanctioned")
forbid(principal, action == Podium::Action::"decision.make", resource) when { context has countries && context.countries.contains("XX") };
`,
    });
    const service = new DecisionService({
      definitions: () => definition,
      approvals: { request: () => Promise.reject(new Error('no approvals')) },
      policies: check,
      record: () => Promise.resolve(),
    });
    const pay = (context: Record<string, unknown>, agent = 'pay-bot') =>
      service.propose({
        decisionId: 'payout',
        tenant: 'org_1',
        maker: { ...agentMaker, agent },
        body: {
          proposal: 'pay',
          context: {
            supplier: 'acme ltd',
            urgent: false,
            invoices: 2,
            total: 10.5,
            countries: ['FR'],
            meta: {},
            ...context,
          },
        },
      });
    const agentMaker = { kind: 'key' as const, keyId: 'key_2', teamName: 'support', tier: 'standard' };
    expect(await pay({})).toMatchObject({ outcome: 'allowed', policies: ['payers-pay'] });
    expect((await pay({}, 'other-bot')).reasons).toContain('no policy permits decision.make (default deny)');
    expect((await pay({ invoices: 4 })).outcome).toBe('denied');
    expect((await pay({ urgent: true, total: 999.5 })).policies).toEqual(['no-urgent-big']);
    expect((await pay({ urgent: true, total: 999.4999 })).outcome).toBe('allowed');
    expect((await pay({ countries: ['FR', 'XX'] })).policies).toEqual(['no-sanctioned']);
    // Fail closed: a value policies cannot see exactly is refused, not left out of the context (which would skip every forbid on it).
    await expect(pay({ invoices: 2 ** 60 })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'context.invoices',
    });
    const retyped = decisionDefinitionSchema.parse({
      ...payout,
      context: { ...payout.context, total: { schema: { type: 'integer' } } },
    });
    const drifted = new DecisionService({
      definitions: () => retyped,
      approvals: { request: () => Promise.reject(new Error('no approvals')) },
      policies: check,
      record: () => Promise.resolve(),
    });
    await expect(
      drifted.propose({
        decisionId: 'payout',
        tenant: 'org_1',
        maker: { ...agentMaker, agent: 'pay-bot' },
        body: {
          proposal: 'pay',
          context: { supplier: 'acme', urgent: true, invoices: 1, total: 5000, countries: [], meta: {} },
        },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'context.total',
      message: expect.stringContaining('policies know it as decimal') as string,
    });
  });

  it('validates decision.make policies against the decisions’ fields at load: a typo or two types for one name is an error', () => {
    expect(() =>
      policyCheck({
        policies: 'permit(principal, action == Podium::Action::"decision.make", resource) when { context.amout > 1 };',
      }),
    ).toThrow(/attribute `amout`.*did you mean `amount`/);
    // Behind `has`, Cedar only warns that the policy can never match: a forbid that silently never applies. Podium refuses it.
    expect(() =>
      policyCheck({
        policies:
          'forbid(principal, action == Podium::Action::"decision.make", resource) when { context has amout && context.amout > 1 };',
      }),
    ).toThrow(/policy is impossible.*misspelt attribute after `has`/);
    expect(() =>
      policyCheck({
        policies:
          'permit(principal, action == Podium::Action::"decision.make", resource) when { context has amount && context.amount > 1 };',
      }),
    ).toThrow(/decimal/);
    const clash = {
      ...refund,
      id: 'refund-int',
      context: { amount: { schema: { type: 'integer' } } },
      risk: [{ outcome: 'auto' as const }],
    };
    expect(() =>
      policyCheck({ policies: 'permit(principal, action, resource);', definitions: [refund, clash] }),
    ).toThrow(
      'decisions (refund-int).context.amount: policies see one type per context field, and "amount" is decimal in decision refund but Long here',
    );
  });

  it('log-only: a policy denial of decision.make lets the tier decide, says so, and is recorded as not enforced', async () => {
    const denials: PolicyDenial[] = [];
    const { service, opened } = setup({
      mode: 'log-only',
      denials,
      policies: '@id("nobody")\nforbid(principal, action == Podium::Action::"decision.make", resource);',
    });
    const small = await propose(service, { amount: 40, orderId: 'ord_1' });
    expect(small).toMatchObject({
      outcome: 'allowed',
      policies: ['nobody'],
      reasons: [
        'risk tier small (amount 40 < 100)',
        'policy (log-only) would deny: forbidden by policy "nobody"',
        'automatic',
      ],
    });
    expect(denials).toMatchObject([
      {
        action: 'decision.make',
        subject: small.id,
        actor: 'key:key_1/agent:refund-bot',
        enforced: false,
        policies: ['nobody'],
        resource: { type: 'Decision', id: 'refund' },
      },
    ]);
    expect((await propose(service, { amount: 250, orderId: 'ord_2' })).outcome).toBe('pending');
    expect(opened).toHaveLength(1);
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
      approvals: { request: (input) => (opened.push(input), Promise.resolve({ id: input.id })) },
      policies: policyCheck({
        policies: 'permit(principal in Podium::Role::"finance", action == Podium::Action::"decision.make", resource);',
        roles: { 'refund-agents': ['agent:refund-bot', 'erin'], finance: ['frank', 'dana'], executives: ['cto'] },
      }),
      record: () => Promise.resolve(),
      roles: { 'refund-agents': ['agent:refund-bot', 'erin'], finance: ['frank', 'dana'], executives: ['cto'] },
    });
    const byAgent = await propose(service, { amount: 5, orderId: 'ord_1' });
    // The agent is a maker through its role, but Cedar only permits the finance role: the policy denies.
    expect(byAgent).toMatchObject({
      outcome: 'denied',
      reasons: ['risk tier any (no conditions)', 'no policy permits decision.make (default deny)'],
    });
    expect(
      (
        await propose(
          service,
          { amount: 5, orderId: 'ord_1' },
          { kind: 'key', keyId: 'k', teamName: 't', tier: 'standard', agent: 'other-bot' },
        )
      ).reasons,
    ).toEqual(['key k (team t, agent other-bot) may not make refund']);
    const open = new DecisionService({
      definitions: () => definition,
      approvals: { request: (input) => (opened.push(input), Promise.resolve({ id: input.id })) },
      policies: undefined,
      record: () => Promise.resolve(),
      roles: { 'refund-agents': ['agent:refund-bot', 'erin'], finance: ['frank', 'dana'], executives: ['cto'] },
    });
    expect((await propose(open, { amount: 5, orderId: 'ord_1' }, { kind: 'human', name: 'erin' })).outcome).toBe(
      'pending',
    );
    // A key naming itself after a human role member gets nothing from it: agents count only as agent:<name>.
    expect(
      (
        await propose(
          open,
          { amount: 5, orderId: 'ord_1' },
          { kind: 'key', keyId: 'k', teamName: 't', tier: 'standard', agent: 'erin' },
        )
      ).reasons,
    ).toEqual(['key k (team t, agent erin) may not make refund']);
    expect(opened.at(-1)).toMatchObject({ approvers: ['frank', 'dana'], quorum: 2, escalation: [['cto']] });
  });

  it('fails closed when the audit trail cannot take the decision: 503, nothing allowed, no approval opened', async () => {
    const memory = createMemoryAuditStore();
    let down = true;
    const store: AuditStore = {
      ...memory,
      append: (batch) => (down ? Promise.reject(new Error('disk full')) : memory.append(batch)),
    };
    const auditLog = createAuditLog({
      store,
      signer: createCheckpointSigner(generateKeyPairSync('ed25519').privateKey),
    });
    const audit = createAuthorityAudit({ append: (input) => auditLog.append(input) });
    const opened: Parameters<ApprovalOpener['request']>[0][] = [];
    const definition = decisionDefinitionSchema.parse(refund);
    const service = new DecisionService({
      definitions: () => definition,
      approvals: { request: (input) => (opened.push(input), Promise.resolve({ id: input.id })) },
      policies: undefined,
      record: (record) => audit.recordDecision(record),
    });
    for (const amount of [40, 250]) {
      await expect(propose(service, { amount, orderId: 'ord_1' })).rejects.toMatchObject({
        code: 'audit_unavailable',
        status: 503,
        isRetryable: true,
        message: expect.stringContaining('disk full') as string,
      });
    }
    expect(opened).toEqual([]);
    down = false;
    const answer = await propose(service, { amount: 250, orderId: 'ord_1' });
    expect(opened.map((request) => request.id)).toEqual([answer.approvalId]);
    expect(memory.entriesOf('org_1').map((entry) => [entry.kind, entry.subject])).toEqual([['decision', answer.id]]);
    await auditLog.close();
  });
});
