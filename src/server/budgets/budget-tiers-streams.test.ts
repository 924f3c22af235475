/**
 * Budgets end to end, per end user (x-podium-user): streamed calls settle to their streamed usage,
 * aborted streams give their reservation back, and a hot budget rations tiers — batch refused,
 * standard downgraded to the cheaper model, critical served as asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { estimateCall } from './estimate-call.js';

const body = (maxTokens: number, stream = false) => ({
  model: 'gpt',
  max_tokens: maxTokens,
  stream,
  messages: [{ role: 'user', content: 'Plan the quarter.' }],
});
const reservationOf = (maxTokens: number, price: { input: number; output: number }) => {
  const estimate = estimateCall({ body: body(maxTokens), defaultMaxOutputTokens: 4096, openAITokenizer: true });
  return { estimate, usd: (estimate.inputTokens * price.input + estimate.outputTokens * price.output) / 1e6 };
};
const gptPrice = { input: 10, output: 30 };
const big = reservationOf(1000, gptPrice);

const completion = (model: string, usage: { prompt_tokens: number; completion_tokens: number }) => ({
  id: 'chatcmpl-tiers',
  object: 'chat.completion',
  created: 1767225600,
  model,
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});
const chunk = (fields: Record<string, unknown>) => ({
  data: JSON.stringify({
    id: 'chatcmpl-s',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'gpt-4.1',
    ...fields,
  }),
});
const streamEvents = (usage: { prompt_tokens: number; completion_tokens: number }) => [
  chunk({
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Plan' }, logprobs: null, finish_reason: null }],
  }),
  chunk({ choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }),
  chunk({ choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
  { data: '[DONE]' },
];

let podium: TestPodium;
const keys: Record<string, string> = {};

async function call(options: {
  user: string;
  key?: string;
  maxTokens?: number;
  stream?: boolean;
  signal?: AbortSignal;
}) {
  return fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.key ?? podium.key}`,
      'content-type': 'application/json',
      'x-podium-user': options.user,
    },
    body: JSON.stringify(body(options.maxTokens ?? 1000, options.stream)),
    signal: options.signal ?? null,
  });
}

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai', cheap: 'openai-compatible' },
    modelsYaml: `
  gpt:
    targets: [{ provider: openai, model: gpt-4.1 }]
    price: { input: ${gptPrice.input}, output: ${gptPrice.output} }
  gpt-mini:
    targets: [{ provider: cheap, model: gpt-4.1-nano }]
    price: { input: 0.1, output: 0.4 }
`,
    // Noon on the 1st: a month's burn-rate projection does not depend on when the suite runs.
    clock: () => new Date('2026-11-01T12:00:00Z'),
    extraYaml: `
ledger: { flushIntervalMs: 20 }
budgets:
  definitions:
    - { id: streams, scope: { kind: user, value: stream-user }, limit: ${big.usd * 1.5}, period: total }
    - { id: aborts, scope: { kind: user, value: abort-user }, limit: ${big.usd * 1.5}, period: total }
    - { id: rpm, scope: { kind: user, value: rpm-user }, unit: requests, limit: 3, period: minute }
    - id: hot
      scope: { kind: user, value: hot-user }
      limit: ${big.usd * 1.3}
      period: month
      whenHot: { batch: refuse, standard: { downgrade: { model: gpt-mini } } }
`,
  });
  for (const tier of ['batch', 'standard', 'critical'] as const) {
    const created = await podium.admin('POST', '/api/v1/keys', { team: 'test', name: tier, tier });
    keys[tier] = (created.json as { key: string }).key;
  }
}, 60_000);
afterAll(async () => podium.close());

describe('budgets and streams', () => {
  it('settles a streamed call to the usage of its final chunk', async () => {
    // The stream uses 40% of its reservation; holding the full reservation would refuse the next call.
    const used = {
      prompt_tokens: big.estimate.inputTokens,
      completion_tokens: Math.floor(big.estimate.outputTokens * 0.4),
    };
    podium.upstreams.openai?.enqueue({ events: streamEvents(used) }, { json: completion('gpt-4.1', used) });
    const stream = await call({ user: 'stream-user', stream: true });
    expect(stream.status).toBe(200);
    await stream.text();
    await podium.ledgerRecord(stream.headers.get('x-podium-request-id'));
    const status = await podium.admin('GET', '/api/v1/budgets/streams/status');
    const expected = (used.prompt_tokens * gptPrice.input + used.completion_tokens * gptPrice.output) / 1e6;
    expect((status.json as { used: number }).used).toBeCloseTo(expected, 9);
    const next = await call({ user: 'stream-user' });
    expect(next.status).toBe(200);
    await next.text();
  });

  it('gives an aborted stream’s unused reservation back, and charges what it did use (estimated)', async () => {
    podium.upstreams.openai?.enqueue({
      events: streamEvents({ prompt_tokens: 1, completion_tokens: 1 }),
      eventDelayMs: 300,
    });
    const controller = new AbortController();
    const aborted = podium.upstreams.openai?.nextClientAbort();
    const stream = await call({ user: 'abort-user', stream: true, signal: controller.signal });
    expect(stream.status).toBe(200);
    const requestId = stream.headers.get('x-podium-request-id');
    controller.abort();
    await aborted;
    const row = await podium.ledgerRecord(requestId);
    // Aborted before its usage chunk: the prompt and the text relayed were still paid upstream, so the call is
    // estimated and settled (a stream aborted just before usage must not be free), never held at its reservation.
    expect(row).toMatchObject({ status: 499, usageEstimated: true });
    expect(row.costUsd).toBeGreaterThan(0);
    let used = 0;
    for (let tries = 0; tries < 200 && used === 0; tries += 1) {
      used = ((await podium.admin('GET', '/api/v1/budgets/aborts/status')).json as { used: number }).used;
      if (used === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(used).toBeCloseTo(row.costUsd ?? 0, 9);
    // The limit is 1.5 reservations: the next call is admitted only if the abort gave the rest back.
    podium.upstreams.openai?.enqueue({ json: completion('gpt-4.1', { prompt_tokens: 1, completion_tokens: 1 }) });
    const next = await call({ user: 'abort-user' });
    expect(next.status).toBe(200);
  });
});

describe('a rate limit is a budget counted in requests per minute', () => {
  it('admits the limit within the minute, then refuses until the next one', async () => {
    podium.upstreams.openai?.always({ json: completion('gpt-4.1', { prompt_tokens: 1, completion_tokens: 1 }) });
    for (let index = 0; index < 3; index += 1)
      expect((await call({ user: 'rpm-user', maxTokens: 10 })).status).toBe(200);
    const refused = await call({ user: 'rpm-user', maxTokens: 10 });
    podium.upstreams.openai?.reset();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-podium-budget-id')).toBe('rpm');
    expect(refused.headers.get('x-podium-budget-unit')).toBe('requests');
    // The test clock stands at 12:00:00: the window resets a minute later.
    expect(refused.headers.get('x-podium-budget-reset')).toBe('2026-11-01T12:01:00.000Z');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      '0 requests of 3 requests remaining',
    );
  });
});

describe('a hot budget rations by tier', () => {
  it('refuses batch, downgrades standard to the cheaper model, serves critical as asked', async () => {
    // One call spending its whole reservation uses ~77% of the limit 12 hours into the month:
    // projected far past the limit — hot.
    const spend = { prompt_tokens: big.estimate.inputTokens, completion_tokens: big.estimate.outputTokens };
    podium.upstreams.openai?.enqueue({ json: completion('gpt-4.1', spend) });
    const first = await call({ user: 'hot-user', key: keys.critical });
    expect(first.status).toBe(200);
    await podium.ledgerRecord(first.headers.get('x-podium-request-id'));

    const batch = await call({ user: 'hot-user', key: keys.batch });
    expect(batch.status).toBe(429);
    expect(batch.headers.get('x-podium-budget-reason')).toBe('hot');
    expect(((await batch.json()) as { error: { message: string } }).error.message).toContain('runs hot');

    podium.upstreams.cheap?.enqueue({ json: completion('gpt-4.1-nano', { prompt_tokens: 10, completion_tokens: 10 }) });
    const standard = await call({ user: 'hot-user', key: keys.standard });
    expect(standard.status).toBe(200);
    expect(standard.headers.get('x-podium-provider')).toBe('cheap');
    expect(standard.headers.get('x-podium-warning')).toContain('downgraded from gpt to gpt-mini');
    expect(podium.upstreams.cheap?.requests[0]?.json).toMatchObject({ model: 'gpt-4.1-nano' });

    podium.upstreams.openai?.enqueue({ json: completion('gpt-4.1', { prompt_tokens: 10, completion_tokens: 10 }) });
    const critical = await call({ user: 'hot-user', key: keys.critical, maxTokens: 50 });
    expect(critical.status).toBe(200);
    expect(critical.headers.get('x-podium-provider')).toBe('openai');
  });
});
