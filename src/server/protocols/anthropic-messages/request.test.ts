import { describe, expect, it } from 'vitest';
import { PodiumError, type ChatRequest } from '../../../contract/index.js';
import { fromChatRequest } from './from-chat-request.js';
import { parseAnthropicRequest } from './parse-request.js';
import { toChatRequest } from './to-chat-request.js';

const minimal = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };

function rejection(body: unknown): { message: string; param: string | undefined } {
  try {
    parseAnthropicRequest(body);
  } catch (error) {
    if (error instanceof PodiumError && error.code === 'invalid_request')
      return { message: error.message, param: error.param };
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseAnthropicRequest', () => {
  it('accepts blocks and tools it does not know, and keeps unknown fields', () => {
    const body = {
      ...minimal,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } },
            { type: 'text', text: 'Sum up.', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
    };
    expect(parseAnthropicRequest(body)).toEqual(body);
  });

  it.each([
    [
      { model: 'm', messages: minimal.messages },
      { message: 'max_tokens: Field required', param: 'max_tokens' },
    ],
    [
      { ...minimal, max_tokens: 0 },
      { message: 'max_tokens: Input should be greater than or equal to 1', param: 'max_tokens' },
    ],
    [
      { ...minimal, max_tokens: 10.5 },
      { message: 'max_tokens: Input should be a valid integer', param: 'max_tokens' },
    ],
    [
      { ...minimal, model: undefined },
      { message: 'model: Field required', param: 'model' },
    ],
    [
      { ...minimal, messages: [] },
      { message: 'messages: List should have at least 1 item after validation, not 0', param: 'messages' },
    ],
    [
      { ...minimal, messages: [{ role: 'system', content: 'x' }] },
      { message: "messages.0.role: Input should be 'user' or 'assistant'", param: 'messages.0.role' },
    ],
    [
      { ...minimal, messages: [{ role: 'user', content: 3 }] },
      { message: 'messages.0.content: Input should be a valid string or a valid list', param: 'messages.0.content' },
    ],
    [
      { ...minimal, messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }] },
      { message: 'messages.0.content.0.text: Input should be a valid string', param: 'messages.0.content.0.text' },
    ],
    [
      {
        ...minimal,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png' } }] }],
      },
      { message: 'messages.0.content.0.source.data: Field required', param: 'messages.0.content.0.source.data' },
    ],
    [
      { ...minimal, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'ok' }] }] },
      { message: 'messages.0.content.0.tool_use_id: Field required', param: 'messages.0.content.0.tool_use_id' },
    ],
    [
      { ...minimal, system: 5 },
      { message: 'system: Input should be a valid string or a valid list', param: 'system' },
    ],
    [
      { ...minimal, temperature: 1.5 },
      { message: 'temperature: Input should be less than or equal to 1', param: 'temperature' },
    ],
    [
      { ...minimal, top_k: -1 },
      { message: 'top_k: Input should be greater than or equal to 0', param: 'top_k' },
    ],
    [
      { ...minimal, stream: 'true' },
      { message: 'stream: Input should be a valid boolean', param: 'stream' },
    ],
    [
      { ...minimal, stop_sequences: 'END' },
      { message: 'stop_sequences: Input should be a valid list', param: 'stop_sequences' },
    ],
    [
      { ...minimal, tools: [{ name: 'get_forecast' }] },
      { message: 'tools.0.input_schema: Field required', param: 'tools.0.input_schema' },
    ],
    [
      { ...minimal, tool_choice: { type: 'sometimes' } },
      { message: "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'", param: 'tool_choice.type' },
    ],
    [
      { ...minimal, tool_choice: { type: 'tool' } },
      { message: 'tool_choice.name: Field required', param: 'tool_choice.name' },
    ],
    [
      { ...minimal, metadata: { user_id: 7 } },
      { message: 'metadata.user_id: Input should be a valid string', param: 'metadata.user_id' },
    ],
    [
      { ...minimal, output_config: { format: { type: 'json_schema' } } },
      { message: 'output_config.format.schema: Field required', param: 'output_config.format.schema' },
    ],
    ['hello', { message: 'Request body: Input should be a valid dictionary', param: undefined }],
  ])('rejects %j naming the field', (body, expected) => {
    expect(rejection(body)).toEqual(expected);
  });
});

