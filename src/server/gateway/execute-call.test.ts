/** The executor's retry policy, on a fake clock: retry-after honoured and capped, back-off bounded, aborts respected. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { createProvider } from '../providers/index.js';
import { createGatewayMetrics } from '../telemetry/index.js';
import { FakeUpstream, loadJson, ownFixturePath } from '../testkit/index.js';
import { createCodecs } from './codecs/create-codecs.js';
import { createExecutor } from './execute-call.js';
import { createGatewayCall, type GatewayCall } from './gateway-call.js';
import type { ResolvedTarget } from './model-catalog.js';
import type { ResponseSink } from './response-sink.js';
import { retryDelay } from './retry-delay.js';

class MemorySink implements ResponseSink {
  readonly controller = new AbortController();
  status = 0;
  body = '';
  started = false;
  get signal() {
    return this.controller.signal;
  }
  send(status: number, body: Buffer | string) {
    this.started = true;
    this.status = status;
    this.body = body.toString();
  }
  startStream(status: number) {
    this.started = true;
    this.status = status;
  }
  write(text: string) {
    this.body += text;
    return true;
  }
  drain() {
    return Promise.resolve();
  }
  end() {}
  fail(error: PodiumError) {
    this.status = error.status;
  }
}

let upstream: FakeUpstream;
const rateLimit = (headers: Record<string, string>) => ({
  status: 429,
  headers,
  json: loadJson(ownFixturePath('openai/error-429-rate-limit.json')),
});
const ok = () => ({ json: loadJson(ownFixturePath('openai/chat-text.json')) });

beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(async () => upstream.close());
beforeEach(() => upstream.reset());

function setup(maxRetries: number) {
  const provider = createProvider('primary', {
    type: 'openai',
    apiKey: 'sk',
    baseUrl: `${upstream.url}/v1`,
    connections: 4,
  });
  const target: ResolvedTarget = { provider, model: 'gpt-4.1-mini', weight: 1, timeoutMs: 5000, price: undefined };
  const waits: number[] = [];
  const codecs = createCodecs({ defaultMaxTokens: 1024 });
  const execute = createExecutor({
    ...codecs,
    retrySettings: () => ({ maxRetries, baseDelayMs: 100, maxDelayMs: 3000 }),
    metrics: createGatewayMetrics(),
    sleep: (milliseconds) => {
      waits.push(milliseconds);
      return Promise.resolve();
    },
    now: () => 0,
    random: () => 0.5,
  });
  const body = { model: 'alias', messages: [{ role: 'user', content: 'hi' }] };
  const call: GatewayCall = createGatewayCall({
    id: 'req_1',
    surface: 'openai-chat',
    credential: 'pk',
    headers: {},
    rawBody: Buffer.from(JSON.stringify(body)),
    startedAt: 0,
  });
  call.body = body;
  call.requestedModel = 'alias';
  call.route = { alias: 'alias', strategy: 'fallback', targets: [target] };
  return { execute, call, waits };
}

describe('executor retries', () => {
  it('waits as retry-after says (seconds), and caps a longer ask at maxDelayMs', async () => {
    upstream.enqueue(rateLimit({ 'retry-after': '2' }), rateLimit({ 'retry-after': '60' }), ok());
    const { execute, call, waits } = setup(2);
    const sink = new MemorySink();
    await execute(call, sink, () => undefined);
    expect(sink.status).toBe(200);
    expect(waits).toEqual([2000, 3000]);
    expect(call.attempts).toBe(3);
  });

  it('prefers retry-after-ms, and falls back to the hint in OpenAI message text when headers are absent', async () => {
    upstream.enqueue(rateLimit({ 'retry-after-ms': '750', 'retry-after': '9' }), rateLimit({}), ok());
    const { execute, call, waits } = setup(2);
    await execute(call, new MemorySink(), () => undefined);
    // The fixture's message says "Please try again in 261ms".
    expect(waits).toEqual([750, 261]);
  });

  it('backs off exponentially with jitter when the upstream gives no hint', async () => {
    const bare = { status: 503, json: { error: { message: 'overloaded', type: 'server_error' } } };
    upstream.enqueue(bare, bare, bare, ok());
    const { execute, call, waits } = setup(3);
    await execute(call, new MemorySink(), () => undefined);
    expect(waits).toEqual([75, 150, 300]);
  });

  it('stops after maxRetries and surfaces the last upstream error', async () => {
    upstream.always(rateLimit({ 'retry-after-ms': '1' }));
    const { execute, call } = setup(1);
    const error = await execute(call, new MemorySink(), () => undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PodiumError);
    expect((error as PodiumError).status).toBe(429);
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not retry an exhausted quota, which waiting will not fix', async () => {
    upstream.enqueue({
      status: 429,
      json: {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    });
    const { execute, call, waits } = setup(3);
    await expect(execute(call, new MemorySink(), () => undefined)).rejects.toThrow(/quota/);
    expect(waits).toEqual([]);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('retryDelay', () => {
  it('is bounded by maxDelayMs whatever the attempt', () => {
    const settings = { maxRetries: 10, baseDelayMs: 200, maxDelayMs: 1000 };
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(retryDelay({ attempt, retryAfterMs: undefined, settings, random: () => 1 })).toBeLessThanOrEqual(1000);
    }
  });
});
