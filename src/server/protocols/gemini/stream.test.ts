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
import { GeminiStreamDecoder } from './stream-decoder.js';
import { GeminiStreamUsage } from './stream-usage.js';
import { parseJsonPath, StreamedArguments } from './streamed-arguments.js';

function decodeAll(chunks: readonly unknown[]): StreamPart[] {
  let next = 0;
  const decoder = new GeminiStreamDecoder({ generateId: () => `call_${next++}` });
  return [...chunks.flatMap((chunk) => decoder.decode(chunk)), ...decoder.finish()];
}

describe('GeminiStreamDecoder', () => {
  it('decodes text, taking the usage of the last chunk', () => {
    const { start, text, ends } = assemble(decodeAll(fixtureChunks('gemini/text.chunks.txt')));
    expect(start).toEqual({ type: 'response-start', id: 'PdmFxTxt0002nOpQrStUvWxYz', model: 'gemini-2.5-flash' });
    expect(text).toBe('A haiku needs three lines: five syllables, then seven, then five again.');
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'stop', usage: usage(11, 315, { reasoningTokens: 298 }) },
    ]);
  });

  it('emits a whole function call as a start and one delta', () => {
    const parts = decodeAll(fixtureChunks('gemini/function-call.chunks.txt'));
    expect(parts.filter((part) => part.type.startsWith('tool-call'))).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_0', name: 'get_forecast' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Lisbon","days":3}' },
      { type: 'tool-call-start', index: 1, id: 'call_1', name: 'get_forecast' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Porto","days":3}' },
    ]);
    expect(assemble(parts).ends).toEqual([
      {
        type: 'response-end',
        finishReason: 'tool-calls',
        usage: usage(1130, 97, { cacheReadTokens: 1024, reasoningTokens: 61 }),
      },
    ]);
  });

  it('throws the message of an error chunk', () => {
    expect(() =>
      new GeminiStreamDecoder().decode({
        error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
      }),
    ).toThrow(expect.objectContaining({ code: 'upstream_error', message: 'Internal error encountered.' }));
  });
});

describe('StreamedArguments', () => {
  it('parses JSONPath', () => {
    expect(parseJsonPath('$.recipe.ingredients[10].name')).toEqual(['recipe', 'ingredients', 10, 'name']);
    expect(parseJsonPath("$['odd key'].x")).toEqual(['odd key', 'x']);
    expect(parseJsonPath('recipe')).toBeUndefined();
  });

  it('builds nested objects and arrays, joining continued strings', () => {
    const args = new StreamedArguments();
    args.apply([{ jsonPath: '$.steps[0]', stringValue: 'Preheat ', willContinue: true }]);
    args.apply([{ jsonPath: '$.steps[0]', stringValue: 'the oven.', willContinue: true }]);
    args.apply([{ jsonPath: '$.steps[0]', stringValue: '' }]);
    args.apply([{ jsonPath: '$.steps[1]', stringValue: 'Bake.' }]);
    args.apply([
      { jsonPath: '$.meta.serves', numberValue: 4 },
      { jsonPath: '$.meta.vegan', boolValue: false },
      { jsonPath: '$.meta.note', nullValue: null },
    ]);
    expect(JSON.parse(args.toJson())).toEqual({
      steps: ['Preheat the oven.', 'Bake.'],
      meta: { serves: 4, vegan: false, note: null },
    });
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('GeminiStreamDecoder on recorded traffic', wire), () => {
  const dir = wire ?? '';
  const decodeWire = (path: string) => assemble(decodeAll(wireChunks(dir, `google/${path}`)));

  it('text: usage exactly as the last chunk says', () => {
    const { text, ends } = decodeWire('google-text.chunks.txt');
    expect(text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'stop', usage: usage(9, 208, { reasoningTokens: 185 }) },
    ]);
  });

  it('a whole function call', () => {
    const { tools, ends } = decodeWire('google-tool-call.chunks.txt');
    expect(tools).toEqual([{ id: 'call_0', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'tool-calls', usage: usage(29, 60, { reasoningTokens: 45 }) },
    ]);
  });

  it('streamed arguments: two calls assembled from JSONPath pieces', () => {
    const { tools, ends } = decodeWire('google-stream-tool-call-arguments.chunks.txt');
    expect(tools).toEqual([
      { id: 'call_0', name: 'getWeather', arguments: '{"location":"Boston"}' },
      { id: 'call_1', name: 'getWeather', arguments: '{"location":"San Francisco"}' },
    ]);
    expect(ends).toEqual([
      { type: 'response-end', finishReason: 'tool-calls', usage: usage(26, 155, { reasoningTokens: 132 }) },
    ]);
  });

  it('streamed arguments: nested objects and arrays', () => {
    const { tools } = decodeWire('google-vertex-stream-tool-call-arguments-nested.1.chunks.txt');
    const args = JSON.parse(tools[0]?.arguments ?? '') as {
      recipe: { name: string; ingredients: unknown[]; steps: string[] };
    };
    expect(args.recipe.name).toBe('Lasagna');
    expect(args.recipe.ingredients).toHaveLength(10);
    expect(args.recipe.ingredients[0]).toEqual({ amount: '16 oz', name: 'Lasagna noodles' });
    expect(args.recipe.steps[1]).toBe('Cook lasagna noodles according to package directions, drain and set aside.');
  });

  it('streamed arguments that end without a closing piece', () => {
    const { tools } = decodeWire('google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt');
    expect(JSON.parse(tools[0]?.arguments ?? '')).toEqual({
      operations: [
        { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
        { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
      ],
    });
  });

  it('a call without arguments, then streamed ones; thought text skipped', () => {
    const { text, tools } = decodeWire('google-stream-no-args-tool-call.chunks.txt');
    expect(text).toBe('');
    expect(tools.map((tool) => [tool.name, tool.arguments])).toEqual([
      ['read_theme', '{}'],
      ['read_screen', '{"id":"A"}'],
      ['read_screen', '{"id":"B"}'],
      ['read_screen', '{"id":"C"}'],
    ]);
  });

  it('GeminiStreamUsage agrees with the decoder', () => {
    const tracker = new GeminiStreamUsage();
    for (const frame of chunkLines(wireText(dir, 'google/google-stream-tool-call-arguments.chunks.txt')))
      tracker.observe(frame);
    expect(tracker.usage()).toEqual(usage(26, 155, { reasoningTokens: 132 }));
  });
});

describe('GeminiStreamUsage', () => {
  it('parses only the last payload with counts, and only when asked', () => {
    const tracker = new GeminiStreamUsage();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const frame of chunkLines(fixtureText('gemini/text.chunks.txt'))) tracker.observe(frame);
      expect(parse).not.toHaveBeenCalled();
      expect(tracker.usage()).toEqual(usage(11, 315, { reasoningTokens: 298 }));
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
