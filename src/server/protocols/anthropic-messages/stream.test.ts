import Anthropic from '@anthropic-ai/sdk';
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
import { AnthropicStreamDecoder } from './stream-decoder.js';
import { AnthropicStreamEncoder, type AnthropicStreamEvent } from './stream-encoder.js';
import { AnthropicStreamUsage } from './stream-usage.js';

function decodeAll(events: readonly unknown[]): StreamPart[] {
  const decoder = new AnthropicStreamDecoder();
  return [...events.flatMap((event) => decoder.decode(event)), ...decoder.finish()];
}

describe('AnthropicStreamDecoder', () => {
  it('decodes a text stream, ignoring pings', () => {
    const { starts, text, ends } = assemble(decodeAll(fixtureChunks('anthropic/text.chunks.txt')));
    expect(starts).toEqual([
      { type: 'response-start', id: 'msg_01PdmFixtureText00000002', model: 'claude-sonnet-4-5-20250929' },
    ]);
    expect(text).toBe('Bonjour ! Un café ☕ et un croissant 🥐 — voilà le petit-déjeuner parfait.');
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'stop', usage: usage(19, 28) }]);
  });

  it('decodes a text block then a tool_use block whose partial_json reassembles', () => {
    const parts = decodeAll(fixtureChunks('anthropic/tool-use.chunks.txt'));
    const { text, tools, ends } = assemble(parts);
    expect(text).toBe("I'll check the forecast for Lisbon.");
    expect(tools).toEqual([
      { id: 'toolu_01PdmFixtureForecast02', name: 'get_forecast', arguments: '{"city": "Lisbon", "days": 3}' },
    ]);
    expect(JSON.parse(tools[0]?.arguments ?? '')).toEqual({ city: 'Lisbon', days: 3 });
    // The empty first partial_json is not passed on.
    expect(parts.filter((part) => part.type === 'tool-call-delta')).toHaveLength(3);
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'tool-calls', usage: usage(412, 73) }]);
  });

  it('merges message_start and the cumulative message_delta usage, cache included', () => {
    const { ends } = assemble(decodeAll(fixtureChunks('anthropic/cache-usage.chunks.txt')));
    expect(ends).toEqual([
      {
        type: 'response-end',
        finishReason: 'stop',
        usage: usage(3515, 49, { cacheReadTokens: 2300, cacheWriteTokens: 1200 }),
      },
    ]);
  });

  it('throws the message of a mid-stream error event, after the text before it', () => {
    const decoder = new AnthropicStreamDecoder();
    const events = fixtureChunks('anthropic/stream-error.chunks.txt');
    const before = events.slice(0, -1).flatMap((event) => decoder.decode(event));
    expect(assemble(before).text).toBe('The three laws of');
    expect(() => decoder.decode(events.at(-1))).toThrow(
      expect.objectContaining({ code: 'upstream_error', message: 'Overloaded', status: 529, isRetryable: true }),
    );
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('AnthropicStreamDecoder on recorded traffic', wire), () => {
  const dir = wire ?? '';
  const decodeWire = (path: string) => assemble(decodeAll(wireChunks(dir, `anthropic/${path}`)));

  it('text: usage exactly as message_start and message_delta say', () => {
    const { text, ends } = decodeWire('anthropic-text.chunks.txt');
    expect(text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'stop', usage: usage(12, 30) }]);
  });

  it.each(['anthropic-json-tool.1.chunks.txt', 'anthropic-json-tool.2.chunks.txt'])(
    '%s: tool arguments reassemble to valid JSON',
    (path) => {
      const { tools, ends } = decodeWire(path);
      expect(tools).toHaveLength(1);
      expect(JSON.parse(tools[0]?.arguments ?? '')).toEqual({
        elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
      });
      expect(ends).toEqual([{ type: 'response-end', finishReason: 'tool-calls', usage: usage(849, 47) }]);
    },
  );

  it('a tool call without arguments gets "{}"', () => {
    const { text, tools, ends } = decodeWire('anthropic-tool-no-args.chunks.txt');
    expect(text).toBe("I'll update the issue list for you.");
    expect(tools).toEqual([{ id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', arguments: '{}' }]);
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'tool-calls', usage: usage(565, 48) }]);
  });

  it('message_delta may correct input_tokens', () => {
    expect(decodeWire('anthropic-message-delta-input-tokens.chunks.txt').ends).toEqual([
      { type: 'response-end', finishReason: 'stop', usage: usage(61, 2) },
    ]);
  });

  it('a refusal with no content', () => {
    const { text, ends } = decodeWire('anthropic-refusal.chunks.txt');
    expect(text).toBe('');
    expect(ends).toEqual([{ type: 'response-end', finishReason: 'content-filter', usage: usage(18, 5) }]);
  });

  it('prompt caching with server tools: cumulative cache counts from message_delta', () => {
    const { ends } = decodeWire('anthropic-code-execution-20260120-prompt-cache.1.chunks.txt');
    expect(ends).toEqual([
      {
        type: 'response-end',
        finishReason: 'stop',
        usage: usage(9632, 198, { cacheReadTokens: 6289, cacheWriteTokens: 3337 }),
      },
    ]);
  });

  it('a repeated message_start is ignored; a different one spliced in is refused', () => {
    expect(decodeWire('duplicate-message-start.chunks.txt')).toMatchObject({
      starts: [{ id: 'msg_dup' }],
      text: 'Hello, World!',
    });
    expect(() => decodeWire('spliced-message-start.chunks.txt')).toThrow(
      expect.objectContaining({ code: 'upstream_protocol_error' }),
    );
  });
});

