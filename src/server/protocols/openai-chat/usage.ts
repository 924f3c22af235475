/** Chat completions `usage` ↔ canonical Usage. */
import type { Usage } from '../../../contract/index.js';
import { checkedUsage } from '../shared/checked-usage.js';
import { asRecord, numberField } from '../shared/record.js';

/**
 * Reads a chat completions `usage` object (OpenAI, Azure and compatible servers). OpenAI counts
 * reasoning inside `completion_tokens`; xAI does not (its `total_tokens` is prompt + completion +
 * reasoning), which the totals reveal, so both end up inclusive. DeepSeek reports cache hits as
 * `prompt_cache_hit_tokens`. Cache writes are free and unreported on this API: always 0. Implausible
 * counts (negative, fractional, huge, cached above prompt) read as no usage: see checked-usage.ts.
 */
export function usageFromOpenAI(usage: unknown): Usage | undefined {
  const record = asRecord(usage);
  const prompt = numberField(record, 'prompt_tokens');
  const completion = numberField(record, 'completion_tokens');
  if (prompt === undefined && completion === undefined) return undefined;
  const inputTokens = prompt ?? 0;
  const reasoning =
    numberField(asRecord(record?.completion_tokens_details), 'reasoning_tokens') ??
    numberField(record, 'reasoning_tokens') ??
    0;
  const cached =
    numberField(asRecord(record?.prompt_tokens_details), 'cached_tokens') ??
    numberField(record, 'prompt_cache_hit_tokens') ??
    0;
  const total = numberField(record, 'total_tokens');
  let outputTokens = completion ?? 0;
  if (reasoning > 0 && total === inputTokens + outputTokens + reasoning) outputTokens += reasoning;
  return checkedUsage({
    inputTokens,
    outputTokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    reasoningTokens: reasoning,
  });
}

/** The `usage` object of a chat completion, field for field as OpenAI sends it. */
export interface OpenAIChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Writes canonical usage as OpenAI's `usage` object. */
export function usageToOpenAI(usage: Usage): OpenAIChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
