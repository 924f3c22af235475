/**
 * A Redis restarted without persistence comes back empty: every period's spend would read 0 and a hard
 * budget would admit its whole limit again. Podium notices (the seeded marker is gone), reseeds the current
 * periods from the ledger before admitting, and the limit holds. A private redis-server the test kills; never
 * the shared one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { skipUnlessRedisServerRuns, startRedisChild, type RedisChild } from './counters/counter-services.test-suite.js';

const skip = await skipUnlessRedisServerRuns(process.env.PODIUM_TEST_REQUIRE_SERVICES === '1');

const completion = {
  id: 'chatcmpl-reset',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
};

describe.skipIf(skip)('a Redis that restarts empty', () => {
  let redis: RedisChild;
  let podium: TestPodium;

  const call = async (): Promise<{ status: number; id: string | null }> => {
    const response = await fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.arrayBuffer();
    return { status: response.status, id: response.headers.get('x-podium-request-id') };
  };
  const used = async (): Promise<unknown> => (await podium.admin('GET', '/api/v1/budgets/calls/status')).json;

  beforeAll(async () => {
    redis = await startRedisChild();
    podium = await startTestPodium({
      providers: { openai: 'openai' },
      modelsYaml: '  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }',
      extraYaml: `
ledger: { flushIntervalMs: 20 }
budgets:
  counters: redis
  failMode: closed
  definitions:
    - { id: calls, scope: { kind: team, value: test }, unit: requests, limit: 3, period: day }
`,
      env: { PODIUM_REDIS_URL: redis.url },
    });
    podium.upstreams.openai?.always({ json: completion });
  }, 60_000);

  afterAll(async () => {
    await podium?.close();
    await redis?.dispose();
  });

  it('reseeds the current period from the ledger before admitting again, so the hard limit still holds', async () => {
    const before = [await call(), await call()];
    expect(before.map((outcome) => outcome.status)).toEqual([200, 200]);
    for (const outcome of before) await podium.ledgerRecord(outcome.id);
    expect(await used()).toMatchObject({ used: 2 });

    await redis.kill();
    await redis.start();

    // Fail-closed while the client finds Redis again (503), then exactly one more call fits: the counter
    // came back as 2 from the ledger, not 0 (which would admit three more).
    const after: number[] = [];
    for (let tries = 0; tries < 200 && after.filter((status) => status !== 503).length < 3; tries += 1) {
      const { status } = await call();
      after.push(status);
      if (status === 503) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(after.filter((status) => status !== 503)).toEqual([200, 429, 429]);
    expect(await used()).toMatchObject({ used: 3, remaining: 0 });
    expect(podium.logs.some((line) => line.includes('budget counters (redis) were empty: seeded'))).toBe(true);
  }, 60_000);
});
