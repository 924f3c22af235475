/**
 * What a drop-in replacement for the OpenAI and Anthropic endpoints must also carry, seen through the
 * official clients: `anthropic-beta` reaching Anthropic (and nobody else), the served upstream's
 * rate-limit headers and request id reaching the client (and no other upstream header),
 * `messages.countTokens` and `models.retrieve`, both behind the key's allowed models.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const anthropicText = loadJson(ownFixturePath('anthropic/text.json'));
const openAIText = loadJson(ownFixturePath('openai/chat-text.json'));
const openAIEvents = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true });
const beta = 'context-1m-2025-08-07,token-efficient-tools-2025-02-19';

const openAILimits = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-tokens': '6ms',
  'x-request-id': 'req_upstream_123',
  'x-internal-route': 'pool-7.internal',
  server: 'upstream/1.0',
};
const anthropicLimits = {
  'anthropic-ratelimit-requests-remaining': '49',
  'anthropic-ratelimit-tokens-reset': '2026-12-07T21:00:00Z',
  'request-id': 'req_011CUpstream',
  'x-envoy-upstream-service-time': '812',
};

let podium: TestPodium;
let anthropic: Anthropic;
let openai: OpenAI;
let restricted: { anthropic: Anthropic; openai: OpenAI };

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { claude: 'anthropic', gpt: 'openai' },
    providerExtras: { claude: 'retry: { maxRetries: 0 }', gpt: 'retry: { maxRetries: 0 }' },
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
  const created = await podium.admin('POST', '/api/v1/keys', {
    team: 'test',
    name: 'gpt only',
    allowedModels: ['gpt-mini'],
  });
  const key = (created.json as { key: string }).key;
  restricted = {
    anthropic: new Anthropic({ baseURL: podium.url, apiKey: key, maxRetries: 0 }),
    openai: new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: key, maxRetries: 0 }),
  };
}, 120_000);
afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

describe('anthropic-beta', () => {
  it('reaches Anthropic on pass-through and on translation, and never another provider', async () => {
    podium.upstreams.claude?.enqueue({ json: anthropicText }, { json: anthropicText });
    await anthropic.messages.create(
      { model: 'claude-sonnet', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': beta } },
    );
    expect(podium.upstreams.claude?.requests[0]?.headers['anthropic-beta']).toBe(beta);

    await openai.chat.completions.create(
      { model: 'claude-sonnet', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': beta } },
    );
    expect(podium.upstreams.claude?.requests[1]?.headers['anthropic-beta']).toBe(beta);

    podium.upstreams.gpt?.enqueue({ json: openAIText });
    await anthropic.messages.create(
      { model: 'gpt-mini', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': beta } },
    );
    expect(podium.upstreams.gpt?.requests[0]?.headers['anthropic-beta']).toBeUndefined();
  });

  it('never overrides the configured anthropic-version or key', async () => {
    podium.upstreams.claude?.enqueue({ json: anthropicText });
    await anthropic.messages.create(
      { model: 'claude-sonnet', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': beta, 'anthropic-version': '2099-01-01' } },
    );
    const sent = podium.upstreams.claude?.requests[0]?.headers;
    expect(sent?.['anthropic-version']).toBe('2023-06-01');
    expect(sent?.['x-api-key']).toBe('sk-upstream-claude');
  });
});

describe('upstream rate-limit headers and request ids', () => {
  it('relays the allowed OpenAI headers of a plain and a streamed answer, and no others', async () => {
    podium.upstreams.gpt?.enqueue(
      { json: openAIText, headers: openAILimits },
      { events: openAIEvents, headers: openAILimits },
    );
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999');
    expect(response.headers.get('x-ratelimit-reset-tokens')).toBe('6ms');
    expect(response.headers.get('x-request-id')).toBe('req_upstream_123');
    expect(response.headers.get('x-internal-route')).toBeNull();
    expect(response.headers.get('server')).toBeNull();

    const stream = await openai.chat.completions
      .create({ model: 'gpt-mini', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    for await (const _chunk of stream.data) {
      /* drain */
    }
    expect(stream.response.headers.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(stream.response.headers.get('x-internal-route')).toBeNull();
  });

  it("relays Anthropic's, including on a translated call", async () => {
    podium.upstreams.claude?.enqueue(
      { json: anthropicText, headers: anthropicLimits },
      { json: anthropicText, headers: anthropicLimits },
    );
    const { response } = await anthropic.messages
      .create({ model: 'claude-sonnet', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('request-id')).toBe('req_011CUpstream');
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('49');
    expect(response.headers.get('x-envoy-upstream-service-time')).toBeNull();
    const translated = await openai.chat.completions
      .create({ model: 'claude-sonnet', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(translated.response.headers.get('anthropic-ratelimit-tokens-reset')).toBe('2026-12-07T21:00:00Z');
  });

  it('relays retry-after and the rate-limit state on a refusal', async () => {
    podium.upstreams.gpt?.enqueue({
      status: 429,
      headers: { ...openAILimits, 'retry-after': '7', 'x-ratelimit-remaining-requests': '0' },
      json: loadJson(ownFixturePath('openai/error-429-rate-limit.json')),
    });
    const error = await openai.chat.completions
      .create({ model: 'gpt-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(headers.get('retry-after')).toBe('7');
    expect(headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(headers.get('x-request-id')).toBe('req_upstream_123');
    expect(headers.get('x-internal-route')).toBeNull();
  });

  it('drops a value that is too long or not printable', async () => {
    podium.upstreams.gpt?.enqueue({
      json: openAIText,
      headers: { 'x-request-id': 'r'.repeat(300), 'x-ratelimit-limit-tokens': '1000' },
    });
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-request-id')).toBeNull();
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
  });
});

describe('POST /v1/messages/count_tokens', () => {
  const messages = [{ role: 'user' as const, content: 'How many tokens is this sentence?' }];

  it('asks Anthropic when the alias is served by Anthropic, with the model and anthropic-beta forwarded', async () => {
    podium.upstreams.claude?.enqueue({ json: { input_tokens: 14 }, headers: { 'request-id': 'req_count' } });
    const { data, response } = await anthropic.messages
      .countTokens({ model: 'claude-sonnet', messages }, { headers: { 'anthropic-beta': beta } })
      .withResponse();
    expect(data.input_tokens).toBe(14);
    expect(response.headers.get('request-id')).toBe('req_count');
    const sent = podium.upstreams.claude?.requests[0];
    expect(sent?.path).toBe('/v1/messages/count_tokens');
    expect(sent?.json).toEqual({ model: 'claude-sonnet-4-5-20250929', messages });
    expect(sent?.headers['anthropic-beta']).toBe(beta);
    expect(sent?.headers['x-api-key']).toBe('sk-upstream-claude');
  });

  it('counts locally (o200k) for other providers, and says it is an estimate', async () => {
    const { data, response } = await anthropic.messages
      .countTokens({ model: 'gpt-mini', messages, system: 'Be brief.' })
      .withResponse();
    expect(response.headers.get('x-podium-token-count')).toBe('estimate');
    // 7 words of text, 2 of system, one message of framing: more than the text alone, far less than its length in bytes.
    expect(data.input_tokens).toBeGreaterThan(9);
    expect(data.input_tokens).toBeLessThan(30);
    expect(podium.upstreams.gpt?.requests).toHaveLength(0);
  });

  it('answers Anthropic-shaped errors: a bad body, an unknown model, a model the key may not use, no key', async () => {
    const invalid = await anthropic.messages
      .countTokens({ model: 'claude-sonnet', messages: [] })
      .catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
    expect((invalid as InstanceType<typeof Anthropic.BadRequestError>).message).toContain('messages');
    expect(
      await anthropic.messages.countTokens({ model: 'nope', messages }).catch((caught: unknown) => caught),
    ).toBeInstanceOf(Anthropic.NotFoundError);
    expect(
      await restricted.anthropic.messages
        .countTokens({ model: 'claude-sonnet', messages })
        .catch((caught: unknown) => caught),
    ).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const anonymous = await fetch(`${podium.url}/v1/messages/count_tokens`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-mini', messages }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(podium.upstreams.claude?.requests).toHaveLength(0);
  });

  it("relays Anthropic's own error, scrubbed, and never its address", async () => {
    podium.upstreams.claude?.enqueue({
      status: 529,
      json: loadJson(ownFixturePath('anthropic/error-529-overloaded.json')),
    });
    const error = await anthropic.messages
      .countTokens({ model: 'claude-sonnet', messages })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect(JSON.stringify((error as InstanceType<typeof Anthropic.APIError>).error)).toContain('overloaded_error');
  });
});

describe('GET /v1/models/{id}', () => {
  it('returns one alias in the OpenAI shape, and in the Anthropic shape when anthropic-version is sent', async () => {
    expect(await openai.models.retrieve('gpt-mini')).toMatchObject({
      id: 'gpt-mini',
      object: 'model',
      owned_by: 'gpt',
    });
    expect(await anthropic.models.retrieve('claude-sonnet')).toMatchObject({
      type: 'model',
      id: 'claude-sonnet',
      display_name: 'claude-sonnet',
    });
  });

  it('is a 404 in the caller’s shape for an unknown alias and for one the key may not use', async () => {
    expect(await openai.models.retrieve('missing').catch((caught: unknown) => caught)).toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    expect(await restricted.openai.models.retrieve('claude-sonnet').catch((caught: unknown) => caught)).toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    expect(await restricted.openai.models.retrieve('gpt-mini')).toMatchObject({ id: 'gpt-mini' });
    const anthropicMissing = await restricted.anthropic.models
      .retrieve('claude-sonnet')
      .catch((caught: unknown) => caught);
    expect(anthropicMissing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((anthropicMissing as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
    const unauthenticated = await fetch(`${podium.url}/v1/models/gpt-mini`);
    expect(unauthenticated.status).toBe(401);
  });

  it('answers a malformed escape in the id as a 400 naming the parameter, not a server fault', async () => {
    const response = await fetch(`${podium.url}/v1/models/%E0%A4%A`, {
      headers: { authorization: `Bearer ${podium.key}` },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string } };
    expect(body.error.param).toBe('id');
  });
});
