/**
 * SSRF through decision callbacks, end to end: a key proposes a decision that needs a human with a `callbackUrl`;
 * Podium refuses private targets at proposal time (400 naming `callbackUrl`) unless `outbound.allow` lists them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, startTestPodium, type TestPodium } from '../testkit/index.js';

const refund = {
  id: 'refund',
  description: 'Refund a customer order',
  owner: 'payments',
  makers: { teams: ['test'] },
  context: { amount: { schema: { type: 'number', minimum: 0 } } },
  risk: [{ name: 'any', outcome: 'approve', approvers: ['alice'] }],
};

async function withRefund(extraYaml = ''): Promise<TestPodium> {
  const podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  gpt: { targets: [{ provider: openai, model: gpt-4o-mini }] }',
    extraYaml,
  });
  expect((await podium.admin('POST', '/api/v1/decision-definitions', refund)).status).toBe(201);
  return podium;
}

async function propose(podium: TestPodium, callbackUrl: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${podium.url}/api/v1/decisions/refund`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ proposal: { order: 42 }, context: { amount: 1_000_000 }, callbackUrl }),
  });
  return { status: response.status, json: await response.json() };
}

describe('callbackUrl on a decision proposal', () => {
  let podium: TestPodium;
  let receiver: FakeUpstream;
  beforeAll(async () => {
    receiver = await FakeUpstream.start();
    podium = await withRefund();
  });
  afterAll(async () => {
    await podium.close();
    await receiver.close();
  });

  it.each([
    () => `${receiver.url}/callback`,
    () => 'http://[::1]:9/callback',
    () => 'http://169.254.169.254/latest/meta-data/iam',
    () => 'http://0x7f000001/callback',
    () => 'http://localhost:9/callback',
    () => 'http://10.0.0.1/callback',
  ])('refuses a private target (%#) with a 400 naming callbackUrl and no address', async (target) => {
    const answer = await propose(podium, target());
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'invalid_request', param: 'callbackUrl' } });
    expect(JSON.stringify(answer.json)).not.toMatch(/127\.0\.0\.1|::1|169\.254/);
  });

  it('opens no approval and sends nothing for a refused proposal', async () => {
    await propose(podium, `${receiver.url}/callback`);
    const listed = await podium.admin('GET', '/api/v1/approvals');
    expect((listed.json as { data: unknown[] }).data).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });
});

describe('callbackUrl with outbound.allow', () => {
  it('calls back a loopback receiver the operator allowed', async () => {
    const receiver = await FakeUpstream.start();
    receiver.always({ status: 200, text: 'ok' });
    const podium = await withRefund('outbound:\n  allow: ["127.0.0.1"]\n');
    try {
      const answer = await propose(podium, `${receiver.url}/callback`);
      expect(answer).toMatchObject({ status: 200, json: { outcome: 'pending' } });
      const approvalId = (answer.json as { approvalId: string }).approvalId;
      expect(
        (await podium.admin('POST', `/api/v1/approvals/${approvalId}/approve`, { approver: 'alice' })).status,
      ).toBe(200);
      for (let tries = 0; tries < 100 && receiver.requests.length === 0; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(
        receiver.requests.map((request) => [request.method, request.path, (request.json as { state?: string }).state]),
      ).toEqual([['POST', '/callback', 'approved']]);
    } finally {
      await podium.close();
      await receiver.close();
    }
  });
});
