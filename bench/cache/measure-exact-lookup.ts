/**
 * What an exact-cache lookup adds to a call: the key (canonical JSON + SHA-256 of a realistic chat
 * request), the store read and the entry's validation, timed one lookup at a time against a store
 * holding `entries` answers; half the lookups hit, half miss.
 */
import { createGatewayCall, type GatewayCall } from '../../src/server/gateway/index.js';
import { decodeCacheEntry, encodeCacheEntry, exactCacheKey, type CacheStore } from '../../src/server/cache/index.js';
import { loadJson, ownFixturePath, testCaller } from '../../src/server/testkit/index.js';
import { microsecondsSince, percentiles, type Percentiles } from './percentiles.js';

export interface ExactLookupReport {
  store: string;
  entries: number;
  lookups: number;
  microseconds: Percentiles;
}

function callFor(index: number): GatewayCall {
  const call = createGatewayCall({
    id: `bench-${index}`,
    surface: 'openai-chat',
    credential: undefined,
    headers: {},
    rawBody: Buffer.alloc(0),
    startedAt: 0,
  });
  call.caller = testCaller;
  call.requestedModel = 'fast';
  call.body = {
    model: 'fast',
    temperature: 0,
    max_tokens: 512,
    messages: [
      {
        role: 'system',
        content:
          'You are the support assistant of an online shop. Answer briefly and politely, in the language of the question, and never invent order details.',
      },
      {
        role: 'user',
        content: `Hello, I ordered a pair of shoes last week (order ${100000 + index}) and they have not arrived yet. Can you tell me where my parcel is?`,
      },
      {
        role: 'assistant',
        content:
          'I am sorry for the wait. Could you confirm the e-mail address used for the order so I can look it up?',
      },
      {
        role: 'user',
        content: `Sure, it is customer${index}@example.com. I would also like to know whether I can still change the delivery address.`,
      },
    ],
  };
  return call;
}

/** Fills `store` with `entries` answers and times `lookups` lookups (half hits, half misses). */
export async function measureExactLookup(input: {
  store: CacheStore;
  entries: number;
  lookups: number;
}): Promise<ExactLookupReport> {
  const answer = JSON.stringify(loadJson(ownFixturePath('openai/chat-text.json')));
  for (let index = 0; index < input.entries; index += 1) {
    const key = exactCacheKey(callFor(index)) ?? '';
    await input.store.set(
      key,
      encodeCacheEntry({
        version: 1,
        status: 200,
        streamed: false,
        headers: { 'x-podium-provider': 'openai' },
        body: answer,
        storedAt: 0,
      }),
      3_600_000,
    );
  }
  const calls = Array.from({ length: input.lookups }, (_, index) =>
    callFor(index % 2 === 0 ? index % input.entries : input.entries + index),
  );
  const samples = new Float64Array(input.lookups);
  let found = 0;
  for (const [index, call] of calls.entries()) {
    const started = process.hrtime.bigint();
    const text = await input.store.get(exactCacheKey(call) ?? '');
    if (text !== undefined && decodeCacheEntry(text) !== undefined) found += 1;
    samples[index] = microsecondsSince(started);
  }
  if (found !== Math.ceil(input.lookups / 2))
    throw new Error(`expected ${Math.ceil(input.lookups / 2)} hits, got ${found}`);
  return {
    store: input.store.kind,
    entries: input.entries,
    lookups: input.lookups,
    microseconds: percentiles(samples),
  };
}
