/** Picks the conversation dialect of a surface. */
import type { Surface } from '../../contract/index.js';
import { anthropicMessagesDialect } from './anthropic-messages-dialect.js';
import type { ConversationDialect } from './conversation-dialect.js';
import { openAIChatDialect } from './openai-chat-dialect.js';

/** The dialect of a surface's bodies; undefined for surfaces without a chat history. */
export function dialectFor(surface: Surface): ConversationDialect | undefined {
  if (surface === 'openai-chat') return openAIChatDialect;
  if (surface === 'anthropic-messages') return anthropicMessagesDialect;
  return undefined;
}
