/**
 * The official `@anthropic-ai/sdk` and `openai` clients across protocols: Anthropic pass-through,
 * an Anthropic client reaching an OpenAI model, and an OpenAI client reaching an Anthropic model —
 * plain, streamed, tools, errors, mid-stream failures.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const anthropicFixture = (name: string) => ownFixturePath(`anthropic/${name}`);
const openAIFixture = (name: string) => ownFixturePath(`openai/${name}`);
const named = (name: string) => loadEvents(anthropicFixture(name), { named: true });
const textMessage = loadJson(anthropicFixture('text.json')) as { content: { text: string }[] };
const openAIText = loadJson(openAIFixture('chat-text.json')) as { choices: { message: { content: string } }[] };
const weatherTool = {
  name: 'get_forecast',
  description: 'Forecast for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, days: { type: 'integer' } } },
};

let podium: TestPodium;
let anthropic: Anthropic;
let openai: OpenAI;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { claude: 'anthropic', gpt: 'openai' },
    providerExtras: { claude: 'retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 }' },
    modelsYaml: `
  claude-sonnet:
    targets: [{ provider: claude, model: claude-sonnet-4-5-20250929 }]
  gpt-mini:
    targets: [{ provider: gpt, model: gpt-4.1-mini-2025-04-14 }]
`,
    extraYaml: 'ledger: { flushIntervalMs: 20 }',
  });
  anthropic = new Anthropic({ baseURL: podium.url, apiKey: podium.key, maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});
afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

describe('Anthropic client → Anthropic upstream (pass-through)', () => {
  it('serves a plain call with x-api-key auth, forwarding the body with only the model spliced', async () => {
    podium.upstreams.claude?.enqueue({ json: loadJson(anthropicFixture('text.json')) });
    const { data, response } = await anthropic.messages
      .create({ model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Bonjour' }] })
      .withResponse();
    expect(data.content[0]).toEqual({ type: 'text', text: textMessage.content[0]?.text });
    const sent = podium.upstreams.claude?.requests[0];
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe('sk-upstream-claude');
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.body).toBe(
      JSON.stringify({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Bonjour' }],
      }),
    );
    expect((await podium.ledgerRecord(response.headers.get('x-podium-request-id'))).outputTokens).toBe(27);
  });

  it('streams every event through and meters usage from message_start + message_delta', async () => {
    podium.upstreams.claude?.enqueue({ events: named('tool-use.chunks.txt') });
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Lisbon?' }],
    });
    const message = await stream.finalMessage();
    const tool = message.content.find((block) => block.type === 'tool_use');
    expect(tool).toMatchObject({ name: 'get_forecast', input: { city: 'Lisbon', days: 3 } });
    expect(message.stop_reason).toBe('tool_use');
    const { response } = await stream.withResponse();
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row).toMatchObject({ status: 200, inputTokens: 412, outputTokens: 73 });
  });

  it('counts cache reads and writes into the canonical, inclusive usage', async () => {
    podium.upstreams.claude?.enqueue({ json: loadJson(anthropicFixture('cache-usage.json')) });
    const cached = loadJson(anthropicFixture('cache-usage.json')) as {
      usage: { input_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number };
    };
    const { response } = await anthropic.messages
      .create({ model: 'claude-sonnet', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row.cacheReadTokens).toBe(cached.usage.cache_read_input_tokens);
    expect(row.cacheWriteTokens).toBe(cached.usage.cache_creation_input_tokens);
    expect(row.inputTokens).toBe(
      cached.usage.input_tokens + cached.usage.cache_read_input_tokens + cached.usage.cache_creation_input_tokens,
    );
  });

  it('retries 529 overloaded, then relays Anthropic’s own error', async () => {
    podium.upstreams.claude?.always({ status: 529, json: loadJson(anthropicFixture('error-529-overloaded.json')) });
    const error = await anthropic.messages
      .create({ model: 'claude-sonnet', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect(podium.upstreams.claude?.requests).toHaveLength(2);
  });

  it('forwards a mid-stream error event as is and records the call as failed', async () => {
    podium.upstreams.claude?.enqueue({ events: named('stream-error.chunks.txt') });
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(String(error)).toContain('Overloaded');
    const { response } = await stream.withResponse();
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row).toMatchObject({ status: 502, errorCode: 'upstream_error' });
  });

  it('refuses bad input in Anthropic’s shape, naming the field', async () => {
    const missing = await fetch(`${podium.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': podium.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('max_tokens');
    const unauthenticated = new Anthropic({ baseURL: podium.url, apiKey: 'pk-wrong', maxRetries: 0 });
    const error = await unauthenticated.messages
      .create({ model: 'claude-sonnet', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    const notFound = await anthropic.messages
      .create({ model: 'claude-9', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(notFound).toBeInstanceOf(Anthropic.NotFoundError);
  });
});

describe('Anthropic client → OpenAI upstream (translation)', () => {
  it('translates a plain call both ways', async () => {
    podium.upstreams.gpt?.enqueue({ json: loadJson(openAIFixture('chat-text.json')) });
    const message = await anthropic.messages.create({
      model: 'gpt-mini',
      max_tokens: 300,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: openAIText.choices[0]?.message.content }]);
    expect(message.model).toBe('gpt-mini');
    expect(message.stop_reason).toBe('end_turn');
    const sent = podium.upstreams.gpt?.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.json).toMatchObject({
      model: 'gpt-4.1-mini-2025-04-14',
      max_completion_tokens: 300,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
    });
  });

  it('translates a streamed tool call into tool_use blocks with input_json_delta', async () => {
    podium.upstreams.gpt?.enqueue({ events: loadEvents(openAIFixture('chat-tool-call.chunks.txt'), { done: true }) });
    const stream = anthropic.messages.stream({
      model: 'gpt-mini',
      max_tokens: 300,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Forecasts?' }],
    });
    const deltas: string[] = [];
    stream.on('inputJson', (partial) => deltas.push(partial));
    const message = await stream.finalMessage();
    const tools = message.content.filter((block) => block.type === 'tool_use');
    expect(tools[0]).toMatchObject({ name: 'get_forecast', input: { city: 'Lisbon', days: 3 } });
    expect(tools.length).toBeGreaterThanOrEqual(2);
    expect(deltas.length).toBeGreaterThan(1);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0)).toBe(1182);
    expect(podium.upstreams.gpt?.requests[0]?.json).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'get_forecast' } }],
    });
  });
});

describe('OpenAI client → Anthropic upstream (translation)', () => {
  it('translates a plain call, supplying max_tokens Anthropic requires', async () => {
    podium.upstreams.claude?.enqueue({ json: loadJson(anthropicFixture('text.json')) });
    const completion = await openai.chat.completions.create({
      model: 'claude-sonnet',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Bonjour' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe(textMessage.content[0]?.text);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 19, completion_tokens: 27 });
    const sent = podium.upstreams.claude?.requests[0]?.json as { max_tokens: number; system: unknown; model: string };
    expect(sent.model).toBe('claude-sonnet-4-5-20250929');
    expect(sent.max_tokens).toBe(4096);
    expect(JSON.stringify(sent.system)).toContain('Be brief.');
  });

  it('streams a tool call as OpenAI tool_calls deltas, with usage when asked', async () => {
    podium.upstreams.claude?.enqueue({ events: named('tool-use.chunks.txt') });
    const stream = await openai.chat.completions.create({
      model: 'claude-sonnet',
      messages: [{ role: 'user', content: 'Lisbon?' }],
      tools: [{ type: 'function', function: { name: 'get_forecast', parameters: weatherTool.input_schema } }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let args = '';
    let name = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        args += call.function?.arguments ?? '';
        name ||= call.function?.name ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("I'll check the forecast for Lisbon.");
    expect(name).toBe('get_forecast');
    expect(JSON.parse(args)).toEqual({ city: 'Lisbon', days: 3 });
    expect(finish).toBe('tool_calls');
    expect(usage).toMatchObject({ prompt_tokens: 412, completion_tokens: 73 });
  });

  it('ends a stream broken by an upstream error event with an OpenAI error frame, recorded as 502', async () => {
    // Spaced out, so the first events reach the client before the error (all in one chunk, it would be retried).
    podium.upstreams.claude?.enqueue({ events: named('stream-error.chunks.txt'), eventDelayMs: 5 });
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude-sonnet', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    const error = await (async () => {
      for await (const _chunk of data) {
        /* drain */
      }
    })().catch((caught: unknown) => caught);
    expect(String(error)).toContain('Overloaded');
    const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(row.status).toBe(502);
  });
});
