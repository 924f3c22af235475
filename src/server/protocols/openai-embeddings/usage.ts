import type { Usage } from '../../../contract/index.js';
import { checkedUsage } from '../shared/checked-usage.js';
import { asRecord, numberField } from '../shared/record.js';

/** Usage of an embeddings response: only prompt tokens; nothing is generated. Implausible counts read as none. */
export function usageFromOpenAIEmbeddings(json: unknown): Usage | undefined {
  const usage = asRecord(asRecord(json)?.usage);
  const prompt = numberField(usage, 'prompt_tokens') ?? numberField(usage, 'total_tokens');
  if (prompt === undefined) return undefined;
  return checkedUsage({
    inputTokens: prompt,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  });
}
