/**
 * Prompt tokens as the budgets count them (o200k, offline, a few tokens of framing per message),
 * message by message, so compression can tell what dropping each one saves. The OpenAI count is
 * used for every provider: `maxInputTokens` is one number whatever the target.
 */
import { estimateCall } from '../budgets/index.js';
import type { Message } from './conversation-dialect.js';

const count = (body: Record<string, unknown>): number =>
  estimateCall({ body, defaultMaxOutputTokens: 0, openAITokenizer: true }).inputTokens;

/** Tokens of one message, framing included. */
export function messageTokens(message: Message): number {
  return count({ messages: [message] });
}

/** Tokens outside the messages that every request carries: Anthropic's `system` and the tool definitions. */
export function fixedTokens(body: Readonly<Record<string, unknown>>): number {
  return count({ system: body.system, tools: body.tools });
}
