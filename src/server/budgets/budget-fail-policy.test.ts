/**
 * The fail policy through the gateway, with the counter store unreachable from the start:
 * fail-closed refuses calls under a budget (503) and fail-open admits them, each reporting the
 * outage once as a metric and a budget event. Calls under no budget are never affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

const completion = {
  id: 'chatcmpl-fail',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
};

async function startWith(failMode: 'open' | 'closed'): Promise<TestPodium> {
  const podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }\n',
    // Nothing listens on port 1: every counter operation fails at once.
    env: { PODIUM_REDIS_URL: 'redis://127.0.0.1:1' },
    extraYaml: `budgets:\n  failMode: ${failMode}\n  definitions:\n    - { id: budgeted, scope: { kind: user, value: budgeted }, limit: 10 }\n`,
  });
  podium.upstreams.openai?.always({ json: completion });
  return podium;
}

const call = (podium: TestPodium, user: string) =>
  fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json', 'x-podium-user': user },
    body: JSON.stringify({ model: 'gpt', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  });

async function outageEvents(podium: TestPodium, kind: string): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    const events = (await podium.admin('GET', '/api/v1/budgets/events')).json as { data: { kind: string }[] };
    const count = events.data.filter((event) => event.kind === kind).length;
    if (count > 0) return count;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return 0;
}

describe('counter store unreachable', () => {
  let closed: TestPodium;
  let open: TestPodium;
  beforeAll(async () => {
    [closed, open] = await Promise.all([startWith('closed'), startWith('open')]);
  }, 60_000);
  afterAll(async () => Promise.all([closed.close(), open.close()]));

  it('fail-closed: calls under a budget get 503, others are served; one outage, one metric, one event', async () => {
    const refused = await call(closed, 'budgeted');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('fail-closed');
    expect((await call(closed, 'budgeted')).status).toBe(503);
    expect((await call(closed, 'someone-else')).status).toBe(200);
    const metrics = await (await fetch(`${closed.url}/metrics`)).text();
    expect(metrics).toContain('podium_budget_store_outages_total{mode="closed"} 1');
    expect(metrics).toContain('podium_budget_store_healthy 0');
    expect(await outageEvents(closed, 'fail-closed')).toBe(1);
  });

  it('fail-open: calls under a budget are admitted uncounted, and the outage is reported once', async () => {
    expect((await call(open, 'budgeted')).status).toBe(200);
    expect((await call(open, 'budgeted')).status).toBe(200);
    const metrics = await (await fetch(`${open.url}/metrics`)).text();
    expect(metrics).toContain('podium_budget_store_outages_total{mode="open"} 1');
    expect(await outageEvents(open, 'fail-open')).toBe(1);
  });
});
