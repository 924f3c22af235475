/** Gemini `usageMetadata` → canonical Usage. */
import type { Usage } from '../../../contract/index.js';
import { checkedUsage } from '../shared/checked-usage.js';
import { asRecord, numberField } from '../shared/record.js';

/**
 * Reads `usageMetadata`. `promptTokenCount` already includes `cachedContentTokenCount`; thinking is
 * reported apart from the answer (`thoughtsTokenCount` beside `candidatesTokenCount`) and both are
 * billed as output; the prompts of built-in tools (`toolUsePromptTokenCount`) are billed as input.
 * Undefined when the metadata holds no counts (streamed chunks before the last may carry only
 * `trafficType`), or when the counts are implausible (checked-usage.ts).
 */
export function usageFromGemini(usageMetadata: unknown): Usage | undefined {
  const record = asRecord(usageMetadata);
  const prompt = numberField(record, 'promptTokenCount');
  const candidates = numberField(record, 'candidatesTokenCount');
  const thoughts = numberField(record, 'thoughtsTokenCount');
  if (prompt === undefined && candidates === undefined && thoughts === undefined) return undefined;
  const toolPrompt = numberField(record, 'toolUsePromptTokenCount') ?? 0;
  return checkedUsage({
    inputTokens: (prompt ?? 0) + toolPrompt,
    outputTokens: (candidates ?? 0) + (thoughts ?? 0),
    cacheReadTokens: numberField(record, 'cachedContentTokenCount') ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: thoughts ?? 0,
  });
}
