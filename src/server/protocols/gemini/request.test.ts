import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../contract/index.js';
import { fromChatRequest, GEMINI_HISTORY_SIGNATURE } from './from-chat-request.js';

const conversation: ChatRequest = {
  model: 'gemini-2.5-flash',
  system: 'You are terse.',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Forecast for these two cities?' },
        { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'image', url: 'https://example.com/map.webp?v=2' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_1', name: 'get_forecast', arguments: '{"city":"Lisbon"}' },
        { type: 'tool-call', id: 'call_2', name: 'get_alerts', arguments: '' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', content: 'sunny' },
        { type: 'tool-result', toolCallId: 'call_2', content: 'service down', isError: true },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
  ],
  tools: [
    {
      name: 'get_forecast',
      description: 'Weather forecast',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false },
    },
  ],
  toolChoice: { name: 'get_forecast' },
  maxTokens: 256,
  temperature: 0.4,
  topP: 0.95,
  stop: ['END'],
  responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
  user: 'user-42',
};

describe('fromChatRequest (Gemini)', () => {
  it('writes contents, function calls and responses by name, system, tools and generation config', () => {
    expect(fromChatRequest(conversation)).toEqual({
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Forecast for these two cities?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/map.webp?v=2' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { text: 'Checking.' },
            {
              functionCall: { name: 'get_forecast', args: { city: 'Lisbon' } },
              thoughtSignature: GEMINI_HISTORY_SIGNATURE,
            },
            { functionCall: { name: 'get_alerts', args: {} }, thoughtSignature: GEMINI_HISTORY_SIGNATURE },
          ],
        },
        {
          // The function responses and the next user text share one user turn.
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_forecast', response: { output: 'sunny' } } },
            { functionResponse: { name: 'get_alerts', response: { error: 'service down' } } },
            { text: 'Thanks.' },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_forecast',
              description: 'Weather forecast',
              parametersJsonSchema: {
                type: 'object',
                properties: { city: { type: 'string' } },
                additionalProperties: false,
              },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_forecast'] } },
      generationConfig: {
        maxOutputTokens: 256,
        temperature: 0.4,
        topP: 0.95,
        stopSequences: ['END'],
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object' },
      },
    });
  });

  it.each([
    ['auto', 'AUTO'],
    ['required', 'ANY'],
    ['none', 'NONE'],
  ] as const)('maps tool choice %s to mode %s', (choice, mode) => {
    expect(fromChatRequest({ model: 'm', messages: [], toolChoice: choice }).toolConfig).toEqual({
      functionCallingConfig: { mode },
    });
  });

  it('sends JSON mode without a schema, and no generationConfig when nothing is set', () => {
    expect(
      fromChatRequest({ model: 'm', messages: [], responseFormat: { type: 'json_object' } }).generationConfig,
    ).toEqual({ responseMimeType: 'application/json' });
    expect(
      fromChatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }),
    ).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  });

  it('refuses a tool result for a call it never saw, since Gemini needs the function name', () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_x', content: 'ok' }] }],
    };
    expect(() => fromChatRequest(request)).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: "A tool result answers the unknown tool call 'call_x'.",
      }),
    );
  });
});
