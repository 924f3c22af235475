import { afterEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestGateway, type TestGateway } from '../testkit/index.js';
import { answerText, readAnswer } from './read-answer.js';
import { runInternalCall } from './run-internal-call.js';
import { teeSink } from './tee-sink.js';
import type { Executor } from './execute-call.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json')) as { choices: { message: { content: string } }[] };
const expected = chatText.choices[0]?.message.content ?? '';

describe('internal calls and captured answers', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => gateway?.close());

  it('reads the same answer from a whole and a streamed response', async () => {
    gateway = await startTestGateway({
      providers: { openai: 'openai' },
      models: { fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] } },
    });
    const upstream = gateway.upstreams.openai;
    upstream?.enqueue({ json: chatText });
    upstream?.enqueue({ events: loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true }) });
    const protocol = gateway.codecs.upstreams.get('openai-chat');
    if (!protocol) throw new Error('no openai codec');
    const whole = await gateway.call({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    const streamed = await gateway.call({ model: 'fast', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const wholeAnswer = readAnswer(whole.response, protocol);
    const streamedAnswer = readAnswer(streamed.response, protocol);
    expect(wholeAnswer && answerText(wholeAnswer)).toBe(expected);
    expect(streamed.response.streamed).toBe(true);
    expect(streamedAnswer && answerText(streamedAnswer).length).toBeGreaterThan(0);
    // Podium asked for the usage chunk itself and held it back, so the client's stream (and this copy) has none.
    expect(streamedAnswer?.finishReason).toBe('stop');
  });

  it('runs an internal call through the pipeline with the parent credential and an internal tag', async () => {
    const copies: string[] = [];
    const capture =
      (inner: Executor): Executor =>
      async (call, sink, settle) => {
        const tee = teeSink(sink);
        await inner(call, tee, settle);
        copies.push(tee.captured().body);
      };
    gateway = await startTestGateway({
      providers: { openai: 'openai' },
      models: { fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] } },
      decorate: (executor) => capture(executor),
    });
    gateway.upstreams.openai?.enqueue({ json: chatText });
    gateway.upstreams.openai?.enqueue({ json: chatText });
    const parent = await gateway.call(
      { model: 'fast', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-podium-tags': 'env=prod' } },
    );
    const internal = await runInternalCall(gateway.gateway(), {
      parent: parent.call,
      kind: 'shadow',
      body: { model: 'fast', messages: [{ role: 'user', content: 'again' }] },
    });
    expect(internal.call.internal).toBe('shadow');
    expect(internal.call.tags).toEqual({ env: 'prod', 'podium.internal': 'shadow' });
    expect(internal.call.id.startsWith(`${parent.call.id}.shadow.`)).toBe(true);
    expect(internal.response.status).toBe(200);
    expect(JSON.parse(internal.response.body)).toEqual(chatText);
    expect(copies).toHaveLength(2);
    expect(gateway.upstreams.openai?.requests.at(-1)?.json).toMatchObject({
      messages: [{ role: 'user', content: 'again' }],
    });
  });

  it('reports an internal failure in the response instead of throwing', async () => {
    gateway = await startTestGateway({
      providers: { openai: 'openai' },
      models: { fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] } },
    });
    const parent = await gateway.call({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    const internal = await runInternalCall(gateway.gateway(), {
      parent: parent.call,
      kind: 'cascade',
      body: { model: 'nope', messages: [{ role: 'user', content: 'x' }] },
    });
    expect(internal.response.error?.code).toBe('model_not_found');
    expect(internal.response.status).toBe(404);
  });
});
