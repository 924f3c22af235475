import { describe, expect, it } from 'vitest';
import { createGatewayCall, type GatewayCall } from '../gateway/index.js';
import { testCaller } from '../testkit/index.js';
import { exactCacheKey, semanticPartitionKey } from './cache-keys.js';
import { readConversation } from './conversation.js';

function callWith(body: Record<string, unknown>, overrides: Partial<GatewayCall> = {}): GatewayCall {
  const call = createGatewayCall({
    id: 'c',
    surface: 'openai-chat',
    credential: undefined,
    headers: {},
    rawBody: Buffer.from(''),
    startedAt: 0,
  });
  Object.assign(call, {
    body,
    caller: testCaller,
    requestedModel: body.model,
    stream: body.stream === true,
    ...overrides,
  });
  return call;
}

const base = { model: 'fast', messages: [{ role: 'user', content: 'Hi' }], temperature: 0 };

describe('exactCacheKey', () => {
  it('ignores fields that do not change the answer', () => {
    const key = exactCacheKey(callWith(base));
    expect(
      exactCacheKey(
        callWith({
          ...base,
          user: 'u1',
          safety_identifier: 'x',
          prompt_cache_key: 'p',
          stream_options: { include_usage: true },
        }),
      ),
    ).toBe(key);
    expect(exactCacheKey(callWith({ ...base, metadata: { user_id: 'end-user' } }))).toBe(
      exactCacheKey(callWith({ ...base, metadata: {} })),
    );
  });

  it('changes with the conversation, parameters, stream options of a stream, alias, surface and tenant', () => {
    const key = exactCacheKey(callWith(base));
    const variants = [
      callWith({ ...base, messages: [{ role: 'user', content: 'Hi!' }] }),
      callWith({ ...base, temperature: 1 }),
      callWith({ ...base, stream: true }),
      callWith({ ...base, model: 'other' }),
      callWith(base, { surface: 'openai-responses' }),
      callWith(base, { caller: { ...testCaller, teamId: 'team_other' } }),
      callWith(base, { caller: { ...testCaller, orgId: 'org_other' } }),
    ];
    const keys = new Set([key, ...variants.map((call) => exactCacheKey(call))]);
    expect(keys.size).toBe(variants.length + 1);
    expect(exactCacheKey(callWith({ ...base, stream: true, stream_options: { include_usage: true } }))).not.toBe(
      exactCacheKey(callWith({ ...base, stream: true })),
    );
  });

  it('has no key for a call without a tenant or an alias', () => {
    expect(exactCacheKey(callWith(base, { caller: undefined }))).toBeUndefined();
    expect(exactCacheKey(callWith(base, { requestedModel: undefined }))).toBeUndefined();
  });

  it('keeps the keys of entries stored before canonical JSON had one home (fixed vector from that code)', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { b: 1, a: [true, null] } } }];
    const body = { model: 'fast', messages: [{ role: 'user', content: 'Hé 😀' }], temperature: 0.2, tools, user: 'u1' };
    expect(exactCacheKey(callWith(body))).toBe('x:ZEpC--Tlo6Spqg88FWGWMtDifP7GRWhebdgoIvawupA');
  });

  it('has no key, rather than the key of null, for a body holding a number JSON cannot carry', () => {
    // `{"temperature":1e999}` parses to Infinity; the cache's former copy keyed it as `null`, the audit's threw.
    const body = JSON.parse(
      '{"model":"fast","messages":[{"role":"user","content":"Hi"}],"temperature":1e999}',
    ) as Record<string, unknown>;
    expect(exactCacheKey(callWith(body))).toBeUndefined();
    const conversation = readConversation('openai-chat', body);
    expect(conversation).toBeDefined();
    if (conversation !== undefined) expect(semanticPartitionKey(callWith(body), conversation)).toBeUndefined();
  });
});

describe('semanticPartitionKey', () => {
  const partition = (body: Record<string, unknown>, overrides: Partial<GatewayCall> = {}): string | undefined => {
    const call = callWith(body, overrides);
    const conversation = readConversation(call.surface, call.body);
    return conversation && semanticPartitionKey(call, conversation);
  };

  it('leaves the wording out but keeps the parameters, the system prompt and the roles', () => {
    const key = partition(base);
    expect(partition({ ...base, messages: [{ role: 'user', content: 'Hello there' }] })).toBe(key);
    expect(partition({ ...base, temperature: 1 })).not.toBe(key);
    expect(
      partition({
        ...base,
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Hi' },
        ],
      }),
    ).not.toBe(key);
    expect(partition({ ...base, messages: [{ role: 'assistant', content: 'Hi' }] })).not.toBe(key);
    expect(partition(base, { caller: { ...testCaller, teamId: 'team_other' } })).not.toBe(key);
  });
});
