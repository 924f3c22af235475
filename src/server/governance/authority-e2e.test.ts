/**
 * The worked example end to end, against a real Podium: a refund decision that agents may
 * auto-approve under $100, one human approves up to $5,000 and two humans above, escalating to the CTO
 * when nobody answers in time; Cedar `decision.make` policies constrain it further; personal data never
 * leaves for an external provider; every decision, approval and policy denial lands in the
 * tamper-evident audit trail, which verifies.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import {
  auditCheckpointSchema,
  auditPublicKeySchema,
  decisionAnswerSchema,
  type DecisionAnswer,
} from '../../contract/index.js';
import { verifyAuditLog } from './audit/index.js';
import { loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

let podium: TestPodium;
// Approvals run on this clock: a test moves it past a deadline and lets the sweeper escalate.
let now = Date.parse('2026-03-02T09:00:00.000Z');

const refundDecision = `
decisions:
  definitions:
    - id: refund
      description: Refund a customer order
      owner: payments
      makers: { teams: [test] }
      context:
        amount: { schema: { type: number, minimum: 0 } }
        orderId: { schema: { type: string } }
        country: { schema: { type: string }, required: false }
      risk:
        - { name: small, when: { amount: { lt: 100 } }, outcome: auto }
        - { name: medium, when: { amount: { lte: 5000 } }, outcome: approve, approvers: [alice, bob] }
        - { name: large, outcome: approve, approvers: [alice, bob, carol], quorum: 2 }
      escalation: [[cto]]
      timeoutMs: 86400000
approvals: { sweepIntervalMs: 1000 }
policies:
  inline:
    refunds.cedar: |
      @id("everyone-calls-models")
      permit(principal, action == Podium::Action::"model.call", resource);

      @id("test-team-refunds")
      permit(principal in Podium::Team::"test", action == Podium::Action::"decision.make", resource == Podium::Decision::"refund");

      @id("no-refunds-to-sanctioned")
      forbid(principal, action == Podium::Action::"decision.make", resource == Podium::Decision::"refund")
      when { context has country && context.country == "XX" };

      @id("refund-bot-up-to-50k")
      forbid(principal in Podium::Agent::"refund-bot", action == Podium::Action::"decision.make", resource)
      when { context has amount && context.amount.greaterThan(decimal("50000.0")) };
audit: { checkpointEvery: 2 }
dataProtection:
  classes: { email: block, phone: block, card: block, iban: block, national-id: block }
  providers: { ollama: { email: allow, phone: allow, card: allow, iban: allow, national-id: allow } }
`;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai', ollama: 'openai-compatible' },
    modelsYaml: `
  fast: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 0.4, output: 1.6 } }
  local: { targets: [{ provider: ollama, model: llama3.1:8b }], price: { input: 0, output: 0 } }
`,
    extraYaml: refundDecision,
    clock: () => new Date(now),
  });
});
afterAll(async () => podium.close());

async function propose(context: Record<string, unknown>): Promise<DecisionAnswer> {
  const response = await fetch(`${podium.url}/api/v1/decisions/refund`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${podium.key}`,
      'content-type': 'application/json',
      'x-podium-agent': 'refund-bot',
    },
    body: JSON.stringify({
      proposal: { action: 'refund', ...context },
      context,
      model: 'fast',
      evidence: [{ ticket: 'T-1' }],
    }),
  });
  expect(response.status).toBe(200);
  return decisionAnswerSchema.parse(await response.json());
}

const poll = async (answer: DecisionAnswer) =>
  (await fetch(`${podium.url}/api/v1/decisions/refund/requests/${answer.approvalId ?? ''}`, {
    headers: { authorization: `Bearer ${podium.key}` },
  }).then((response) => response.json())) as {
    state: string;
    outcome: string;
  };

describe('authority: the refund example', () => {
  it('auto-approves under $100', async () => {
    expect(await propose({ amount: 40, orderId: 'ord_1' })).toMatchObject({ outcome: 'allowed', tier: 'small' });
  });

  it('waits for one human up to $5,000, then answers the polling agent', async () => {
    const answer = await propose({ amount: 900, orderId: 'ord_2' });
    expect(answer).toMatchObject({ outcome: 'pending', tier: 'medium' });
    expect(await poll(answer)).toMatchObject({ state: 'pending', outcome: 'pending' });
    const vote = await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, {
      approver: 'bob',
      comment: 'ok',
    });
    expect(vote.status).toBe(200);
    expect(await poll(answer)).toMatchObject({ state: 'approved', outcome: 'allowed' });
  });

  it('needs two of three humans above $5,000', async () => {
    const answer = await propose({ amount: 12_000, orderId: 'ord_3' });
    expect(answer).toMatchObject({ outcome: 'pending', tier: 'large' });
    await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, { approver: 'alice' });
    expect((await poll(answer)).state).toBe('pending');
    const stranger = await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, {
      approver: 'mallory',
    });
    expect(stranger.status).toBe(403);
    await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, { approver: 'carol' });
    expect(await poll(answer)).toMatchObject({ state: 'approved', outcome: 'allowed' });
  });

  it('never lets personal data leave for an external provider, while the local model may see it', async () => {
    const client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
    const refused = (await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'Refund jane@example.com' }] })
      .catch((error: unknown) => error)) as { code?: string };
    expect(refused.code).toBe('data_blocked');
    expect(podium.upstreams.openai?.requests).toHaveLength(0);
    podium.upstreams.ollama?.enqueue({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
    await client.chat.completions.create({
      model: 'local',
      messages: [{ role: 'user', content: 'Refund jane@example.com' }],
    });
    expect(JSON.stringify(podium.upstreams.ollama?.requests[0]?.json)).toContain('jane@example.com');
  });

  it('lets Cedar policies constrain the decision beyond its tiers, naming the policy (a decimal amount, an optional field, the agent)', async () => {
    const overLimit = await propose({ amount: 50_000.5, orderId: 'ord_5' });
    expect(overLimit).toMatchObject({
      outcome: 'denied',
      tier: 'large',
      policies: ['refund-bot-up-to-50k'],
      approvalId: null,
    });
    expect(overLimit.reasons).toEqual([
      'risk tier large (no conditions)',
      'forbidden by policy "refund-bot-up-to-50k"',
    ]);
    expect(await propose({ amount: 40, orderId: 'ord_6', country: 'XX' })).toMatchObject({
      outcome: 'denied',
      policies: ['no-refunds-to-sanctioned'],
    });
    expect(await propose({ amount: 40, orderId: 'ord_7', country: 'FR' })).toMatchObject({
      outcome: 'allowed',
      policies: ['test-team-refunds'],
    });
  });

  it('escalates to the CTO when nobody answers within the stage timeout, and the CTO decides', async () => {
    const answer = await propose({ amount: 700, orderId: 'ord_8' });
    expect(answer).toMatchObject({ outcome: 'pending', tier: 'medium' });
    now += 86_400_000 + 1;
    // The sweeper (every second) notices the deadline on the moved clock.
    let approval = { stage: 0, approvers: [] as string[] };
    for (let attempt = 0; attempt < 300 && approval.stage === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      approval = (await podium.admin('GET', `/api/v1/approvals/${answer.approvalId ?? ''}`)).json as typeof approval;
    }
    expect(approval).toMatchObject({ stage: 1, approvers: ['cto'], state: 'pending' });
    expect(
      (await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, { approver: 'alice' }))
        .status,
    ).toBe(403);
    expect(
      (await podium.admin('POST', `/api/v1/approvals/${answer.approvalId ?? ''}/approve`, { approver: 'cto' })).status,
    ).toBe(200);
    expect(await poll(answer)).toMatchObject({ state: 'approved', outcome: 'allowed' });
  });

  it('records every decision, approval and policy denial in the audit trail, which verifies', async () => {
    const answer = await propose({ amount: 10, orderId: 'ord_4' });
    // One organisation here, so one chain.
    const read = async () => {
      const entries = await podium.auditEntries();
      return { tenant: entries[0]?.tenant ?? '', entries };
    };
    let trail = await read();
    for (let attempt = 0; attempt < 100 && !trail.entries.some((entry) => entry.subject === answer.id); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      trail = await read();
    }
    const payloads = trail.entries.map((entry) => ({
      kind: entry.kind,
      subject: entry.subject,
      payload: JSON.parse(entry.payloadJson) as Record<string, unknown>,
    }));
    const decisions = payloads.filter((entry) => entry.kind === 'decision');
    expect(decisions.length).toBeGreaterThanOrEqual(8);
    expect(decisions.find((entry) => entry.subject === answer.id)?.payload).toMatchObject({
      decision: 'refund',
      outcome: 'allowed',
      tier: 'small',
      model: 'fast',
      maker: { agent: 'refund-bot' },
    });
    expect(payloads.filter((entry) => entry.kind === 'approval').map((entry) => entry.payload.state)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    expect(payloads.find((entry) => entry.kind === 'approval' && entry.payload.stage === 1)?.payload).toMatchObject({
      approvedBy: ['cto'],
      state: 'approved',
    });
    const denials = payloads.filter((entry) => entry.kind === 'policy').map((entry) => entry.payload);
    expect(denials).toMatchObject([
      {
        action: 'decision.make',
        resource: { type: 'Decision', id: 'refund' },
        policies: ['refund-bot-up-to-50k'],
        enforced: true,
      },
      { action: 'decision.make', policies: ['no-refunds-to-sanctioned'], enforced: true },
    ]);

    const checkpoints = auditCheckpointSchema
      .array()
      .parse(
        ((await podium.admin('GET', `/api/v1/audit/checkpoints?tenant=${trail.tenant}`)).json as { data: unknown })
          .data,
      );
    const key = auditPublicKeySchema.parse((await podium.admin('GET', '/api/v1/audit/public-key')).json);
    expect(checkpoints.length).toBeGreaterThan(0);
    const report = await verifyAuditLog({
      entries: trail.entries,
      checkpoints,
      publicKeys: [createPublicKey(key.publicKey)],
    });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkpoints.valid).toBe(checkpoints.length);
  });
});
