/**
 * One way to read usage from a stream the gateway forwards byte for byte, whatever its protocol:
 * feed each event's `data:` payload, read the usage at the end. Every tracker scans the text and
 * parses only the frames that hold usage.
 */
import type { Protocol, Usage } from '../../../contract/index.js';
import { AnthropicStreamUsage } from '../anthropic-messages/stream-usage.js';
import { GeminiStreamUsage } from '../gemini/stream-usage.js';
import { usageFromOpenAIChatChunk } from '../openai-chat/stream-usage.js';
import { usageFromOpenAIResponsesData } from '../openai-responses/usage.js';

export interface StreamUsageTracker {
  /** Looks at one `data:` payload (OpenAI's `[DONE]` included: it is ignored). */
  observe(data: string): void;
  /** The usage seen so far; undefined if the stream carried none. */
  usage(): Usage | undefined;
}

/** A tracker that keeps the last usage a per-frame reader finds. */
function lastFound(read: (data: string) => Usage | undefined): StreamUsageTracker {
  let found: Usage | undefined;
  return {
    observe(data) {
      found = read(data) ?? found;
    },
    usage: () => found,
  };
}

/** The usage tracker for a streamed protocol (embeddings never stream). */
export function createStreamUsageTracker(protocol: Exclude<Protocol, 'openai-embeddings'>): StreamUsageTracker {
  switch (protocol) {
    case 'openai-chat':
      return lastFound(usageFromOpenAIChatChunk);
    case 'openai-responses':
      return lastFound(usageFromOpenAIResponsesData);
    case 'anthropic-messages':
      return new AnthropicStreamUsage();
    case 'gemini':
      return new GeminiStreamUsage();
  }
}
