import { describe, expect, it } from 'vitest';

import { fixtureJson, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { toChatResult } from './to-chat-result.js';
import { usage } from '../stream-parts.test-suite.js';

const sequentialIds = () => {
  let next = 0;
  return () => `call_${next++}`;
};

describe('toChatResult (Gemini)', () => {
  it('reads text, with thoughts counted as output', () => {
    expect(toChatResult(fixtureJson('gemini/text.json'))).toEqual({
      id: 'PdmFxTxt0001aBcDeFgHiJkLm',
      model: 'gemini-2.5-flash',
      content: [{ type: 'text', text: 'A haiku needs three lines: five syllables, then seven, then five again.' }],
      finishReason: 'stop',
      usage: usage(11, 329, { reasoningTokens: 312 }),
    });
  });

  it('reads parallel function calls with generated ids, and cached prompt tokens', () => {
    const result = toChatResult(fixtureJson('gemini/function-call.json'), { generateId: sequentialIds() });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'call_0', name: 'get_forecast', arguments: '{"city":"Lisbon","days":3}' },
      { type: 'tool-call', id: 'call_1', name: 'get_forecast', arguments: '{"city":"Porto","days":3}' },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.usage).toEqual(usage(1130, 97, { cacheReadTokens: 1024, reasoningTokens: 61 }));
  });

  it('generates distinct ids by default', () => {
    const [first, second] = toChatResult(fixtureJson('gemini/function-call.json')).content;
    expect(first?.type === 'tool-call' && first.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(first?.type === 'tool-call' && second?.type === 'tool-call' && first.id !== second.id).toBe(true);
  });

  it('maps finish reasons, including a prompt blocked before any candidate', () => {
    expect(
      toChatResult({ candidates: [{ content: { parts: [{ text: 'a' }] }, finishReason: 'MAX_TOKENS' }] }).finishReason,
    ).toBe('length');
    expect(toChatResult({ candidates: [{ content: { parts: [] }, finishReason: 'SAFETY' }] }).finishReason).toBe(
      'content-filter',
    );
    expect(
      toChatResult({ candidates: [{ content: { parts: [] }, finishReason: 'MALFORMED_FUNCTION_CALL' }] }).finishReason,
    ).toBe('other');
    expect(toChatResult({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } })).toMatchObject({
      content: [],
      finishReason: 'content-filter',
    });
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('toChatResult (Gemini) on recorded traffic', wire), () => {
  const dir = wire ?? '';
  it('text with a thought signature', () => {
    const result = toChatResult(wireJson(dir, 'google/google-text.json'));
    expect(result.content).toEqual([
      { type: 'text', text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y." },
    ]);
    expect(result.usage).toEqual(usage(9, 272, { reasoningTokens: 244 }));
  });

  it('a function call', () => {
    const result = toChatResult(wireJson(dir, 'google/google-tool-call.json'), { generateId: sequentialIds() });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'call_0', name: 'weather', arguments: '{"location":"San Francisco"}' },
    ]);
    expect(result).toMatchObject({
      finishReason: 'tool-calls',
      model: 'gemini-3-pro-preview',
      usage: usage(29, 908, { reasoningTokens: 893 }),
    });
  });
});
