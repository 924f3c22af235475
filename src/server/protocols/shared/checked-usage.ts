/**
 * Usage numbers come from upstreams and are untrusted like any other input: a misbehaving or hostile
 * server can report 1e300 tokens (the cost overflows the ledger's columns and pins a budget at spent)
 * or negative tokens (which would lower budgets). Every usage reader passes its canonical result through
 * here; anything implausible is treated as missing, so the gateway estimates the call instead and marks
 * its ledger row as estimated (see docs/ledger.md, "Usage is untrusted input").
 */
import { z } from 'zod';
import type { Usage } from '../../../contract/index.js';

/** No single call reads or writes a billion tokens; anything above is a broken or hostile upstream. */
export const maxTokensPerCall = 1_000_000_000;

const tokenCount = z.number().int().min(0).max(maxTokensPerCall);

/** The canonical usage an upstream may report: whole, non-negative, bounded, and subsets within their totals. */
export const upstreamUsageSchema = z
  .object({
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    cacheReadTokens: tokenCount,
    cacheWriteTokens: tokenCount,
    reasoningTokens: tokenCount,
  })
  .refine((usage) => usage.cacheReadTokens + usage.cacheWriteTokens <= usage.inputTokens, {
    message: 'cached tokens exceed the input',
    path: ['cacheReadTokens'],
  })
  .refine((usage) => usage.reasoningTokens <= usage.outputTokens, {
    message: 'reasoning tokens exceed the output',
    path: ['reasoningTokens'],
  });

/** The usage when it is plausible, else undefined (treated as missing: the call is estimated). */
export function checkedUsage(usage: Usage | undefined): Usage | undefined {
  if (usage === undefined) return undefined;
  return upstreamUsageSchema.safeParse(usage).success ? usage : undefined;
}
