/**
 * The official `openai` client against a real Podium in front of fake upstreams replaying
 * recorded-format traffic: pass-through, streaming, tools, errors, fallback, timeouts, aborts.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const fixture = (name: string) => ownFixturePath(`openai/${name}`);
const chatText = loadJson(fixture('chat-text.json')) as {
  choices: { message: { content: string } }[];
  usage: { prompt_tokens: number; completion_tokens: number };
};

let podium: TestPodium;
let client: OpenAI;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { primary: 'openai', backup: 'openai-compatible' },
    providerExtras: { primary: 'timeoutMs: 300, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 50 }' },
    modelsYaml: `
  gpt-4o-mini:
    targets:
      - { provider: primary, model: gpt-4.1-mini-2025-04-14 }
      - { provider: backup, model: llama3.1:8b }
    price: { input: 0.4, output: 1.6, cachedInput: 0.1 }
  same-name:
    targets: [{ provider: primary, model: same-name }]
    price: { input: 1, output: 1 }
  unpriced:
    targets: [{ provider: primary, model: my-finetune-v3 }]
`,
    extraYaml: 'ledger: { flushIntervalMs: 20 }\ngateway: { maxBodyBytes: 20000 }',
  });
  client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});

afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

describe('OpenAI client → OpenAI upstream (pass-through)', () => {
  it('serves a plain call, splicing only the model id into the client body', async () => {
    podium.upstreams.primary?.enqueue({ json: loadJson(fixture('chat-text.json')) });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], temperature: 0.2 })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(chatText.choices[0]?.message.content);
    const sent = podium.upstreams.primary?.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream-primary');
    expect(sent?.json).toEqual({
      model: 'gpt-4.1-mini-2025-04-14',
      messages: [{ role: 'user', content: 'Say hello' }],
      temperature: 0.2,
    });
    expect(sent?.body).toBe(
      JSON.stringify({
        model: 'gpt-4.1-mini-2025-04-14',
        messages: [{ role: 'user', content: 'Say hello' }],
        temperature: 0.2,
      }),
    );
    const requestId = response.headers.get('x-podium-request-id') ?? '';
    expect(requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(Number(response.headers.get('x-podium-overhead-ms'))).toBeGreaterThanOrEqual(0);
    const expectedCost = (chatText.usage.prompt_tokens * 0.4 + chatText.usage.completion_tokens * 1.6) / 1e6;
    expect(Number(response.headers.get('x-podium-cost-usd'))).toBeCloseTo(expectedCost, 12);
    const row = await podium.ledgerRecord(requestId);
    expect(row).toMatchObject({
      requestedModel: 'gpt-4o-mini',
      servedModel: 'gpt-4.1-mini-2025-04-14',
      provider: 'primary',
      status: 200,
      attempts: 1,
      stream: false,
    });
    expect(row.inputTokens).toBe(chatText.usage.prompt_tokens);
    expect(row.outputTokens).toBe(chatText.usage.completion_tokens);
    expect(row.costUsd).toBeCloseTo(expectedCost, 12);
  });

  it('forwards the body byte for byte when the alias is the provider model id', async () => {
    podium.upstreams.primary?.enqueue({ json: loadJson(fixture('chat-text.json')) });
    const raw = '{ "model" : "same-name",\n "messages": [ {"role":"user","content":"hi"} ] , "seed": 7 }';
    const response = await fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(response.status).toBe(200);
    expect(podium.upstreams.primary?.requests[0]?.body).toBe(raw);
  });

  it('streams, asks the upstream for usage, and hides the usage chunk the client did not ask for', async () => {
    podium.upstreams.primary?.enqueue({ events: loadEvents(fixture('chat-text.chunks.txt'), { done: true }) });
    const stream = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], stream: true })
      .withResponse();
    let text = '';
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream.data) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    const expected = loadEvents(fixture('chat-text.chunks.txt'))
      .map(
        (event) =>
          (JSON.parse(event.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '',
      )
      .join('');
    expect(text).toBe(expected);
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(podium.upstreams.primary?.requests[0]?.json).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    const row = await podium.ledgerRecord(stream.response.headers.get('x-podium-request-id') ?? '');
    expect(row).toMatchObject({ status: 200, stream: true, inputTokens: 14, outputTokens: 22 });
  });

  it('passes the usage chunk through when the client asked for it, and meters tool calls', async () => {
    podium.upstreams.primary?.enqueue({ events: loadEvents(fixture('chat-tool-call.chunks.txt'), { done: true }) });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Forecast for Lisbon and Porto' }],
      tools: [
        {
          type: 'function',
          function: { name: 'get_forecast', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    const args = new Map<number, string>();
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
        args.set(call.index, (args.get(call.index) ?? '') + (call.function?.arguments ?? ''));
      if (chunk.usage) usage = chunk.usage;
    }
    expect(JSON.parse(args.get(0) ?? '')).toEqual({ city: 'Lisbon', days: 3 });
    expect(usage?.prompt_tokens).toBe(1182);
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(1024);
  });

  it('falls back to the next target after retrying a 429, and records every attempt', async () => {
    const rateLimited = {
      status: 429,
      json: loadJson(fixture('error-429-rate-limit.json')),
      headers: { 'retry-after-ms': '5' },
    };
    podium.upstreams.primary?.enqueue(rateLimited, rateLimited);
    podium.upstreams.backup?.enqueue({ json: loadJson(fixture('chat-text.json')) });
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(podium.upstreams.primary?.requests).toHaveLength(2);
    expect(podium.upstreams.backup?.requests[0]?.json).toMatchObject({ model: 'llama3.1:8b' });
    expect(response.headers.get('x-podium-provider')).toBe('backup');
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id') ?? '');
    expect(row).toMatchObject({ attempts: 3, provider: 'backup', servedModel: 'llama3.1:8b', status: 200 });
  });

  it('falls back on 5xx and on a timeout', async () => {
    podium.upstreams.primary?.enqueue(
      { status: 500, json: loadJson(fixture('error-500-server-error.json')) },
      { hang: true },
    );
    podium.upstreams.backup?.enqueue({ json: loadJson(fixture('chat-text.json')) });
    const result = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.choices[0]?.message.content).toBe(chatText.choices[0]?.message.content);
    expect(podium.upstreams.primary?.requests).toHaveLength(2);
    expect(podium.upstreams.backup?.requests).toHaveLength(1);
  });

  it('relays a non-retryable upstream error verbatim without falling back', async () => {
    const upstreamError = {
      error: {
        message: "This model's maximum context length is 128000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    };
    podium.upstreams.primary?.enqueue({ status: 400, json: upstreamError });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
    expect(podium.upstreams.backup?.requests).toHaveLength(0);
  });

  it('never shows the caller a provider credential failure or its body (which quotes Podium’s key)', async () => {
    podium.upstreams.primary?.enqueue({ status: 401, json: loadJson(fixture('error-401-invalid-api-key.json')) });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain(
      'provider "primary" refused Podium\'s credentials',
    );
    expect(JSON.stringify((error as InstanceType<typeof OpenAI.APIError>).error)).not.toContain('sk-');
  });

  it('reports an exhausted route in the OpenAI shape with the last upstream status', async () => {
    podium.upstreams.primary?.always({
      status: 503,
      json: { error: { message: 'primary overloaded', type: 'server_error', param: null, code: null } },
    });
    podium.upstreams.backup?.always({
      status: 503,
      json: { error: { message: 'backup overloaded', type: 'server_error', param: null, code: null } },
    });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('backup overloaded');
  });

  it('cancels the upstream call when the client disconnects mid-stream, and records 499', async () => {
    podium.upstreams.primary?.enqueue({
      events: loadEvents(fixture('chat-text.chunks.txt'), { done: true }),
      eventDelayMs: 200,
    });
    const aborted = podium.upstreams.primary?.nextClientAbort();
    const controller = new AbortController();
    const stream = await client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
        { signal: controller.signal },
      )
      .withResponse();
    const requestId = stream.response.headers.get('x-podium-request-id') ?? '';
    const iterator = stream.data[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await aborted;
    expect(podium.upstreams.primary?.requests[0]?.clientAborted).toBe(true);
    const row = await podium.ledgerRecord(requestId);
    expect(row.status).toBe(499);
  });

  it('serves an unpriced model but flags it loudly: header, ledger null cost, metric', async () => {
    podium.upstreams.primary?.enqueue({ json: loadJson(fixture('chat-text.json')) });
    const { response } = await client.chat.completions
      .create({ model: 'unpriced', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-podium-warning')).toContain('my-finetune-v3');
    expect(response.headers.get('x-podium-cost-usd')).toBeNull();
    expect((await podium.ledgerRecord(response.headers.get('x-podium-request-id') ?? '')).costUsd).toBeNull();
    const metrics = await (await fetch(`${podium.url}/metrics`)).text();
    expect(metrics).toContain('podium_unpriced_requests_total{model="my-finetune-v3"} 1');
    expect(podium.logs.join('\n')).toContain('WARNING model "unpriced"');
  });
});

describe('bad input gets a 4xx in the OpenAI shape, naming the field', () => {
  const post = (body: string, headers: Record<string, string> = { authorization: `Bearer ${podium.key}` }) =>
    fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('malformed JSON', async () => {
    const response = await post('{"model": "gpt-4o-mini", ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('missing and mistyped fields name the param', async () => {
    const missing = await client.chat.completions
      .create({
        messages: [{ role: 'user', content: 'hi' }],
      } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OpenAI.BadRequestError);
    expect((missing as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
    const mistyped = await post(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 5 }] }));
    const body = (await mistyped.json()) as { error: { param: string; message: string } };
    expect(mistyped.status).toBe(400);
    expect(body.error.param).toBe('messages[0].content');
  });

  it('unknown model → 404 model_not_found', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('missing, unknown and revoked keys → 401', async () => {
    expect((await post(JSON.stringify({ model: 'gpt-4o-mini', messages: [] }), {})).status).toBe(401);
    const unknown = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: 'pk-not-a-real-key', maxRetries: 0 });
    const error = await unknown.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const created = await podium.admin('POST', '/api/v1/keys', { team: 'test', name: 'to-revoke' });
    const secret = (created.json as { key: string; id: string }).key;
    const revoke = await podium.admin('POST', `/api/v1/keys/${(created.json as { id: string }).id}/revoke`);
    expect(revoke.status).toBe(200);
    const revoked = await post(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }), {
      authorization: `Bearer ${secret}`,
    });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toContain('revoked');
  });

  it('a key limited to other models gets 403 naming model', async () => {
    const created = await podium.admin('POST', '/api/v1/keys', { team: 'test', allowedModels: ['same-name'] });
    const limited = new OpenAI({
      baseURL: `${podium.url}/v1`,
      apiKey: (created.json as { key: string }).key,
      maxRetries: 0,
    });
    const error = await limited.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((error as InstanceType<typeof OpenAI.PermissionDeniedError>).param).toBe('model');
    const models = await limited.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['same-name']);
  });

  it('a body over the size limit → 413', async () => {
    const response = await post(
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(30_000) }] }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
