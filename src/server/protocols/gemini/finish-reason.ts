/** Gemini `finishReason` → canonical FinishReason. */
import type { FinishReason } from '../../../contract/index.js';

const filtered: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Gemini ends a turn that calls functions with `STOP`, so whether calls were made decides between
 * `tool-calls` and `stop`.
 */
export function finishReasonFromGemini(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'STOP' || reason === undefined)
    return hasToolCalls ? 'tool-calls' : reason === undefined ? 'other' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (filtered.has(reason)) return 'content-filter';
  return 'other';
}
