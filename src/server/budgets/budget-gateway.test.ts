/**
 * Budgets through the whole gateway: 1,000 concurrent calls against a hard budget worth exactly
 * N calls admit exactly N and never settle past the limit; refusals are 429s in the caller's
 * shape with x-podium-budget-* headers.
 */
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { estimateCall } from './estimate-call.js';

const body = { model: 'gpt', max_tokens: 100, messages: [{ role: 'user', content: 'Summarise the budget rules.' }] };
const estimate = estimateCall({ body, defaultMaxOutputTokens: 4096, openAITokenizer: true });
// Priced at $1 / $2 per 1M tokens, the upstream reports exactly the estimated usage: each call costs what it reserves.
const perCall = (estimate.inputTokens * 1 + estimate.outputTokens * 2) / 1e6;
const admittedCalls = 10;

const completion = (usage: { prompt_tokens: number; completion_tokens: number }) => ({
  id: 'chatcmpl-budget',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini-2025-04-14',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Budgets are reserved before calls.', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

let podium: TestPodium;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: `
  gpt:
    targets: [{ provider: openai, model: gpt-4.1-mini-2025-04-14 }]
    price: { input: 1, output: 2 }
`,
    extraYaml: `
ledger: { flushIntervalMs: 20 }
budgets:
  definitions:
    - { id: team-test, scope: { kind: team, value: test }, limit: ${perCall * admittedCalls}, period: month }
`,
  });
  podium.upstreams.openai?.always({
    json: completion({ prompt_tokens: estimate.inputTokens, completion_tokens: estimate.outputTokens }),
    delayMs: 50,
  });
}, 60_000);
afterAll(async () => podium.close());

describe('a hard budget under 1,000 concurrent calls', () => {
  it('admits exactly the calls it can pay for and refuses the rest with a clear 429', async () => {
    const agent = new Agent({ connections: 1000, pipelining: 0 });
    const responses = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const response = await request(`${podium.url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return {
          status: response.statusCode,
          headers: response.headers,
          json: (await response.body.json()) as { error?: { message: string; code: string } },
        };
      }),
    );
    await agent.close();
    const admitted = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    expect(admitted).toHaveLength(admittedCalls);
    expect(refused).toHaveLength(1000 - admittedCalls);
    expect(podium.upstreams.openai?.requests).toHaveLength(admittedCalls);
    const sample = refused[0];
    expect(sample?.json.error?.code).toBe('insufficient_quota');
    expect(sample?.json.error?.message).toContain('would exceed budget "team-test" (team test)');
    expect(sample?.headers['x-podium-budget-id']).toBe('team-test');
    expect(sample?.headers['x-podium-budget-reset']).toMatch(/^\d{4}-\d{2}-01T/);
    expect(Number(sample?.headers['retry-after'])).toBeGreaterThan(0);

    // The ledger agrees: spend settled on the team never passes the limit.
    let settled = 0;
    for (let tries = 0; tries < 100 && settled < admittedCalls; tries += 1) {
      const page = await podium.admin('GET', '/api/v1/requests?limit=1000');
      settled = (page.json as { data: { status: number }[] }).data.filter((row) => row.status === 200).length;
      if (settled < admittedCalls) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const page = await podium.admin('GET', '/api/v1/requests?limit=1000');
    const rows = (page.json as { data: { status: number; costUsd: number | null; errorCode: string | null }[] }).data;
    const spent = rows.filter((row) => row.status === 200).reduce((sum, row) => sum + (row.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(perCall * admittedCalls + 1e-12);
    expect(rows.filter((row) => row.errorCode === 'budget_exceeded')).toHaveLength(1000 - admittedCalls);
  }, 60_000);

  it('answers an Anthropic client in its own shape', async () => {
    const response = await fetch(`${podium.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': podium.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'gpt', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(response.headers.get('x-podium-budget-id')).toBe('team-test');
  });

  it('validates what an API budget refers to, naming the field', async () => {
    const badZone = await podium.admin('POST', '/api/v1/budgets', {
      id: 'x',
      scope: { kind: 'team', value: 'test' },
      limit: 1,
      timezone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(400);
    expect(badZone.json).toMatchObject({
      error: { param: 'timezone', message: 'timezone: unknown IANA time zone "Mars/Olympus"' },
    });
    const badModel = await podium.admin('POST', '/api/v1/budgets', {
      id: 'y',
      scope: { kind: 'team', value: 'test' },
      limit: 1,
      whenHot: { batch: { downgrade: { model: 'nope' } } },
    });
    expect(badModel.json).toMatchObject({ error: { param: 'whenHot.batch.downgrade.model' } });
    const listed = await podium.admin('GET', '/api/v1/budgets');
    expect((listed.json as { data: { id: string }[] }).data.map((budget) => budget.id)).toEqual(['team-test']);
  });

  it('the OpenAI client sees an insufficient_quota error', async () => {
    const client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: 'gpt', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
  });
});
