/**
 * User and tag budgets are per team: their values come from the caller (`x-podium-user`, `x-podium-tags`),
 * so another team sending the same value must never spend them — end to end, through the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

const completion = {
  id: 'chatcmpl-scopes',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
};

describe('user and tag budgets across teams', () => {
  let podium: TestPodium;
  const keys: Record<string, string> = {};

  const call = async (team: string, headers: Record<string, string>): Promise<number> => {
    const response = await fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys[team] ?? ''}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };

  beforeAll(async () => {
    podium = await startTestPodium({
      providers: { openai: 'openai' },
      modelsYaml: '  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }',
      extraYaml: `
budgets:
  definitions:
    - { id: alice-a, scope: { kind: user, value: alice, team: team-a }, unit: requests, limit: 1, period: day }
    - { id: per-bob, scope: { kind: user, value: bob }, unit: requests, limit: 1, period: day }
    - { id: env-prod, scope: { kind: tag, value: env=prod }, unit: requests, limit: 1, period: day }
`,
    });
    podium.upstreams.openai?.always({ json: completion });
    for (const team of ['team-a', 'team-b']) {
      await podium.admin('POST', '/api/v1/teams', { name: team });
      keys[team] = ((await podium.admin('POST', '/api/v1/keys', { team })).json as { key: string }).key;
    }
  }, 60_000);
  afterAll(async () => podium.close());

  it("does not let team B's x-podium-user: alice touch team A's alice budget", async () => {
    const fromB = [
      await call('team-b', { 'x-podium-user': 'alice' }),
      await call('team-b', { 'x-podium-user': 'alice' }),
      await call('team-b', { 'x-podium-user': 'alice' }),
    ];
    expect(fromB).toEqual([200, 200, 200]);
    expect((await podium.admin('GET', '/api/v1/budgets/alice-a/status')).json).toMatchObject({
      used: 0,
      scope: { kind: 'user', value: 'alice', team: 'team-a' },
    });
    expect([
      await call('team-a', { 'x-podium-user': 'alice' }),
      await call('team-a', { 'x-podium-user': 'alice' }),
    ]).toEqual([200, 429]);
  });

  it('counts a user or tag budget without a team once per team', async () => {
    expect([
      await call('team-a', { 'x-podium-user': 'bob' }),
      await call('team-b', { 'x-podium-user': 'bob' }),
    ]).toEqual([200, 200]);
    expect([
      await call('team-a', { 'x-podium-user': 'bob' }),
      await call('team-b', { 'x-podium-user': 'bob' }),
    ]).toEqual([429, 429]);
    expect([
      await call('team-b', { 'x-podium-tags': 'env=prod' }),
      await call('team-a', { 'x-podium-tags': 'env=prod' }),
    ]).toEqual([200, 200]);
    expect(await call('team-a', { 'x-podium-tags': 'env=prod' })).toBe(429);
    const status = (await podium.admin('GET', '/api/v1/budgets/per-bob/status')).json as {
      used: number;
      partition?: string;
    };
    expect(status.used).toBe(1);
    expect(status.partition).toMatch(/^team_/);
  });

  it('refuses a team on a scope that is not caller-chosen, naming the field', async () => {
    const refused = await podium.admin('POST', '/api/v1/budgets', {
      id: 'bad',
      scope: { kind: 'model', value: 'gpt', team: 'team-a' },
      limit: 1,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('scope.team');
  });
});
