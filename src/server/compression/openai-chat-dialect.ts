/** OpenAI chat messages: system/developer pinned, `tool` messages continue the assistant's tool call. */
import type { ConversationDialect, Message } from './conversation-dialect.js';
import { contentText, prefixContent } from './message-content.js';

function toolCalls(message: Message): string {
  if (!Array.isArray(message.tool_calls)) return '';
  return message.tool_calls
    .map((call: unknown) => {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      return `\n[called ${String(fn?.name)} with ${String(fn?.arguments)}]`;
    })
    .join('');
}

export const openAIChatDialect: ConversationDialect = {
  pinned: (message) => message.role === 'system' || message.role === 'developer',
  // `function` is the legacy form of a tool result.
  continues: (message) => message.role === 'tool' || message.role === 'function',
  opensTurn: (message) => message.role === 'user',
  userFirst: false,
  transcript(message) {
    if (message.role === 'tool' || message.role === 'function') return `tool result: ${contentText(message.content)}`;
    return `${String(message.role)}: ${contentText(message.content)}${toolCalls(message)}`;
  },
  userMessage: (text) => ({ role: 'user', content: text }),
  prefixed: prefixContent,
};
