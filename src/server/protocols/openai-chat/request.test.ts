import { describe, expect, it } from 'vitest';
import { PodiumError, type ChatRequest } from '../../../contract/index.js';
import { fromChatRequest } from './from-chat-request.js';
import { parseOpenAIChatRequest } from './parse-request.js';
import { toChatRequest } from './to-chat-request.js';

const minimal = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] };

function rejection(body: unknown): { message: string; param: string | undefined; code: string } {
  try {
    parseOpenAIChatRequest(body);
  } catch (error) {
    if (error instanceof PodiumError) return { message: error.message, param: error.param, code: error.code };
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseOpenAIChatRequest', () => {
  it('accepts a full body, keeps unknown fields and accepts null for optional ones', () => {
    const body = {
      ...minimal,
      temperature: null,
      stop: null,
      tools: null,
      stream_options: null,
      reasoning_effort: 'low',
      metadata: { trace: 'abc' },
      prediction: { type: 'content', content: 'x' },
    };
    const parsed = parseOpenAIChatRequest(body);
    expect(parsed).toEqual(body);
  });

  it.each([
    [{}, { message: "Missing required parameter: 'model'.", param: 'model' }],
    [{ model: 'm' }, { message: "Missing required parameter: 'messages'.", param: 'messages' }],
    [
      { model: '', messages: minimal.messages },
      {
        message:
          "Invalid 'model': empty string. Expected a string with minimum length 1, but got an empty string instead.",
        param: 'model',
      },
    ],
    [
      { model: 'm', messages: [] },
      {
        message:
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param: 'messages',
      },
    ],
    [
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      {
        message:
          "Invalid value: 'robot'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.",
        param: 'messages[0].role',
      },
    ],
    [
      { model: 'm', messages: [{ content: 'x' }] },
      { message: "Missing required parameter: 'messages[0].role'.", param: 'messages[0].role' },
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: 42 }] },
      {
        message:
          "Invalid type for 'messages[0].content': expected one of a string or an array, but got an integer instead.",
        param: 'messages[0].content',
      },
    ],
    [
      { model: 'm', messages: [{ role: 'user' }] },
      { message: "Missing required parameter: 'messages[0].content'.", param: 'messages[0].content' },
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 7 }] }] },
      {
        message: "Invalid type for 'messages[0].content[0].text': expected a string, but got an integer instead.",
        param: 'messages[0].content[0].text',
      },
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] },
      {
        message: "Invalid value: 'video'. Supported values are: 'text', 'image_url', 'input_audio', and 'file'.",
        param: 'messages[0].content[0].type',
      },
    ],
    [
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      { message: "Missing required parameter: 'messages[0].tool_call_id'.", param: 'messages[0].tool_call_id' },
    ],
    [
      { ...minimal, temperature: 3 },
      {
        message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
        param: 'temperature',
      },
    ],
    [
      { ...minimal, temperature: '1' },
      {
        message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        param: 'temperature',
      },
    ],
    [
      { ...minimal, max_tokens: 0 },
      {
        message: "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        param: 'max_tokens',
      },
    ],
    [
      { ...minimal, max_completion_tokens: 1.5 },
      {
        message: "Invalid type for 'max_completion_tokens': expected an integer, but got a decimal instead.",
        param: 'max_completion_tokens',
      },
    ],
    [
      { ...minimal, stream: 'yes' },
      { message: "Invalid type for 'stream': expected a boolean, but got a string instead.", param: 'stream' },
    ],
    [
      { ...minimal, stop: 5 },
      {
        message: "Invalid type for 'stop': expected one of a string or an array, but got an integer instead.",
        param: 'stop',
      },
    ],
    [
      { ...minimal, tool_choice: 'sometimes' },
      {
        message: "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.",
        param: 'tool_choice',
      },
    ],
    [
      { ...minimal, tools: [{ type: 'function', function: {} }] },
      { message: "Missing required parameter: 'tools[0].function.name'.", param: 'tools[0].function.name' },
    ],
    [
      { ...minimal, response_format: { type: 'json_schema', json_schema: { schema: {} } } },
      {
        message: "Missing required parameter: 'response_format.json_schema.name'.",
        param: 'response_format.json_schema.name',
      },
    ],
    [
      { ...minimal, user: 12 },
      { message: "Invalid type for 'user': expected a string, but got an integer instead.", param: 'user' },
    ],
    [
      [],
      { message: 'Invalid type for the request body: expected an object, but got an array instead.', param: undefined },
    ],
  ])('rejects %j naming the field', (body, expected) => {
    expect(rejection(body)).toEqual({ ...expected, code: 'invalid_request' });
  });
});

