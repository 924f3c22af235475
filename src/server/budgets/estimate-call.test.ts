import { describe, expect, it } from 'vitest';
import { estimateCall } from './estimate-call.js';

describe('estimateCall', () => {
  it('counts prompt tokens with a real tokenizer and takes the caller’s output cap', () => {
    const estimate = estimateCall({
      body: { model: 'm', max_tokens: 200, messages: [{ role: 'user', content: 'Hello, how are you doing today?' }] },
      defaultMaxOutputTokens: 4096,
      openAITokenizer: true,
    });
    // o200k: "user\nHello, how are you doing today?" is 10 tokens (role words are framing tokens too); one message adds 4.
    expect(estimate).toEqual({ inputTokens: 14, outputTokens: 200, outputCapped: true });
  });

  it('grows with the prompt, adds a margin for other tokenizers, and charges images flat', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const openai = estimateCall({
      body: { messages: [{ role: 'user', content: text }] },
      defaultMaxOutputTokens: 1000,
      openAITokenizer: true,
    });
    const other = estimateCall({
      body: { messages: [{ role: 'user', content: text }] },
      defaultMaxOutputTokens: 1000,
      openAITokenizer: false,
    });
    expect(openai.inputTokens).toBeGreaterThan(450);
    expect(other.inputTokens).toBeGreaterThan(openai.inputTokens);
    expect(openai).toMatchObject({ outputTokens: 1000, outputCapped: false });
    const image = estimateCall({
      body: {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(50_000)}` } }],
          },
        ],
      },
      defaultMaxOutputTokens: 1,
      openAITokenizer: true,
    });
    // The flat image allowance, the message framing, and the words "user" and "image_url".
    expect(image.inputTokens).toBe(1600 + 4 + 4);
  });

  it('takes the smallest of the output caps a body sets, and counts Anthropic system prompts and tools', () => {
    const estimate = estimateCall({
      body: {
        max_tokens: 900,
        max_completion_tokens: 300,
        system: 'You are terse.',
        tools: [{ name: 'lookup', description: 'Look a thing up' }],
        messages: [],
      },
      defaultMaxOutputTokens: 4096,
      openAITokenizer: true,
    });
    expect(estimate.outputTokens).toBe(300);
    expect(estimate.inputTokens).toBeGreaterThan(5);
  });
});
