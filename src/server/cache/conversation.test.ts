import { describe, expect, it } from 'vitest';
import { conversationText, readConversation } from './conversation.js';

describe('readConversation', () => {
  it('reads OpenAI chat: system and developer messages apart, tool calls and results as text', () => {
    const conversation = readConversation('openai-chat', {
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 't1', content: '18 C' },
      ],
    });
    expect(conversation).toEqual({
      system: 'Be terse.',
      turns: [
        { role: 'user', text: 'Weather in Paris?' },
        { role: 'assistant', text: 'weather({"city":"Paris"})' },
        { role: 'tool', text: '18 C' },
      ],
    });
    expect(conversation && conversationText(conversation)).toBe(
      'Weather in Paris?\n\nweather({"city":"Paris"})\n\n18 C',
    );
  });

  it('reads Anthropic Messages and Responses input', () => {
    expect(
      readConversation('anthropic-messages', {
        system: [{ type: 'text', text: 'Sys' }],
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    ).toEqual({ system: 'Sys', turns: [{ role: 'user', text: 'Hi' }] });
    expect(readConversation('openai-responses', { instructions: 'Sys', input: 'Hi' })).toEqual({
      system: 'Sys',
      turns: [{ role: 'user', text: 'Hi' }],
    });
    expect(
      readConversation('openai-responses', {
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
      }),
    ).toEqual({ system: '', turns: [{ role: 'user', text: 'Hi' }] });
  });

  it('refuses what it cannot compare by meaning: images, unknown items, continuations, embeddings', () => {
    expect(
      readConversation('openai-chat', {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: 'https://x/cat.png' } },
              { type: 'text', text: 'What is this?' },
            ],
          },
        ],
      }),
    ).toBeUndefined();
    expect(
      readConversation('anthropic-messages', {
        messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }],
      }),
    ).toBeUndefined();
    expect(readConversation('openai-responses', { input: [{ type: 'web_search_call' }] })).toBeUndefined();
    expect(
      readConversation('openai-responses', { previous_response_id: 'resp_1', input: 'and then?' }),
    ).toBeUndefined();
    expect(readConversation('openai-embeddings', { input: 'text' })).toBeUndefined();
  });
});
