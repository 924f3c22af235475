/** Each provider type sends to the right URL with the right auth, against a real local server. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeUpstream, type ReceivedRequest } from '../testkit/index.js';
import { createProvider } from './create-provider.js';
import type { Operation } from './provider.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.always({ json: { ok: true } });
});
afterAll(async () => upstream.close());
beforeEach(() => {
  upstream.reset();
  upstream.always({ json: { ok: true } });
});

async function sendWith(
  config: Parameters<typeof createProvider>[1],
  operation: Operation,
  stream = false,
): Promise<ReceivedRequest> {
  const provider = createProvider('p', config);
  const response = await provider.send({
    operation,
    model: 'my-model',
    body: '{"a":1}',
    stream,
    signal: new AbortController().signal,
    timeoutMs: 5000,
  });
  for await (const chunk of response.body) void chunk;
  await provider.close();
  const received = upstream.requests.at(-1);
  if (!received) throw new Error('nothing received');
  return received;
}

describe('provider adapters', () => {
  it('openai: base path kept, Bearer auth, extra headers', async () => {
    const received = await sendWith(
      {
        type: 'openai',
        apiKey: 'sk-1',
        baseUrl: `${upstream.url}/v1`,
        connections: 2,
        headers: { 'openai-organization': 'org-1' },
      },
      'chat',
    );
    expect(received.path).toBe('/v1/chat/completions');
    expect(received.headers.authorization).toBe('Bearer sk-1');
    expect(received.headers['openai-organization']).toBe('org-1');
    expect(received.body).toBe('{"a":1}');
    expect(
      (await sendWith({ type: 'openai', apiKey: 'sk-1', baseUrl: `${upstream.url}/v1/`, connections: 2 }, 'embeddings'))
        .path,
    ).toBe('/v1/embeddings');
  });

  it('openai-compatible: no auth header without a key', async () => {
    const received = await sendWith(
      { type: 'openai-compatible', baseUrl: `${upstream.url}/v1`, connections: 2 },
      'responses',
    );
    expect(received.path).toBe('/v1/responses');
    expect(received.headers.authorization).toBeUndefined();
  });

  it('azure-openai: deployment in the path, api-version query, api-key header', async () => {
    const received = await sendWith(
      { type: 'azure-openai', apiKey: 'az-1', baseUrl: upstream.url, apiVersion: '2024-10-21', connections: 2 },
      'chat',
    );
    expect(received.path).toBe('/openai/deployments/my-model/chat/completions?api-version=2024-10-21');
    expect(received.headers['api-key']).toBe('az-1');
  });

  it('anthropic: /v1/messages with x-api-key and anthropic-version', async () => {
    const received = await sendWith(
      { type: 'anthropic', apiKey: 'ant-1', baseUrl: upstream.url, connections: 2 },
      'messages',
    );
    expect(received.path).toBe('/v1/messages');
    expect(received.headers['x-api-key']).toBe('ant-1');
    expect(received.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('gemini: generateContent, or streamGenerateContent with alt=sse, and x-goog-api-key', async () => {
    const plain = await sendWith({ type: 'gemini', apiKey: 'g-1', baseUrl: upstream.url, connections: 2 }, 'chat');
    expect(plain.path).toBe('/v1beta/models/my-model:generateContent');
    expect(plain.headers['x-goog-api-key']).toBe('g-1');
    const streamed = await sendWith(
      { type: 'gemini', apiKey: 'g-1', baseUrl: upstream.url, connections: 2 },
      'chat',
      true,
    );
    expect(streamed.path).toBe('/v1beta/models/my-model:streamGenerateContent?alt=sse');
  });

  it('maps a refused connection to a retryable upstream_unavailable error', async () => {
    const provider = createProvider('down', {
      type: 'openai',
      apiKey: 'sk',
      baseUrl: 'http://127.0.0.1:9/v1',
      connections: 1,
    });
    const error = await provider
      .send({
        operation: 'chat',
        model: 'm',
        body: '{}',
        stream: false,
        signal: new AbortController().signal,
        timeoutMs: 1000,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'upstream_unavailable', isRetryable: true });
    await provider.close();
  });
});