/** A body in the form fromChatRequest writes, so the round trip must reproduce it exactly. */
const canonicalBody = {
  model: 'claude-sonnet-4-5',
  max_tokens: 800,
  messages: [
    { role: 'user', content: 'Forecast for Lisbon and Porto?' },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_forecast', input: { city: 'Lisbon' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_forecast', input: { city: 'Porto' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny, 24°C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: 'service down', is_error: true },
        { type: 'text', text: 'And this photo?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/sky.jpg' } },
      ],
    },
  ],
  system: 'You are terse.',
  tools: [
    {
      name: 'get_forecast',
      description: 'Weather forecast',
      input_schema: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
  tool_choice: { type: 'any' },
  temperature: 0.3,
  top_p: 0.9,
  stop_sequences: ['END'],
  metadata: { user_id: 'user-42' },
  output_config: {
    format: { type: 'json_schema', schema: { type: 'object', properties: { summary: { type: 'string' } } } },
  },
  stream: true,
};

describe('toChatRequest / fromChatRequest', () => {
  it('round-trips a body through the canonical request unchanged', () => {
    const canonical = toChatRequest(parseAnthropicRequest(canonicalBody));
    expect(fromChatRequest(canonical, { stream: true, defaultMaxTokens: 4096 })).toEqual(canonicalBody);
  });

  it('carries the beta top-level output_format to the canonical response format, sent back as output_config.format', () => {
    const schema = { type: 'object', required: ['answer'] };
    const canonical = toChatRequest(
      parseAnthropicRequest({
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'q' }],
        output_format: { type: 'json_schema', schema },
      }),
    );
    expect(canonical.responseFormat).toEqual({ type: 'json_schema', name: 'response', schema });
    expect(fromChatRequest(canonical, { stream: false, defaultMaxTokens: 10 }).output_config).toEqual({
      format: { type: 'json_schema', schema },
    });
  });

  it('splits a user turn holding tool results into a tool turn followed by the user turn', () => {
    const canonical = toChatRequest(parseAnthropicRequest(canonicalBody));
    expect(canonical.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(canonical.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'toolu_1', content: 'sunny, 24°C' },
        { type: 'tool-result', toolCallId: 'toolu_2', content: 'service down', isError: true },
      ],
    });
    expect(canonical.messages[3]?.content).toEqual([
      { type: 'text', text: 'And this photo?' },
      { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'image', url: 'https://example.com/sky.jpg' },
    ]);
    expect(canonical.messages[1]?.content[1]).toEqual({
      type: 'tool-call',
      id: 'toolu_1',
      name: 'get_forecast',
      arguments: '{"city":"Lisbon"}',
    });
    expect(canonical).toMatchObject({
      toolChoice: 'required',
      maxTokens: 800,
      stop: ['END'],
      user: 'user-42',
      system: 'You are terse.',
    });
  });

  it('merges consecutive tool messages from OpenAI into one user turn, and fills in max_tokens', () => {
    const request: ChatRequest = {
      model: 'claude-haiku-4-5',
      temperature: 1.7,
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'f', arguments: '' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: 'one' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', content: 'two' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ],
      toolChoice: { name: 'f' },
      responseFormat: { type: 'json_object' },
    };
    expect(fromChatRequest(request, { stream: false, defaultMaxTokens: 4096 })).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      temperature: 1,
      tool_choice: { type: 'tool', name: 'f' },
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'f', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'one' },
            { type: 'tool_result', tool_use_id: 'call_2', content: 'two' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    });
  });

  it('drops thinking blocks and joins a block system prompt', () => {
    const canonical = toChatRequest(
      parseAnthropicRequest({
        ...minimal,
        top_k: 5,
        system: [
          { type: 'text', text: 'One.' },
          { type: 'text', text: 'Two.' },
        ],
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 'sig' },
              { type: 'text', text: 'Hello' },
            ],
          },
        ],
      }),
    );
    expect(canonical.system).toBe('One.\n\nTwo.');
    expect(canonical.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] });
  });

  it('refuses what the canonical model cannot carry, naming the block', () => {
    const document = { ...minimal, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] };
    expect(() => toChatRequest(parseAnthropicRequest(document))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'messages.0.content.0' }),
    );
    const serverTool = { ...minimal, tools: [{ type: 'web_search_20250305', name: 'web_search' }] };
    expect(() => toChatRequest(parseAnthropicRequest(serverTool))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'tools.0' }),
    );
    const imageResult = {
      ...minimal,
      messages: [
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: {} }] }],
        },
      ],
    };
    expect(() => toChatRequest(parseAnthropicRequest(imageResult))).toThrow(
      expect.objectContaining({ code: 'unsupported', param: 'messages.0.content.0.content.0' }),
    );
  });
});
