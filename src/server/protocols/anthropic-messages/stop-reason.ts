/** Anthropic's `stop_reason` values and the canonical FinishReason, both ways. */
import type { FinishReason } from '../../../contract/index.js';

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/** Reads a `stop_reason`. `pause_turn` (a server tool paused a long turn) has no canonical meaning: `other`. */
export function stopReasonFromAnthropic(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

/** The `stop_reason` to send. The canonical model does not say whether a stop sequence matched, so `stop` is `end_turn`. */
export function stopReasonToAnthropic(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
