import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../contract/index.js';
import { fixtureJson, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { fromChatResult } from './from-chat-result.js';
import { toChatResult } from './to-chat-result.js';

describe('toChatResult', () => {
  it('reads a text completion', () => {
    expect(toChatResult(fixtureJson('openai/chat-text.json'))).toMatchInlineSnapshot(`
      {
        "content": [
          {
            "text": "Violin, viola, cello — the café quartet's core 🎻. Add a double bass for an orchestra.",
            "type": "text",
          },
        ],
        "finishReason": "stop",
        "id": "chatcmpl-PdmT3xtFixture0001aBcDeFgHiJ",
        "model": "gpt-4.1-mini-2025-04-14",
        "usage": {
          "cacheReadTokens": 0,
          "cacheWriteTokens": 0,
          "inputTokens": 14,
          "outputTokens": 22,
          "reasoningTokens": 0,
        },
      }
    `);
  });

  it('reads parallel tool calls and cached prompt tokens', () => {
    const result = toChatResult(fixtureJson('openai/chat-tool-call.json'));
    expect(result.finishReason).toBe('tool-calls');
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_Lis8bon0Forecast1aBcDe',
        name: 'get_forecast',
        arguments: '{"city":"Lisbon","days":3}',
      },
      {
        type: 'tool-call',
        id: 'call_P0rto0Forecast2fGhIjKl',
        name: 'get_forecast',
        arguments: '{"city":"Porto","days":3}',
      },
    ]);
    expect(result.usage).toEqual({
      inputTokens: 1182,
      outputTokens: 52,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('keeps a refusal as text and maps content_filter', () => {
    const result = toChatResult({
      id: 'c',
      model: 'm',
      choices: [{ message: { content: null, refusal: 'I cannot help with that.' }, finish_reason: 'content_filter' }],
    });
    expect(result.content).toEqual([{ type: 'text', text: 'I cannot help with that.' }]);
    expect(result.finishReason).toBe('content-filter');
  });

  it('refuses a body that is not a completion', () => {
    expect(() => toChatResult({ choices: 'nope' })).toThrow(
      expect.objectContaining({ code: 'upstream_protocol_error' }),
    );
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('toChatResult on recorded traffic', wire), () => {
  const dir = wire ?? '';
  it('reads OpenAI text with exact usage', () => {
    const result = toChatResult(wireJson(dir, 'openai/chat/openai-text.json'));
    expect(result.model).toBe('gpt-4.1-nano-2025-04-14');
    expect(result.content[0]?.type).toBe('text');
    expect(result.usage).toEqual({
      inputTokens: 16,
      outputTokens: 363,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("reads xAI's tool call; its completion_tokens exclude reasoning, so reasoning is added back", () => {
    const result = toChatResult(wireJson(dir, 'openai-compatible/chat/xai-tool-call.json'));
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'call_46427107', name: 'weather', arguments: '{"location":"San Francisco"}' },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    // total_tokens 588 = 307 prompt + 26 completion + 255 reasoning.
    expect(result.usage).toEqual({
      inputTokens: 307,
      outputTokens: 281,
      cacheReadTokens: 244,
      cacheWriteTokens: 0,
      reasoningTokens: 255,
    });
  });

  it('reads an Azure-hosted DeepSeek completion', () => {
    const result = toChatResult(wireJson(dir, 'azure/azure-deepseek-reasoning.1.json'));
    expect(result.usage).toEqual({
      inputTokens: 19,
      outputTokens: 1969,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });
});

describe('fromChatResult', () => {
  it('writes an exact chat.completion body', () => {
    const result: ChatResult = {
      id: 'msg_01abc',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'toolu_1', name: 'get_forecast', arguments: '{"city":"Lisbon"}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 120, outputTokens: 40, cacheReadTokens: 100, cacheWriteTokens: 10, reasoningTokens: 12 },
    };
    expect(fromChatResult(result, { model: 'smart', created: 1767225600 })).toMatchInlineSnapshot(`
      {
        "choices": [
          {
            "finish_reason": "tool_calls",
            "index": 0,
            "logprobs": null,
            "message": {
              "annotations": [],
              "content": "Checking.",
              "refusal": null,
              "role": "assistant",
              "tool_calls": [
                {
                  "function": {
                    "arguments": "{"city":"Lisbon"}",
                    "name": "get_forecast",
                  },
                  "id": "toolu_1",
                  "type": "function",
                },
              ],
            },
          },
        ],
        "created": 1767225600,
        "id": "msg_01abc",
        "model": "smart",
        "object": "chat.completion",
        "usage": {
          "completion_tokens": 40,
          "completion_tokens_details": {
            "accepted_prediction_tokens": 0,
            "audio_tokens": 0,
            "reasoning_tokens": 12,
            "rejected_prediction_tokens": 0,
          },
          "prompt_tokens": 120,
          "prompt_tokens_details": {
            "audio_tokens": 0,
            "cached_tokens": 100,
          },
          "total_tokens": 160,
        },
      }
    `);
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool-calls', 'tool_calls'],
    ['content-filter', 'content_filter'],
    ['other', 'stop'],
  ] as const)('maps finish reason %s to %s, and back', (canonical, openai) => {
    const body = fromChatResult(
      {
        id: 'x',
        model: 'm',
        content: [],
        finishReason: canonical,
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      },
      { model: 'm', created: 0 },
    );
    expect(body.choices[0]?.finish_reason).toBe(openai);
    expect(body.choices[0]?.message.content).toBeNull();
    if (canonical !== 'other') expect(toChatResult(body).finishReason).toBe(canonical);
  });

  it('round-trips the fixtures through the canonical result', () => {
    for (const path of ['openai/chat-text.json', 'openai/chat-tool-call.json']) {
      const result = toChatResult(fixtureJson(path));
      expect(toChatResult(fromChatResult(result, { model: result.model }))).toEqual(result);
    }
  });
});
