import { afterEach, describe, expect, it } from 'vitest';
import { runInternalCall } from '../gateway/index.js';
import { loadEvents, loadJson, ownFixturePath } from '../testkit/index.js';
import { cacheMetricNames } from './cache-metrics.js';
import { startCachedTestGateway, type CachedTestGateway } from './cached-test-gateway.test-suite.js';
import { createMemoryCacheStore } from './memory-cache-store.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));
const chatChunks = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true });
const anthropicText = loadJson(ownFixturePath('anthropic/text.json'));
const anthropicChunks = loadEvents(ownFixturePath('anthropic/text.chunks.txt'), { named: true });
const serverError = loadJson(ownFixturePath('openai/error-500-server-error.json'));

const question = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'fast',
  messages: [{ role: 'user', content }],
  ...extra,
});
const exactOnly = { exact: { ttlSeconds: 60 } };

describe('exact response cache', () => {
  let setup: CachedTestGateway | undefined;
  afterEach(async () => setup?.gateway.close());

  const start = async (
    options: Partial<Parameters<typeof startCachedTestGateway>[0]> = {},
  ): Promise<CachedTestGateway> => {
    setup = await startCachedTestGateway({
      models: { fast: exactOnly, plain: undefined, claude: exactOnly },
      ...options,
    });
    return setup;
  };
  const lookups = (kind: string, outcome: string): number =>
    setup?.gateway.metrics.value(cacheMetricNames.lookups, { kind, outcome }) ?? 0;

  it('answers the same request from the cache: same bytes, zero usage and cost, upstream not called', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    const first = await gateway.call(question('Name the string instruments.'));
    const second = await gateway.call(question('Name the string instruments.'));
    expect(gateway.upstreams.openai?.requests).toHaveLength(1);
    expect(first.call.cacheStatus).toBe('miss');
    expect(first.response.headers['x-podium-cache']).toBe('miss');
    expect(second.call.cacheStatus).toBe('hit');
    expect(second.response.headers['x-podium-cache']).toBe('hit');
    expect(second.response.body).toBe(first.response.body);
    expect(second.call.status).toBe(200);
    expect(second.call.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(second.call.costUsd).toBe(0);
    expect(second.response.headers['x-podium-cost-usd']).toBe('0');
    expect(second.response.headers['x-podium-served-model']).toBe('gpt-4.1-mini');
    expect(first.call.usage?.outputTokens).toBeGreaterThan(0);
    expect(lookups('exact', 'miss')).toBe(1);
    expect(lookups('exact', 'hit')).toBe(1);
  });

  it('treats key order, stream_options of a whole answer and the end-user id as the same request, other parameters not', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call({ messages: [{ content: 'Hi', role: 'user' }], model: 'fast', temperature: 0 });
    const reordered = await gateway.call({
      model: 'fast',
      temperature: 0,
      user: 'someone-else',
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const warmer = await gateway.call({ model: 'fast', temperature: 0.7, messages: [{ role: 'user', content: 'Hi' }] });
    expect(reordered.call.cacheStatus).toBe('hit');
    expect(warmer.call.cacheStatus).toBe('miss');
    expect(gateway.upstreams.openai?.requests).toHaveLength(2);
  });

  it('expires an answer after its TTL on the cache clock', async () => {
    const { gateway, clock } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call(question('ttl'));
    clock.time += 59_000;
    expect((await gateway.call(question('ttl'))).call.cacheStatus).toBe('hit');
    clock.time += 2_000;
    expect((await gateway.call(question('ttl'))).call.cacheStatus).toBe('miss');
    expect(gateway.upstreams.openai?.requests).toHaveLength(2);
  });

  it('never serves one team the answer another team paid for', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call(question('shared?'), { headers: { 'x-test-team': 'team_a' } });
    const otherTeam = await gateway.call(question('shared?'), { headers: { 'x-test-team': 'team_b' } });
    const sameTeam = await gateway.call(question('shared?'), { headers: { 'x-test-team': 'team_a' } });
    expect(otherTeam.call.cacheStatus).toBe('miss');
    expect(sameTeam.call.cacheStatus).toBe('hit');
    expect(gateway.upstreams.openai?.requests).toHaveLength(2);
  });

  it('keeps aliases apart and leaves aliases without a cache alone', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call(question('alias'));
    const plain = await gateway.call({ ...question('alias'), model: 'plain' });
    const plainAgain = await gateway.call({ ...question('alias'), model: 'plain' });
    expect(plain.call.cacheStatus).toBeUndefined();
    expect(plainAgain.call.cacheStatus).toBeUndefined();
    expect(plain.response.headers['x-podium-cache']).toBeUndefined();
    expect(gateway.upstreams.openai?.requests).toHaveLength(3);
  });

  it('replays an OpenAI stream byte for byte, and keeps streamed and whole answers apart', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.enqueue({ events: chatChunks }, { json: chatText });
    const first = await gateway.call(question('stream me', { stream: true }));
    const replay = await gateway.call(question('stream me', { stream: true }));
    const whole = await gateway.call(question('stream me'));
    expect(first.response.streamed).toBe(true);
    expect(first.response.body).toContain('data: [DONE]');
    expect(replay.call.cacheStatus).toBe('hit');
    expect(replay.response.streamed).toBe(true);
    expect(replay.response.body).toBe(first.response.body);
    expect(whole.call.cacheStatus).toBe('miss');
    expect(whole.response.streamed).toBe(false);
    expect(gateway.upstreams.openai?.requests).toHaveLength(2);
  });

  it('replays an Anthropic Messages stream byte for byte, event names included', async () => {
    const { gateway } = await start();
    gateway.upstreams.anthropic?.enqueue({ events: anthropicChunks }, { json: anthropicText });
    const body = { model: 'claude', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hello' }] };
    const first = await gateway.call(body, { surface: 'anthropic-messages' });
    const replay = await gateway.call(body, { surface: 'anthropic-messages' });
    expect(first.response.body).toContain('event: message_stop');
    expect(replay.call.cacheStatus).toBe('hit');
    expect(replay.response.body).toBe(first.response.body);
    expect(gateway.upstreams.anthropic?.requests).toHaveLength(1);
  });

  it('does not store failures: an upstream error, a dropped stream, a stream ending in an error event', async () => {
    const { gateway, storedKeys } = await start();
    gateway.upstreams.openai?.enqueue(
      { status: 500, json: serverError },
      { events: chatChunks, dropAfterEvents: 2 },
      { json: chatText },
      { events: chatChunks },
    );
    gateway.upstreams.anthropic?.enqueue({
      events: loadEvents(ownFixturePath('anthropic/stream-error.chunks.txt'), { named: true }),
    });
    const failed = await gateway.call(question('fails first'));
    const dropped = await gateway.call(question('cut', { stream: true }));
    const errorEvent = await gateway.call(
      { model: 'claude', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hello' }] },
      { surface: 'anthropic-messages' },
    );
    expect(failed.response.status).toBe(500);
    expect(dropped.call.status).not.toBe(200);
    expect(errorEvent.response.streamed).toBe(true);
    expect(errorEvent.call.status).toBe(502);
    expect(storedKeys).toHaveLength(0);
    expect((await gateway.call(question('fails first'))).response.status).toBe(200);
    expect((await gateway.call(question('cut', { stream: true }))).call.cacheStatus).toBe('miss');
    expect(storedKeys).toHaveLength(2);
  });

  it('bypasses the cache on x-podium-cache: off and cache-control: no-store; no-cache goes upstream and refreshes the entry', async () => {
    const { gateway } = await start();
    const newer = { ...(chatText as Record<string, unknown>), id: 'chatcmpl-newer' };
    gateway.upstreams.openai?.enqueue({ json: chatText }, { json: chatText }, { json: chatText }, { json: newer });
    const off = await gateway.call(question('bypass'), { headers: { 'x-podium-cache': 'off' } });
    const noStore = await gateway.call(question('bypass'), { headers: { 'cache-control': 'no-store' } });
    expect(off.call.cacheStatus).toBeUndefined();
    expect(off.response.headers['x-podium-cache']).toBe('bypass');
    expect(noStore.call.cacheStatus).toBeUndefined();
    const stored = await gateway.call(question('bypass'));
    expect(stored.call.cacheStatus).toBe('miss');
    const refreshed = await gateway.call(question('bypass'), { headers: { 'cache-control': 'no-cache' } });
    expect(refreshed.response.headers['x-podium-cache']).toBe('refresh');
    const hit = await gateway.call(question('bypass'));
    expect(hit.call.cacheStatus).toBe('hit');
    expect(JSON.parse(hit.response.body)).toMatchObject({ id: 'chatcmpl-newer' });
    expect(gateway.upstreams.openai?.requests).toHaveLength(4);
    expect(lookups('exact', 'bypass')).toBe(3);
  });

  it('never looks up nor stores a shadow call', async () => {
    const { gateway, storedKeys } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    const parent = await gateway.call(question('reference'));
    const shadow = await runInternalCall(gateway.gateway(), {
      parent: parent.call,
      kind: 'shadow',
      body: question('reference'),
    });
    const shadowOfNew = await runInternalCall(gateway.gateway(), {
      parent: parent.call,
      kind: 'shadow',
      body: question('only shadowed'),
    });
    expect(shadow.call.cacheStatus).toBeUndefined();
    expect(shadowOfNew.response.status).toBe(200);
    expect(storedKeys).toHaveLength(1);
    expect(gateway.upstreams.openai?.requests).toHaveLength(3);
  });

  it('treats a corrupt stored entry as a miss, drops it, and stores the fresh answer', async () => {
    const { gateway, store, storedKeys } = await start();
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call(question('corrupt'));
    const key = storedKeys[0] ?? '';
    for (const garbage of ['{"version":1,"status":200,"streamed":fal', '{"version":2,"body":"elsewhere"}', 'null']) {
      await store.set(key, garbage, 60_000);
      const served = await gateway.call(question('corrupt'));
      expect(served.response.status).toBe(200);
      expect(served.call.cacheStatus).toBe('miss');
      expect(JSON.parse(served.response.body)).toEqual(chatText);
    }
    expect(lookups('exact', 'corrupt')).toBe(3);
    expect((await gateway.call(question('corrupt'))).call.cacheStatus).toBe('hit');
  });

  it('does not store an answer over maxEntryBytes', async () => {
    const { gateway, storedKeys } = await start({ maxEntryBytes: 64 });
    gateway.upstreams.openai?.always({ json: chatText });
    await gateway.call(question('big'));
    expect((await gateway.call(question('big'))).call.cacheStatus).toBe('miss');
    expect(storedKeys).toHaveLength(0);
    expect(gateway.metrics.value(cacheMetricNames.stores, { kind: 'exact', outcome: 'too-large' })).toBe(2);
  });

  it('evicts the least recently used answer at maxEntries', async () => {
    const { gateway } = await start({ maxEntries: 2 });
    gateway.upstreams.openai?.always({ json: chatText });
    for (const content of ['one', 'two', 'three']) await gateway.call(question(content));
    expect((await gateway.call(question('three'))).call.cacheStatus).toBe('hit');
    expect((await gateway.call(question('one'))).call.cacheStatus).toBe('miss');
  });

  it('serves the call from upstream when the store fails, and reports the failure', async () => {
    const broken = (now: () => number) => {
      const memory = createMemoryCacheStore({ maxEntries: 10, now });
      return {
        ...memory,
        get: () => Promise.reject(new Error('store down')),
        set: () => Promise.reject(new Error('store down')),
      };
    };
    const { gateway, errors } = await start({ store: broken });
    gateway.upstreams.openai?.always({ json: chatText });
    const served = await gateway.call(question('store down'));
    expect(served.response.status).toBe(200);
    expect(served.call.cacheStatus).toBe('miss');
    expect(errors.map((error) => (error as Error).message)).toEqual(['store down', 'store down']);
    expect(lookups('exact', 'error')).toBe(1);
  });
});