const sampleParts: StreamPart[] = [
  { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4.1' },
  { type: 'text-delta', text: 'Checking ' },
  { type: 'text-delta', text: 'both.' },
  { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_forecast' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '"Lisbon"}' },
  { type: 'tool-call-start', index: 1, id: 'call_2', name: 'get_forecast' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Porto"}' },
  { type: 'response-end', finishReason: 'tool-calls', usage: usage(1182, 52, { cacheReadTokens: 1024 }) },
];

function encodeAll(parts: readonly StreamPart[]): AnthropicStreamEvent[] {
  const encoder = new AnthropicStreamEncoder({ model: 'smart' });
  return parts.flatMap((part) => encoder.encode(part));
}

const toSse = (events: readonly AnthropicStreamEvent[]): string =>
  events.map((event) => formatSse(JSON.stringify(event.data), event.event)).join('');

/** A real Anthropic client reading our SSE through its own parser and accumulator. */
function readWithAnthropicSdk(sse: string) {
  const client = new Anthropic({
    apiKey: 'sk-ant-test',
    baseURL: 'http://podium.invalid',
    fetch: () => Promise.resolve(new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } })),
  });
  return client.messages
    .stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] })
    .finalMessage();
}

describe('AnthropicStreamEncoder', () => {
  it('writes the exact event sequence, with block indexes counting every block', () => {
    const events = encodeAll(sampleParts);
    expect(events.map((event) => [event.event, event.data.index ?? null])).toEqual([
      ['message_start', null],
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['content_block_start', 2],
      ['content_block_delta', 2],
      ['content_block_stop', 2],
      ['message_delta', null],
      ['message_stop', null],
    ]);
    expect(events.every((event) => event.data.type === event.event)).toBe(true);
    expect(events[0]?.data).toEqual({
      type: 'message_start',
      message: {
        id: 'chatcmpl-1',
        type: 'message',
        role: 'assistant',
        model: 'smart',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
      },
    });
    expect(events[5]?.data).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'call_1', name: 'get_forecast', input: {} },
    });
    expect(events[6]?.data).toEqual({
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '{"city":' },
    });
    expect(events[12]?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 158, cache_creation_input_tokens: 0, cache_read_input_tokens: 1024, output_tokens: 52 },
    });
  });

  it('decodes back to the same parts (the model now being the alias the client asked for)', () => {
    const [start, ...rest] = sampleParts;
    expect(decodeAll(encodeAll(sampleParts).map((event) => event.data))).toEqual([
      { ...start, model: 'smart' },
      ...rest,
    ]);
  });

  it('is accepted by the official Anthropic SDK', async () => {
    const message = await readWithAnthropicSdk(toSse(encodeAll(sampleParts)));
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'call_1', name: 'get_forecast', input: { city: 'Lisbon' } },
      { type: 'tool_use', id: 'call_2', name: 'get_forecast', input: { city: 'Porto' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 158, cache_read_input_tokens: 1024, output_tokens: 52 });
  });

  it('re-encodes a recorded fixture stream that the SDK reads back to the same message', async () => {
    const parts = decodeAll(fixtureChunks('anthropic/tool-use.chunks.txt'));
    const message = await readWithAnthropicSdk(toSse(encodeAll(parts)));
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'get_forecast',
      input: { city: 'Lisbon', days: 3 },
    });
    expect(message.usage).toMatchObject({ input_tokens: 412, output_tokens: 73 });
  });

  it('refuses arguments that resume after their block was closed', () => {
    const encoder = new AnthropicStreamEncoder({ model: 'smart' });
    encoder.encode({ type: 'tool-call-start', index: 0, id: 'a', name: 'f' });
    encoder.encode({ type: 'tool-call-start', index: 1, id: 'b', name: 'f' });
    expect(() => encoder.encode({ type: 'tool-call-delta', index: 0, argumentsDelta: '{}' })).toThrow(
      expect.objectContaining({ code: 'upstream_protocol_error' }),
    );
  });
});

describe('AnthropicStreamUsage', () => {
  it('combines message_start and message_delta and parses no other frame', () => {
    const frames = chunkLines(fixtureText('anthropic/cache-usage.chunks.txt'));
    const tracker = new AnthropicStreamUsage();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const frame of frames) tracker.observe(frame);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
    expect(tracker.usage()).toEqual(usage(3515, 49, { cacheReadTokens: 2300, cacheWriteTokens: 1200 }));
  });

  it.skipIf(!wire)('agrees with the decoder on a recorded stream', () => {
    const tracker = new AnthropicStreamUsage();
    for (const frame of chunkLines(wireText(wire ?? '', 'anthropic/anthropic-message-delta-input-tokens.chunks.txt')))
      tracker.observe(frame);
    expect(tracker.usage()).toEqual(usage(61, 2));
  });
});
