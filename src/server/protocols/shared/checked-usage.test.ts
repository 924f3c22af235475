/** Usage from upstreams is untrusted: every protocol's reader refuses implausible counts instead of passing them on. */
import { describe, expect, it } from 'vitest';
import { AnthropicStreamUsage } from '../anthropic-messages/stream-usage.js';
import { usageFromAnthropic } from '../anthropic-messages/usage.js';
import { GeminiStreamUsage } from '../gemini/stream-usage.js';
import { usageFromGemini } from '../gemini/usage.js';
import { usageFromOpenAIChatChunk } from '../openai-chat/stream-usage.js';
import { usageFromOpenAI } from '../openai-chat/usage.js';
import { usageFromOpenAIEmbeddings } from '../openai-embeddings/usage.js';
import { usageFromOpenAIResponsesUsage } from '../openai-responses/usage.js';
import { checkedUsage } from './checked-usage.js';

/** Counts no honest upstream sends: each one alone must make the usage unusable. */
const hostile = [1e300, -5, 12.5, Number.MAX_SAFE_INTEGER + 2, 2_000_000_000] as const;

describe('usage readers refuse implausible counts', () => {
  it('OpenAI chat (body and stream chunk)', () => {
    expect(usageFromOpenAI({ prompt_tokens: 10, completion_tokens: 5 })).toMatchObject({
      inputTokens: 10,
      outputTokens: 5,
    });
    for (const bad of hostile) {
      expect(usageFromOpenAI({ prompt_tokens: bad, completion_tokens: 5 }), String(bad)).toBeUndefined();
      expect(usageFromOpenAI({ prompt_tokens: 10, completion_tokens: bad }), String(bad)).toBeUndefined();
      expect(
        usageFromOpenAIChatChunk(JSON.stringify({ choices: [], usage: { prompt_tokens: 10, completion_tokens: bad } })),
        String(bad),
      ).toBeUndefined();
    }
    // Cached tokens are a subset of the prompt.
    expect(
      usageFromOpenAI({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 11 } }),
    ).toBeUndefined();
    expect(
      usageFromOpenAI({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: -1 } }),
    ).toBeUndefined();
  });

  it('Anthropic (message and stream)', () => {
    expect(usageFromAnthropic({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 3 })).toMatchObject({
      inputTokens: 13,
      cacheReadTokens: 3,
    });
    for (const bad of hostile) {
      expect(usageFromAnthropic({ input_tokens: 10, output_tokens: bad }), String(bad)).toBeUndefined();
      expect(
        usageFromAnthropic({ input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: bad }),
        String(bad),
      ).toBeUndefined();
      const stream = new AnthropicStreamUsage();
      stream.observe(
        JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1 } } }),
      );
      stream.observe(JSON.stringify({ type: 'message_delta', usage: { output_tokens: bad } }));
      expect(stream.usage(), String(bad)).toBeUndefined();
    }
  });

  it('Gemini (response and stream)', () => {
    expect(usageFromGemini({ promptTokenCount: 10, candidatesTokenCount: 5 })).toMatchObject({
      inputTokens: 10,
      outputTokens: 5,
    });
    for (const bad of hostile) {
      expect(usageFromGemini({ promptTokenCount: 10, candidatesTokenCount: bad }), String(bad)).toBeUndefined();
      const stream = new GeminiStreamUsage();
      stream.observe(JSON.stringify({ usageMetadata: { promptTokenCount: bad, candidatesTokenCount: 5 } }));
      expect(stream.usage(), String(bad)).toBeUndefined();
    }
    expect(
      usageFromGemini({ promptTokenCount: 10, candidatesTokenCount: 5, cachedContentTokenCount: 20 }),
    ).toBeUndefined();
  });

  it('OpenAI Responses and embeddings', () => {
    for (const bad of hostile) {
      expect(usageFromOpenAIResponsesUsage({ input_tokens: bad, output_tokens: 5 }), String(bad)).toBeUndefined();
      expect(
        usageFromOpenAIResponsesUsage({
          input_tokens: 10,
          output_tokens: 5,
          output_tokens_details: { reasoning_tokens: bad },
        }),
        String(bad),
      ).toBeUndefined();
      expect(
        usageFromOpenAIEmbeddings({ usage: { prompt_tokens: bad, total_tokens: bad } }),
        String(bad),
      ).toBeUndefined();
    }
    expect(
      usageFromOpenAIResponsesUsage({
        input_tokens: 10,
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 6 },
      }),
    ).toBeUndefined();
  });

  it('passes the largest plausible call through unchanged', () => {
    const usage = {
      inputTokens: 1e9,
      outputTokens: 1e9,
      cacheReadTokens: 5e8,
      cacheWriteTokens: 5e8,
      reasoningTokens: 1e9,
    };
    expect(checkedUsage(usage)).toBe(usage);
  });
});
