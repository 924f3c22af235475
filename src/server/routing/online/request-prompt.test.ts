import { describe, expect, it } from 'vitest';
import { requestPrompt } from './request-prompt.js';

describe('requestPrompt', () => {
  it('reads the last user message of an OpenAI chat body, its size and shape', () => {
    const prompt = requestPrompt({
      model: 'smart',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'second' },
            { type: 'image_url', image_url: { url: 'https://x' } },
            { type: 'text', text: 'question' },
          ],
        },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: {} } }],
      response_format: { type: 'json_object' },
    });
    expect(prompt).toEqual({
      text: 'second\nquestion',
      inputTokens: Math.ceil((9 + 14 + 9 + 6 + 8) / 4),
      tools: true,
      json: true,
    });
  });

  it('reads an Anthropic body with a top-level system prompt', () => {
    const prompt = requestPrompt({
      model: 'smart',
      max_tokens: 10,
      system: 'x'.repeat(40),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
    });
    expect(prompt).toEqual({ text: 'hello', inputTokens: Math.ceil(45 / 4), tools: false, json: false });
  });

  it('reads a Responses body whose input is a string', () => {
    expect(requestPrompt({ model: 'smart', input: 'what is up' }).text).toBe('what is up');
  });
});
