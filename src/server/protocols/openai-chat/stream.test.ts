import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import type { StreamPart } from '../../../contract/index.js';
import { assemble, usage } from '../stream-parts.test-suite.js';
import {
  chunkLines,
  fixtureChunks,
  fixtureText,
  wireChunks,
  wireDataDir,
  wireSuiteTitle,
  wireText,
} from '../recorded.test-suite.js';
import { formatSse } from '../sse/format-sse.js';
import { SseParser } from '../sse/sse-parser.js';
import { OpenAIChatStreamDecoder } from './stream-decoder.js';
import { OPENAI_STREAM_DONE, OpenAIChatStreamEncoder } from './stream-encoder.js';
import { usageFromOpenAIChatChunk } from './stream-usage.js';

function decodeAll(chunks: readonly unknown[]): StreamPart[] {
  const decoder = new OpenAIChatStreamDecoder();
  return [...chunks.flatMap((chunk) => decoder.decode(chunk)), ...decoder.finish()];
}

describe('OpenAIChatStreamDecoder', () => {
  it('decodes a text stream: one start, the text, one end with the usage of the last chunk', () => {
    const { start, text, ends } = assemble(decodeAll(fixtureChunks('openai/chat-text.chunks.txt')));
    expect(start).toEqual({
      type: 'response-start',
      id: 'chatcmpl-PdmT3xtFixture0002kLmNoPqRsTu',
      model: 'gpt-4.1-mini-2025-04-14',
    });
    expect(text).toBe("Violin, viola, cello — the café quartet's core 🎻. Add a double bass for an orchestra.");
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'stop', usage: usage(14, 22) }]);
  });

  it('decodes streamed tool-call argument deltas by index', () => {
    const parts = decodeAll(fixtureChunks('openai/chat-tool-call.chunks.txt'));
    const { tools, ends } = assemble(parts);
    expect(tools).toEqual([
      { id: 'call_Lis8bon0Forecast1aBcDe', name: 'get_forecast', arguments: '{"city":"Lisbon","days":3}' },
      { id: 'call_P0rto0Forecast2fGhIjKl', name: 'get_forecast', arguments: '{"city":"Porto","days":3}' },
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-start')).toHaveLength(2);
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'tool-calls', usage: usage(1182, 52, { cacheReadTokens: 1024 }) },
    ]);
  });

  it('holds the end until the usage chunk, and releases it on finish() when usage never comes', () => {
    const decoder = new OpenAIChatStreamDecoder();
    decoder.decode({ id: 'c', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' } }] });
    expect(
      decoder.decode({ id: 'c', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }),
    ).toEqual([]);
    expect(decoder.finish()).toEqual([{ type: 'response-end', finishReason: 'length', usage: undefined }]);
    expect(decoder.finish()).toEqual([]);
  });

  it('throws the message of an error frame sent mid-stream', () => {
    const decoder = new OpenAIChatStreamDecoder();
    expect(() => decoder.decode({ error: { message: 'The server had an error', type: 'server_error' } })).toThrow(
      expect.objectContaining({ code: 'upstream_error', message: 'The server had an error' }),
    );
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('OpenAIChatStreamDecoder on recorded traffic', wire), () => {
  const dir = wire ?? '';
  it('OpenAI text: usage exactly as the last chunk says', () => {
    const { text, ends } = assemble(decodeAll(wireChunks(dir, 'openai/chat/openai-text.chunks.txt')));
    expect(text.startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'stop', usage: usage(16, 300) }]);
  });

  it('Azure model router: skips the prompt-filter frame and counts reasoning', () => {
    const parts = decodeAll(wireChunks(dir, 'openai/chat/azure-model-router.1.chunks.txt'));
    const { start, text, ends } = assemble(parts);
    expect(start).toEqual({
      type: 'response-start',
      id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
      model: 'gpt-5-nano-2025-08-07',
    });
    expect(text).toBe('Capital of Denmark.');
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'stop', usage: usage(15, 78, { reasoningTokens: 64 }) },
    ]);
  });

  it('xAI tool call: a whole call in one delta, reasoning added to output', () => {
    const { tools, ends } = assemble(decodeAll(wireChunks(dir, 'openai-compatible/chat/xai-tool-call.chunks.txt')));
    expect(tools).toEqual([{ id: 'call_79382389', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    // total_tokens 560 = 307 + 26 + 227 reasoning.
    expect(ends).toEqual([
      {
        type: 'response-end',
        finishReason: 'tool-calls',
        usage: usage(307, 253, { cacheReadTokens: 306, reasoningTokens: 227 }),
      },
    ]);
  });

  it('DeepSeek on Azure: null fields in deltas, usage with null details', () => {
    const { text, ends } = assemble(decodeAll(wireChunks(dir, 'azure/azure-deepseek-reasoning.1.chunks.txt')));
    expect(text.endsWith('🧡💙')).toBe(true);
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'stop', usage: usage(19, 1720) }]);
  });

  it('a raw SSE capture whose tool calls start at index 1 and that ends with [DONE]', () => {
    const parser = new SseParser();
    const events = [
      ...parser.push(wireText(dir, 'openai-compatible/chat/anthropic-fallback-tool-call.sse')),
      ...parser.flush(),
    ];
    expect(events.at(-1)?.data).toBe(OPENAI_STREAM_DONE);
    const chunks = events
      .filter((event) => event.data !== OPENAI_STREAM_DONE)
      .map((event) => JSON.parse(event.data) as unknown);
    const { text, tools, ends } = assemble(decodeAll(chunks));
    expect(text).toBe('Reading it.');
    expect(tools).toEqual([{ id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}' }]);
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'tool-calls', usage: undefined }]);
  });
});

