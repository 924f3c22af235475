/**
 * Anthropic `usage` ↔ canonical Usage. Anthropic's `input_tokens` counts only the uncached part of the
 * prompt; cache reads and writes are reported beside it. The canonical `inputTokens` is inclusive, so
 * reading adds them and writing subtracts them.
 */
import type { Usage } from '../../../contract/index.js';
import { checkedUsage } from '../shared/checked-usage.js';
import { asRecord, numberField } from '../shared/record.js';

const counters = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens'] as const;

/**
 * Merges usage across a stream. `message_start` has the prompt counts; `message_delta` has cumulative
 * totals for the whole message (not increments) and, from some servers, corrected prompt counts too,
 * so any counter present in a later event replaces the earlier one.
 */
export class AnthropicUsageAccumulator {
  #counts: Partial<Record<(typeof counters)[number], number>> = {};
  #thinking: number | undefined;

  /** Records the `usage` object of a `message_start` (its `message.usage`) or `message_delta`. */
  observe(usage: unknown): void {
    const record = asRecord(usage);
    if (record === undefined) return;
    for (const counter of counters) {
      const value = numberField(record, counter);
      if (value !== undefined) this.#counts[counter] = value;
    }
    const thinking = numberField(asRecord(record.output_tokens_details), 'thinking_tokens');
    if (thinking !== undefined) this.#thinking = thinking;
  }

  /** The canonical usage so far; undefined before any usage was seen, or when it is implausible (checked-usage.ts). */
  usage(): Usage | undefined {
    const counts = this.#counts;
    if (counts.input_tokens === undefined && counts.output_tokens === undefined) return undefined;
    const cacheWrite = counts.cache_creation_input_tokens ?? 0;
    const cacheRead = counts.cache_read_input_tokens ?? 0;
    return checkedUsage({
      inputTokens: (counts.input_tokens ?? 0) + cacheWrite + cacheRead,
      outputTokens: counts.output_tokens ?? 0,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      reasoningTokens: this.#thinking ?? 0,
    });
  }
}

/** Reads one complete `usage` object (a non-streamed Message's). */
export function usageFromAnthropic(usage: unknown): Usage | undefined {
  const accumulator = new AnthropicUsageAccumulator();
  accumulator.observe(usage);
  return accumulator.usage();
}

export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/** Writes canonical usage as Anthropic's, with `input_tokens` excluding the cached part. */
export function usageToAnthropic(usage: Usage): AnthropicUsage {
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens),
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
  };
}
