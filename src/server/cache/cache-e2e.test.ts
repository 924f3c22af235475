/** The response cache end to end: the official OpenAI client, a real Podium, the ledger. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

let podium: TestPodium;
let client: OpenAI;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: `
  cached:
    targets: [{ provider: openai, model: gpt-4.1-mini }]
    price: { input: 0.4, output: 1.6 }
    cache: { exact: { ttlSeconds: 60 } }
`,
    extraYaml: 'ledger: { flushIntervalMs: 20 }',
  });
  client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});
afterAll(async () => podium.close());

describe('exact cache through the gateway', () => {
  it('answers the second identical call from the cache, free, and records it', async () => {
    podium.upstreams.openai?.enqueue({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
    const request = { model: 'cached', messages: [{ role: 'user' as const, content: 'Name the string instruments.' }] };
    const first = await client.chat.completions.create(request).withResponse();
    const second = await client.chat.completions.create(request).withResponse();
    expect(second.data).toEqual(first.data);
    expect(second.response.headers.get('x-podium-cache')).toBe('hit');
    expect(podium.upstreams.openai?.requests).toHaveLength(1);
    const missRecord = await podium.ledgerRecord(first.response.headers.get('x-podium-request-id'));
    const hitRecord = await podium.ledgerRecord(second.response.headers.get('x-podium-request-id'));
    expect(missRecord.cacheStatus).toBe('miss');
    expect(missRecord.costUsd).toBeGreaterThan(0);
    expect(hitRecord).toMatchObject({ cacheStatus: 'hit', costUsd: 0, inputTokens: 0 });
  });

  it('replays a stream as the same events', async () => {
    podium.upstreams.openai?.enqueue({
      events: loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true }),
    });
    const request = {
      model: 'cached',
      stream: true as const,
      messages: [{ role: 'user' as const, content: 'Stream it.' }],
    };
    const collect = async () => {
      const chunks: unknown[] = [];
      for await (const chunk of await client.chat.completions.create(request)) chunks.push(chunk);
      return chunks;
    };
    const first = await collect();
    const second = await collect();
    expect(second).toEqual(first);
    expect(
      podium.upstreams.openai?.requests.filter((received) => JSON.stringify(received.json).includes('Stream it.')),
    ).toHaveLength(1);
  });
});
