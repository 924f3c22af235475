/** `/v1/responses` and `/v1/embeddings` through the official `openai` client: forwarded and metered. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const fixture = (name: string) => ownFixturePath(`openai/${name}`);
let podium: TestPodium;
let client: OpenAI;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai', claude: 'anthropic' },
    modelsYaml: `
  mini:
    targets: [{ provider: openai, model: gpt-4.1-mini-2025-04-14 }]
  embed:
    targets: [{ provider: openai, model: text-embedding-3-small }]
  claude-only:
    targets: [{ provider: claude, model: claude-haiku-4-5 }]
`,
    extraYaml: 'ledger: { flushIntervalMs: 20 }',
  });
  client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});
afterAll(async () => podium.close());
beforeEach(() => podium.upstreams.openai?.reset());

describe('Responses API', () => {
  it('forwards a plain call and meters its usage', async () => {
    podium.upstreams.openai?.enqueue({ json: loadJson(fixture('responses-text.json')) });
    const { data, response } = await client.responses
      .create({ model: 'mini', input: 'Which planet is closest to the Sun?' })
      .withResponse();
    expect(data.output_text).toBe('Mercury is the closest planet to the Sun.');
    expect(podium.upstreams.openai?.requests[0]).toMatchObject({
      path: '/v1/responses',
      json: { model: 'gpt-4.1-mini-2025-04-14', input: 'Which planet is closest to the Sun?' },
    });
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row).toMatchObject({ surface: 'openai-responses', status: 200, inputTokens: 21, outputTokens: 9 });
    expect(row.costUsd).toBeCloseTo((21 * 0.4 + 9 * 1.6) / 1e6, 12);
  });

  it('forwards a stream event for event, with usage from response.completed', async () => {
    podium.upstreams.openai?.enqueue({ events: loadEvents(fixture('responses-text.chunks.txt'), { named: true }) });
    const { data, response } = await client.responses
      .create({ model: 'mini', input: 'Closest planet?', stream: true })
      .withResponse();
    const types: string[] = [];
    let text = '';
    for await (const event of data) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toBe('Mercury is the closest planet to the Sun.');
    expect(await podium.ledgerRecord(response.headers.get('x-podium-request-id'))).toMatchObject({
      status: 200,
      inputTokens: 21,
      outputTokens: 9,
    });
  });

  it('refuses a model whose targets cannot serve the Responses API, naming model', async () => {
    const error = await client.responses
      .create({ model: 'claude-only', input: 'hi' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      'cannot be served by anthropic provider "claude"',
    );
  });
});

describe('Embeddings API', () => {
  it('forwards and meters prompt tokens', async () => {
    podium.upstreams.openai?.enqueue({ json: loadJson(fixture('embeddings.json')) });
    const { data, response } = await client.embeddings
      .create({ model: 'embed', input: 'hello world', encoding_format: 'float' })
      .withResponse();
    expect(data.data[0]?.embedding.length).toBeGreaterThan(0);
    expect(podium.upstreams.openai?.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      json: { model: 'text-embedding-3-small' },
    });
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row).toMatchObject({ surface: 'openai-embeddings', inputTokens: 9, outputTokens: 0 });
    expect(row.costUsd).toBeCloseTo((9 * 0.02) / 1e6, 12);
  });

  it('names a wrongly typed input', async () => {
    const response = await fetch(`${podium.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'embed', input: { text: 'x' } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('input');
  });
});