/** A body already in the form fromChatRequest writes, so the round trip must reproduce it exactly. */
const canonicalBody = {
  model: 'gpt-4.1-mini',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Forecast for Lisbon and Porto?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_forecast', arguments: '{"city":"Lisbon"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_forecast', arguments: '{"city":"Porto"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 24°C' },
    { role: 'tool', tool_call_id: 'call_2', content: 'cloudy, 19°C' },
    { role: 'assistant', content: 'Lisbon: sunny. Porto: cloudy.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'And this photo?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_forecast',
        description: 'Weather forecast',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ],
  tool_choice: { type: 'function', function: { name: 'get_forecast' } },
  max_completion_tokens: 300,
  temperature: 0.2,
  top_p: 0.9,
  stop: ['END'],
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
  user: 'user-42',
};

describe('toChatRequest / fromChatRequest', () => {
  it('round-trips a body through the canonical request unchanged', () => {
    const canonical = toChatRequest(parseOpenAIChatRequest(canonicalBody));
    expect(fromChatRequest(canonical, { stream: false })).toEqual(canonicalBody);
  });

  it('maps every construct to the canonical model', () => {
    const canonical = toChatRequest(parseOpenAIChatRequest(canonicalBody));
    expect(canonical.system).toBe('You are terse.');
    expect(canonical.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(canonical.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', content: 'sunny, 24°C' },
        { type: 'tool-result', toolCallId: 'call_2', content: 'cloudy, 19°C' },
      ],
    });
    expect(canonical.messages[4]?.content[1]).toEqual({ type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(canonical.toolChoice).toEqual({ name: 'get_forecast' });
    expect(canonical.responseFormat).toEqual({
      type: 'json_schema',
      name: 'answer',
      schema: { type: 'object' },
      strict: true,
    });
    expect(canonical.maxTokens).toBe(300);
    expect(canonical.user).toBe('user-42');
  });

  it('hoists system and developer messages into one system prompt and reads text-part content', () => {
    const canonical = toChatRequest(
      parseOpenAIChatRequest({
        model: 'm',
        max_tokens: 50,
        stop: 'STOP',
        messages: [
          { role: 'developer', content: [{ type: 'text', text: 'Rule one.' }] },
          { role: 'user', content: 'Hi' },
          { role: 'system', content: 'Rule two.' },
        ],
      }),
    );
    expect(canonical).toEqual<ChatRequest>({
      model: 'm',
      system: 'Rule one.\n\nRule two.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      maxTokens: 50,
      stop: ['STOP'],
    });
  });

  it('refuses what the canonical model cannot carry, naming the field', () => {
    const audio = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }],
    };
    expect(() => toChatRequest(parseOpenAIChatRequest(audio))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'messages[0].content[0]' }),
    );
    expect(() => toChatRequest(parseOpenAIChatRequest({ ...minimal, n: 2 }))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'n' }),
    );
    const custom = { ...minimal, tools: [{ type: 'custom', custom: { name: 'grammar' } }] };
    expect(() => toChatRequest(parseOpenAIChatRequest(custom))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'tools[0]' }),
    );
  });

  it('asks a streaming upstream for usage and can name the max-tokens field the upstream knows', () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      maxTokens: 10,
    };
    expect(fromChatRequest(request, { stream: true, maxTokensField: 'max_tokens' })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 10,
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});
