/**
 * A 2xx from an upstream that reports no usable usage — a stream without its usage chunk, usage of
 * 1e300 or negative tokens, garbage SSE, a body that is not JSON, an empty body — is still a served
 * call: it has its ledger row, estimated and marked, priced, and counted in USD and requests budgets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../contract/index.js';
import {
  loadEvents,
  loadJson,
  ownFixturePath,
  startTestPodium,
  type ScriptedResponse,
  type TestPodium,
} from '../testkit/index.js';

const chunks = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'));
const withoutUsage = chunks.filter((event) => !event.data.includes('"prompt_tokens"'));
const withUsage = (usage: Record<string, number>) => [
  ...withoutUsage,
  { data: JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', choices: [], usage }) },
];
const completion = loadJson(ownFixturePath('openai/chat-text.json')) as Record<string, unknown>;
const anthropicText = loadJson(ownFixturePath('anthropic/text.json')) as Record<string, unknown>;
const relayedText = 'Violin, viola, cello';

let podium: TestPodium;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai', anthropic: 'anthropic' },
    modelsYaml: `
  mini:
    targets: [{ provider: openai, model: gpt-4o-mini }]
    price: { input: 1, output: 2 }
  claude:
    targets: [{ provider: anthropic, model: claude-sonnet-4-5 }]
    price: { input: 3, output: 15 }
`,
    extraYaml: `
ledger: { flushIntervalMs: 10 }
budgets:
  definitions:
    - { id: team-usd, scope: { kind: team, value: test }, limit: 1000, period: month }
    - { id: team-requests, scope: { kind: team, value: test }, unit: requests, limit: 1000, period: month }
`,
  });
}, 60_000);
afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

async function call(options: {
  model?: string;
  stream: boolean;
  upstream: ScriptedResponse;
  provider?: string;
}): Promise<{ status: number; text: string; row: RequestRecord; warning: string | null }> {
  podium.upstreams[options.provider ?? 'openai']?.enqueue(options.upstream);
  const response = await fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: options.model ?? 'mini',
      stream: options.stream,
      messages: [{ role: 'user', content: 'Name three string instruments, comma separated.' }],
    }),
  });
  const text = await response.text();
  const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
  return { status: response.status, text, row, warning: response.headers.get('x-podium-warning') };
}

async function budgetUsed(id: string): Promise<number> {
  const status = await podium.admin('GET', `/api/v1/budgets/${id}/status`);
  return (status.json as { used: number }).used;
}

describe('calls whose upstream reports no usable usage', () => {
  const cases: {
    name: string;
    stream: boolean;
    upstream: ScriptedResponse;
    model?: string;
    provider?: string;
    relays?: boolean;
  }[] = [
    {
      name: 'a stream without a usage chunk',
      stream: true,
      upstream: { events: [...withoutUsage, { data: '[DONE]' }] },
      relays: true,
    },
    {
      name: 'a stream reporting 1e300 tokens',
      stream: true,
      upstream: { events: [...withUsage({ prompt_tokens: 1e300, completion_tokens: 1e300 }), { data: '[DONE]' }] },
      relays: true,
    },
    {
      name: 'a stream reporting negative tokens',
      stream: true,
      upstream: { events: [...withUsage({ prompt_tokens: -1_000_000, completion_tokens: 5 }), { data: '[DONE]' }] },
      relays: true,
    },
    {
      name: 'a body reporting negative tokens',
      stream: false,
      upstream: {
        json: {
          ...completion,
          usage: { prompt_tokens: -1_000_000, completion_tokens: -1_000_000, total_tokens: -2_000_000 },
        },
      },
      relays: true,
    },
    {
      name: 'a body reporting 1e300 tokens',
      stream: false,
      upstream: { json: { ...completion, usage: { prompt_tokens: 1e300, completion_tokens: 1, total_tokens: 1e300 } } },
      relays: true,
    },
    {
      name: 'garbage SSE',
      stream: true,
      upstream: { events: [{ data: 'this is not json at all' }, { data: '{"broken": ' }] },
    },
    { name: 'a body that is not JSON', stream: false, upstream: { text: '<html>upstream proxy says hello</html>' } },
    { name: 'an empty body', stream: false, upstream: { text: '' } },
    // Translated (OpenAI client, Anthropic upstream): the decoder's usage is refused the same way.
    {
      name: 'a translated answer reporting 1e300 tokens',
      stream: false,
      model: 'claude',
      provider: 'anthropic',
      upstream: { json: { ...anthropicText, usage: { input_tokens: 1e300, output_tokens: 1e300 } } },
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: recorded as estimated, priced, and counted in the budgets`, async () => {
      const [usdBefore, requestsBefore] = [await budgetUsed('team-usd'), await budgetUsed('team-requests')];
      const { status, text, row, warning } = await call(testCase);
      expect(status).toBe(200);
      if (testCase.relays) expect(text).toContain('Violin');
      expect(row).toMatchObject({ status: 200, usageEstimated: true, sanitized: false });
      expect(row.inputTokens).toBeGreaterThan(5);
      expect(row.inputTokens).toBeLessThan(100);
      if (testCase.relays) expect(row.outputTokens).toBeGreaterThanOrEqual(relayedText.split(/[ ,]+/).length);
      expect(row.costUsd).toBeGreaterThan(0);
      expect(row.costUsd).toBeLessThan(0.01);
      if (!testCase.stream) expect(warning).toContain('estimated');
      // Settlement is asynchronous on the counters: wait for it.
      let requestsUsed = requestsBefore;
      for (let tries = 0; tries < 200 && requestsUsed === requestsBefore; tries += 1) {
        requestsUsed = await budgetUsed('team-requests');
        if (requestsUsed === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(requestsUsed).toBe(requestsBefore + 1);
      expect(await budgetUsed('team-usd')).toBeCloseTo(usdBefore + (row.costUsd ?? 0), 9);
    }, 30_000);
  }

  it('an honest stream is not estimated', async () => {
    const { row } = await call({ stream: true, upstream: { events: [...chunks, { data: '[DONE]' }] } });
    expect(row).toMatchObject({ usageEstimated: false, inputTokens: 14, outputTokens: 22 });
  });
});