const sampleParts: StreamPart[] = [
  { type: 'response-start', id: 'msg_01', model: 'claude-sonnet-4-5' },
  { type: 'text-delta', text: 'Checking ' },
  { type: 'text-delta', text: 'now.' },
  { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'get_forecast' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '"Lisbon"}' },
  {
    type: 'response-end',
    finishReason: 'tool-calls',
    usage: { inputTokens: 30, outputTokens: 12, cacheReadTokens: 10, cacheWriteTokens: 0, reasoningTokens: 0 },
  },
];

function encodeAll(parts: readonly StreamPart[], includeUsage: boolean) {
  const encoder = new OpenAIChatStreamEncoder({ model: 'smart', includeUsage, created: 1767225600 });
  return parts.flatMap((part) => encoder.encode(part));
}

/** A real OpenAI client reading our SSE through its own parser and accumulator. */
async function readWithOpenAISdk(sse: string) {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://podium.invalid/v1',
    fetch: () => Promise.resolve(new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } })),
  });
  const stream = client.chat.completions.stream({
    model: 'smart',
    messages: [{ role: 'user', content: 'Hi' }],
    stream_options: { include_usage: true },
  });
  return stream.finalChatCompletion();
}

describe('OpenAIChatStreamEncoder', () => {
  it('writes chunks shaped like OpenAI: role first, tool_calls deltas, finish, then the usage chunk', () => {
    const chunks = encodeAll(sampleParts, true);
    expect(
      chunks.map((chunk) => [chunk.choices[0]?.delta ?? 'usage', chunk.choices[0]?.finish_reason ?? null]),
    ).toEqual([
      [{ role: 'assistant', content: '', refusal: null }, null],
      [{ content: 'Checking ' }, null],
      [{ content: 'now.' }, null],
      [
        {
          tool_calls: [
            { index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_forecast', arguments: '' } },
          ],
        },
        null,
      ],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '"Lisbon"}' } }] }, null],
      [{}, 'tool_calls'],
      ['usage', null],
    ]);
    expect(chunks[0]).toEqual({
      id: 'msg_01',
      object: 'chat.completion.chunk',
      created: 1767225600,
      model: 'smart',
      choices: [
        { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
      ],
      usage: null,
    });
    expect(chunks.at(-1)).toEqual({
      id: 'msg_01',
      object: 'chat.completion.chunk',
      created: 1767225600,
      model: 'smart',
      choices: [],
      usage: {
        prompt_tokens: 30,
        completion_tokens: 12,
        total_tokens: 42,
        prompt_tokens_details: { cached_tokens: 10, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    });
  });

  it('opens a reply that starts with a tool call in one chunk with content null, as OpenAI does', async () => {
    const toolOnly = sampleParts.filter((part) => part.type !== 'text-delta');
    const chunks = encodeAll(toolOnly, true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_forecast', arguments: '' } }],
      refusal: null,
    });
    expect(chunks).toHaveLength(5);
    const completion = await readWithOpenAISdk(
      chunks.map((chunk) => formatSse(JSON.stringify(chunk))).join('') + formatSse(OPENAI_STREAM_DONE),
    );
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      id: 'toolu_1',
      function: { arguments: '{"city":"Lisbon"}' },
    });
  });

  it('sends the role chunk even for an empty reply', () => {
    const chunks = encodeAll([{ type: 'response-end', finishReason: 'stop', usage: undefined }], true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      {},
    ]);
  });

  it('leaves usage out entirely when the client did not ask for it', () => {
    const chunks = encodeAll(sampleParts, false);
    expect(chunks).toHaveLength(7);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('decodes back to the same parts (the model now being the alias the client asked for)', () => {
    const [start, ...rest] = sampleParts;
    expect(decodeAll(encodeAll(sampleParts, true))).toEqual([{ ...start, model: 'smart' }, ...rest]);
  });

  it('is accepted by the official OpenAI SDK', async () => {
    const sse =
      encodeAll(sampleParts, true)
        .map((chunk) => formatSse(JSON.stringify(chunk)))
        .join('') + formatSse(OPENAI_STREAM_DONE);
    const completion = await readWithOpenAISdk(sse);
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Checking now.',
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'get_forecast', arguments: '{"city":"Lisbon"}' } },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 });
  });

  it('re-encodes a recorded fixture stream that the SDK reads back to the same text', async () => {
    const parts = decodeAll(fixtureChunks('openai/chat-text.chunks.txt'));
    const sse =
      encodeAll(parts, true)
        .map((chunk) => formatSse(JSON.stringify(chunk)))
        .join('') + formatSse(OPENAI_STREAM_DONE);
    const completion = await readWithOpenAISdk(sse);
    expect(completion.choices[0]?.message.content).toBe(
      "Violin, viola, cello — the café quartet's core 🎻. Add a double bass for an orchestra.",
    );
    expect(completion.usage?.prompt_tokens).toBe(14);
  });
});

describe('usageFromOpenAIChatChunk', () => {
  it('finds usage in the last frame and parses no other frame', () => {
    const frames = chunkLines(fixtureText('openai/chat-text.chunks.txt'));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const found = frames.map((frame) => usageFromOpenAIChatChunk(frame));
      expect(parse).toHaveBeenCalledTimes(1);
      expect(found.slice(0, -1).every((value) => value === undefined)).toBe(true);
      expect(found.at(-1)).toEqual(usage(14, 22));
    } finally {
      parse.mockRestore();
    }
  });

  it('accepts spaced JSON from other servers and ignores `[DONE]`', () => {
    expect(usageFromOpenAIChatChunk('{"choices": [], "usage" : {"prompt_tokens": 3, "completion_tokens": 4}}')).toEqual(
      usage(3, 4),
    );
    expect(usageFromOpenAIChatChunk(OPENAI_STREAM_DONE)).toBeUndefined();
    expect(
      usageFromOpenAIChatChunk('{"choices":[{"delta":{"content":"\\"usage\\":{"}}],"usage":null}'),
    ).toBeUndefined();
  });
});
