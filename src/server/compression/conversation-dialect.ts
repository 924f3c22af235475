/**
 * What compression needs to know about a chat body's messages, per wire format: which messages are
 * pinned, which belong to the message before them (tool results to their tool call), and how to
 * write a short note (a summary, an omission marker) into the conversation.
 */

export type Message = Readonly<Record<string, unknown>>;

export interface ConversationDialect {
  /** Never dropped (OpenAI system and developer messages; Anthropic's system prompt is outside `messages`). */
  pinned(message: Message): boolean;
  /** Belongs with the message before it: tool results stay with the tool call they answer. */
  continues(message: Message): boolean;
  /** A user message that opens a turn (not one that only carries tool results). */
  opensTurn(message: Message): boolean;
  /** The conversation must start with a user message (Anthropic refuses one that starts with the assistant). */
  readonly userFirst: boolean;
  /** Plain-text rendering for the summarizer's transcript. */
  transcript(message: Message): string;
  /** A user message carrying `text`. */
  userMessage(text: string): Message;
  /** `message` (a user message) with `text` put before its content. */
  prefixed(message: Message, text: string): Message;
}
