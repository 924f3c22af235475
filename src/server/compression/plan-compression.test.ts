import { describe, expect, it } from 'vitest';
import { applyCompression, omissionMarker } from './apply-compression.js';
import type { ConversationDialect } from './conversation-dialect.js';
import { dialectFor } from './dialect-for.js';
import { planCompression } from './plan-compression.js';

const words = (count: number): string => Array.from({ length: count }, () => 'maple').join(' ');
const dialect = (surface: 'openai-chat' | 'anthropic-messages'): ConversationDialect => {
  const found = dialectFor(surface);
  if (!found) throw new Error(surface);
  return found;
};

describe('planCompression and applyCompression', () => {
  it('keeps pinned messages wherever they are', () => {
    const messages = [
      { role: 'system', content: 'rules' },
      { role: 'user', content: words(300) },
      { role: 'developer', content: 'more rules' },
      { role: 'assistant', content: words(300) },
      { role: 'user', content: words(300) },
      { role: 'assistant', content: 'ok' },
    ];
    const plan = planCompression({
      body: { messages },
      dialect: dialect('openai-chat'),
      maxInputTokens: 400,
      keepLastMessages: 2,
    });
    expect(plan.dropped).toEqual([1, 3]);
    expect(applyCompression(plan).body.messages).toEqual([messages[0], messages[2], messages[4], messages[5]]);
  });

  it('marks the omission in an Anthropic conversation that would open with the assistant', () => {
    const messages = [
      { role: 'user', content: words(300) },
      { role: 'assistant', content: words(300) },
      { role: 'user', content: words(300) },
      { role: 'assistant', content: 'short' },
    ];
    const plan = planCompression({
      body: { system: 'be kind', messages },
      dialect: dialect('anthropic-messages'),
      maxInputTokens: 200,
      keepLastMessages: 1,
    });
    // Dropping stops at the protected tail, which opens with the assistant.
    expect(plan.dropped).toEqual([0, 1, 2]);
    const compressed = applyCompression(plan);
    expect(compressed.body).toEqual({
      system: 'be kind',
      messages: [{ role: 'user', content: omissionMarker }, messages[3]],
    });
    expect(compressed.tokensAfter).toBeLessThan(plan.tokensBefore);
  });

  it('does not mark the omission for OpenAI, which accepts a conversation opening with the assistant', () => {
    const messages = [
      { role: 'user', content: words(300) },
      { role: 'assistant', content: words(300) },
    ];
    const plan = planCompression({
      body: { messages },
      dialect: dialect('openai-chat'),
      maxInputTokens: 100,
      keepLastMessages: 1,
    });
    expect(applyCompression(plan).body.messages).toEqual([messages[1]]);
  });

  it('always keeps the last exchange, even behind a trailing system message', () => {
    const messages = [
      { role: 'user', content: words(500) },
      { role: 'system', content: 'late rules' },
    ];
    const plan = planCompression({
      body: { messages },
      dialect: dialect('openai-chat'),
      maxInputTokens: 100,
      keepLastMessages: 1,
    });
    expect(plan.dropped).toEqual([]);
    expect(plan.tokensBefore).toBeGreaterThan(100);
  });

  it('drops more to make room for a summary', () => {
    const messages = Array.from({ length: 10 }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: words(100),
    }));
    const input = { body: { messages }, dialect: dialect('openai-chat'), maxInputTokens: 700, keepLastMessages: 2 };
    expect(planCompression({ ...input, reserveTokens: 200 }).dropped.length).toBeGreaterThan(
      planCompression(input).dropped.length,
    );
  });
});
