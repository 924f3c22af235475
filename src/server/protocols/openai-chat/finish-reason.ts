/** OpenAI's `finish_reason` values and the canonical FinishReason, both ways. */
import type { FinishReason } from '../../../contract/index.js';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Reads a `finish_reason`; the deprecated `function_call` counts as tool calls, anything unknown as `other`. */
export function finishReasonFromOpenAI(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

/** The `finish_reason` to send; OpenAI has no `other`, and `stop` is what its clients treat as a normal end. */
export function finishReasonToOpenAI(reason: FinishReason): OpenAIFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
