import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../contract/index.js';
import { fixtureJson, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { fromChatResult } from './from-chat-result.js';
import { toChatResult } from './to-chat-result.js';
import { usageFromAnthropic, usageToAnthropic } from './usage.js';
import { usage } from '../stream-parts.test-suite.js';

describe('toChatResult', () => {
  it('reads a text message', () => {
    expect(toChatResult(fixtureJson('anthropic/text.json'))).toEqual<ChatResult>({
      id: 'msg_01PdmFixtureText00000001',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'Bonjour ! Un café ☕ et un croissant 🥐 — voilà le petit-déjeuner parfait.' }],
      finishReason: 'stop',
      usage: usage(19, 27),
    });
  });

  it('reads text then a tool call, with the input as JSON text', () => {
    const result = toChatResult(fixtureJson('anthropic/tool-use.json'));
    expect(result.content).toEqual([
      { type: 'text', text: "I'll check the forecast for Lisbon." },
      {
        type: 'tool-call',
        id: 'toolu_01PdmFixtureForecast01',
        name: 'get_forecast',
        arguments: '{"city":"Lisbon","days":3}',
      },
    ]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('counts cache reads and writes inside the inclusive input total', () => {
    // input_tokens 15 (uncached) + 1200 written + 2300 read.
    expect(toChatResult(fixtureJson('anthropic/cache-usage.json')).usage).toEqual(
      usage(3515, 48, { cacheReadTokens: 2300, cacheWriteTokens: 1200 }),
    );
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('toChatResult on recorded traffic', wire), () => {
  const dir = wire ?? '';
  it('text', () => {
    const result = toChatResult(wireJson(dir, 'anthropic/anthropic-text.json'));
    expect(result.content).toEqual([
      {
        type: 'text',
        text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
      },
    ]);
    expect(result.usage).toEqual(usage(12, 29));
  });

  it('a JSON tool call with no stop_sequence field', () => {
    const result = toChatResult(wireJson(dir, 'anthropic/anthropic-json-tool.1.json'));
    const call = result.content[0];
    expect(call?.type === 'tool-call' && JSON.parse(call.arguments)).toMatchObject({
      elements: [{ location: 'San Francisco', temperature: -5, condition: 'snowy' }, {}, {}, {}],
    });
    expect(result.usage).toEqual(usage(1151, 87));
  });

  it('a tool call without arguments', () => {
    const result = toChatResult(wireJson(dir, 'anthropic/anthropic-tool-no-args.json'));
    expect(result.content[1]).toEqual({
      type: 'tool-call',
      id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1',
      name: 'updateIssueList',
      arguments: '{}',
    });
    expect(result.usage).toEqual(usage(602, 93));
  });

  it('a refusal, with or without details', () => {
    for (const path of ['anthropic/anthropic-refusal.json', 'anthropic/anthropic-refusal-no-details.json']) {
      expect(toChatResult(wireJson(dir, path))).toMatchObject({
        content: [],
        finishReason: 'content-filter',
        usage: usage(18, 5),
      });
    }
  });

  it('server tool blocks are skipped, the text around them kept', () => {
    const result = toChatResult(wireJson(dir, 'anthropic/anthropic-web-fetch-tool.error.json'));
    expect(result.content.map((part) => part.type)).toEqual(['text', 'text']);
    expect(result.usage).toEqual(usage(1902, 214));
  });
});

describe('fromChatResult', () => {
  it('writes an exact Message body, with input_tokens excluding the cached part', () => {
    const result: ChatResult = {
      id: 'chatcmpl-1',
      model: 'gpt-4.1',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_1', name: 'get_forecast', arguments: '{"city":"Lisbon"}' },
      ],
      finishReason: 'tool-calls',
      usage: usage(1182, 52, { cacheReadTokens: 1024 }),
    };
    expect(fromChatResult(result, { model: 'smart' })).toMatchInlineSnapshot(`
      {
        "content": [
          {
            "text": "Checking.",
            "type": "text",
          },
          {
            "id": "call_1",
            "input": {
              "city": "Lisbon",
            },
            "name": "get_forecast",
            "type": "tool_use",
          },
        ],
        "id": "chatcmpl-1",
        "model": "smart",
        "role": "assistant",
        "stop_reason": "tool_use",
        "stop_sequence": null,
        "type": "message",
        "usage": {
          "cache_creation_input_tokens": 0,
          "cache_read_input_tokens": 1024,
          "input_tokens": 158,
          "output_tokens": 52,
        },
      }
    `);
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool-calls', 'tool_use'],
    ['content-filter', 'refusal'],
    ['other', 'end_turn'],
  ] as const)('maps finish reason %s to %s', (finishReason, stopReason) => {
    expect(
      fromChatResult({ id: 'x', model: 'm', content: [], finishReason, usage: usage(0, 0) }, { model: 'm' })
        .stop_reason,
    ).toBe(stopReason);
  });

  it('round-trips the fixtures through the canonical result', () => {
    for (const path of ['anthropic/text.json', 'anthropic/tool-use.json', 'anthropic/cache-usage.json']) {
      const result = toChatResult(fixtureJson(path));
      expect(toChatResult(fromChatResult(result, { model: result.model }))).toEqual(result);
    }
  });

  it('keeps arguments that are not a JSON object instead of dropping them', () => {
    const body = fromChatResult(
      {
        id: 'x',
        model: 'm',
        content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{"trunc' }],
        finishReason: 'length',
        usage: usage(0, 0),
      },
      { model: 'm' },
    );
    expect(body.content[0]).toEqual({ type: 'tool_use', id: 'c', name: 'f', input: { _raw: '{"trunc' } });
  });
});

describe('usage conversion', () => {
  it('is exact both ways', () => {
    const anthropic = {
      input_tokens: 6,
      cache_creation_input_tokens: 3337,
      cache_read_input_tokens: 6289,
      output_tokens: 198,
    };
    const canonical = usageFromAnthropic(anthropic);
    expect(canonical).toEqual(usage(9632, 198, { cacheReadTokens: 6289, cacheWriteTokens: 3337 }));
    expect(usageToAnthropic(canonical ?? usage(0, 0))).toEqual(anthropic);
  });

  it('reads thinking tokens as reasoning when reported', () => {
    expect(
      usageFromAnthropic({ input_tokens: 10, output_tokens: 90, output_tokens_details: { thinking_tokens: 60 } })
        ?.reasoningTokens,
    ).toBe(60);
  });
});
