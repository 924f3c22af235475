/**
 * The canonical usage record: one per call, whatever the provider, identical for streamed and
 * non-streamed calls. Totals are inclusive: `inputTokens` counts every prompt token (cache reads and
 * writes included) and `outputTokens` counts every generated token (reasoning included), so the
 * subsets can be priced differently without double counting. See docs/decisions/0002-model-contract.md.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Subset of inputTokens served from the provider's prompt cache. */
  cacheReadTokens: number;
  /** Subset of inputTokens written to the provider's prompt cache. */
  cacheWriteTokens: number;
  /** Subset of outputTokens spent on hidden reasoning. */
  reasoningTokens: number;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});
