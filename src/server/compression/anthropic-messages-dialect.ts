/**
 * Anthropic messages: tool results travel in a user message (`tool_result` blocks) that must follow
 * the assistant's `tool_use`; the system prompt is a top-level field, outside the messages.
 */
import type { ConversationDialect, Message } from './conversation-dialect.js';
import { contentText, prefixContent } from './message-content.js';

const blocks = (message: Message): readonly Record<string, unknown>[] =>
  Array.isArray(message.content)
    ? (message.content as unknown[]).filter(
        (block): block is Record<string, unknown> => block !== null && typeof block === 'object',
      )
    : [];

const carriesToolResults = (message: Message): boolean =>
  message.role === 'user' && blocks(message).some((block) => block.type === 'tool_result');

function blockText(block: Record<string, unknown>): string {
  if (block.type === 'text' && typeof block.text === 'string') return block.text;
  if (block.type === 'tool_use') return `[called ${String(block.name)} with ${JSON.stringify(block.input)}]`;
  if (block.type === 'tool_result') return `[tool result: ${contentText(block.content)}]`;
  return `[${String(block.type)}]`;
}

export const anthropicMessagesDialect: ConversationDialect = {
  pinned: () => false,
  continues: carriesToolResults,
  opensTurn: (message) => message.role === 'user' && !carriesToolResults(message),
  userFirst: true,
  transcript(message) {
    const text = typeof message.content === 'string' ? message.content : blocks(message).map(blockText).join('\n');
    return `${String(message.role)}: ${text}`;
  },
  userMessage: (text) => ({ role: 'user', content: text }),
  prefixed: prefixContent,
};
