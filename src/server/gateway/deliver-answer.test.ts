import { describe, expect, it } from 'vitest';
import type { ChatResult, Surface } from '../../contract/index.js';
import { createCodecs } from './codecs/create-codecs.js';
import { deliverAnswer } from './deliver-answer.js';
import { createGatewayCall } from './gateway-call.js';
import { MemorySink } from './memory-sink.js';
import { readAnswer } from './read-answer.js';

const codecs = createCodecs({ defaultMaxTokens: 1024 });
const result: ChatResult = {
  id: 'chatcmpl-1',
  model: 'gpt-4o-mini',
  content: [
    { type: 'text', text: 'Paris is the capital.' },
    { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"city":"Paris"}' },
  ],
  finishReason: 'tool-calls',
  usage: { inputTokens: 12, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
};

function deliver(surface: Surface, stream: boolean) {
  const call = createGatewayCall({
    id: 'c1',
    surface,
    credential: undefined,
    headers: {},
    rawBody: Buffer.from('{}'),
    startedAt: 0,
  });
  call.stream = stream;
  call.requestedModel = 'smart';
  call.body = stream && surface === 'openai-chat' ? { stream_options: { include_usage: true } } : {};
  const sink = new MemorySink(new AbortController().signal);
  const codec = codecs.surfaces.get(surface);
  if (!codec) throw new Error('no codec');
  deliverAnswer({ call, sink, surface: codec, result, headers: { 'x-podium-route': 'cascade' } });
  return { call, captured: sink.captured() };
}

describe('deliverAnswer', () => {
  for (const surface of ['openai-chat', 'anthropic-messages'] as const) {
    const protocol = codecs.upstreams.get(surface);
    for (const stream of [false, true]) {
      it(`${surface} ${stream ? 'streamed' : 'whole'}: the client reads back the same answer under the alias it asked for`, () => {
        const { call, captured } = deliver(surface, stream);
        expect(call.status).toBe(200);
        expect(captured.streamed).toBe(stream);
        expect(captured.headers['x-podium-route']).toBe('cascade');
        const read = protocol && readAnswer(captured, protocol);
        expect(read?.content).toEqual(result.content);
        expect(read?.finishReason).toBe('tool-calls');
        expect(read?.model).toBe('smart');
      });
    }
  }
});
