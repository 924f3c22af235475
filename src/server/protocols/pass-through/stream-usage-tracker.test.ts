import { describe, expect, it, vi } from 'vitest';
import type { StreamPart } from '../../../contract/index.js';
import { AnthropicStreamDecoder } from '../anthropic-messages/stream-decoder.js';
import { GeminiStreamDecoder } from '../gemini/stream-decoder.js';
import { OpenAIChatStreamDecoder } from '../openai-chat/stream-decoder.js';
import { chunkLines, fixtureText } from '../recorded.test-suite.js';
import { createStreamUsageTracker } from './stream-usage-tracker.js';

interface Decoder {
  decode(chunk: unknown): StreamPart[];
  finish(): StreamPart[];
}

interface Case {
  path: string;
  protocol: 'openai-chat' | 'anthropic-messages' | 'gemini';
  createDecoder: () => Decoder;
  parses: number;
}

const cases: Case[] = [
  {
    path: 'openai/chat-text.chunks.txt',
    protocol: 'openai-chat',
    createDecoder: () => new OpenAIChatStreamDecoder(),
    parses: 1,
  },
  {
    path: 'openai/chat-tool-call.chunks.txt',
    protocol: 'openai-chat',
    createDecoder: () => new OpenAIChatStreamDecoder(),
    parses: 1,
  },
  {
    path: 'anthropic/text.chunks.txt',
    protocol: 'anthropic-messages',
    createDecoder: () => new AnthropicStreamDecoder(),
    parses: 2,
  },
  {
    path: 'anthropic/tool-use.chunks.txt',
    protocol: 'anthropic-messages',
    createDecoder: () => new AnthropicStreamDecoder(),
    parses: 2,
  },
  { path: 'gemini/text.chunks.txt', protocol: 'gemini', createDecoder: () => new GeminiStreamDecoder(), parses: 1 },
  {
    path: 'gemini/function-call.chunks.txt',
    protocol: 'gemini',
    createDecoder: () => new GeminiStreamDecoder(),
    parses: 1,
  },
];

describe('createStreamUsageTracker', () => {
  it.each(cases)(
    '$path: the same usage as the full decoder, parsing $parses frame(s)',
    ({ path, protocol, createDecoder, parses }) => {
      const frames = chunkLines(fixtureText(path));
      const decoder = createDecoder();
      const parts = [...frames.flatMap((frame) => decoder.decode(JSON.parse(frame))), ...decoder.finish()];
      const end = parts.find((part) => part.type === 'response-end');

      const tracker = createStreamUsageTracker(protocol);
      const parse = vi.spyOn(JSON, 'parse');
      try {
        for (const frame of frames) tracker.observe(frame);
        expect(tracker.usage()).toEqual(end?.type === 'response-end' ? end.usage : 'no end');
        expect(parse).toHaveBeenCalledTimes(parses);
      } finally {
        parse.mockRestore();
      }
    },
  );

  it('reads Responses streams, and says nothing for a stream without usage', () => {
    const tracker = createStreamUsageTracker('openai-responses');
    for (const frame of chunkLines(fixtureText('openai/responses-text.chunks.txt'))) tracker.observe(frame);
    expect(tracker.usage()).toMatchObject({ inputTokens: 21, outputTokens: 9 });
    const empty = createStreamUsageTracker('openai-chat');
    empty.observe('{"choices":[{"delta":{"content":"hi"}}]}');
    empty.observe('[DONE]');
    expect(empty.usage()).toBeUndefined();
  });
});
