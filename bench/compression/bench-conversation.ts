/** One entry of the compression bench's test set (`conversations.json`). */
export type FactCategory = 'system' | 'recent' | 'old';

export interface BenchConversation {
  id: string;
  surface: 'openai-chat' | 'anthropic-messages';
  /** Where the fact the final question needs was stated. */
  category: FactCategory;
  /** The string that must still be in the request for the final question to be answerable. */
  needle: string;
  body: Record<string, unknown>;
}
