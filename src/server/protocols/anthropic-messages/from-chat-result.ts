/** Canonical ChatResult → the exact Message body an Anthropic client expects. */
import type { ChatResult } from '../../../contract/index.js';
import { argumentsToObject } from '../shared/tool-arguments.js';
import { stopReasonToAnthropic, type AnthropicStopReason } from './stop-reason.js';
import { usageToAnthropic, type AnthropicUsage } from './usage.js';

export type AnthropicContentBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessageBody {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

export interface AnthropicResultOptions {
  /** The model name the client asked for (its alias). */
  model: string;
}

/** Builds a Message body; tool-call arguments become the `input` object Anthropic clients read. */
export function fromChatResult(result: ChatResult, options: AnthropicResultOptions): AnthropicMessageBody {
  return {
    id: result.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content: result.content.map((part) =>
      part.type === 'text'
        ? { type: 'text', text: part.text }
        : { type: 'tool_use', id: part.id, name: part.name, input: argumentsToObject(part.arguments) },
    ),
    stop_reason: stopReasonToAnthropic(result.finishReason),
    stop_sequence: null,
    usage: usageToAnthropic(result.usage),
  };
}
