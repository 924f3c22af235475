/**
 * One call's side of a semantic lookup: its partition, the text to embed, its salient tokens, and —
 * once computed — its vector, kept so the answer can be indexed after a miss without embedding twice.
 */
import type { CacheOptions } from '../config/index.js';
import type { GatewayCall } from '../gateway/index.js';
import { semanticPartitionKey } from './cache-keys.js';
import { conversationText, readConversation } from './conversation.js';
import type { Embedder } from '../embeddings/index.js';
import { salientTokens, type SalientTokens } from './salient-tokens.js';

export type SemanticSettings = NonNullable<CacheOptions['semantic']>;

export interface SemanticRequest {
  partition: string;
  text: string;
  salient: SalientTokens;
  settings: SemanticSettings;
  embedder: Embedder;
  vector: Float32Array | undefined;
}

/** Undefined when the call cannot be compared by meaning (media, unknown items, no text, no tenant). */
export function semanticRequestOf(
  call: GatewayCall,
  options: { settings: SemanticSettings; embedder: Embedder },
): SemanticRequest | undefined {
  const conversation = readConversation(call.surface, call.body);
  if (conversation === undefined) return undefined;
  const text = conversationText(conversation);
  if (text.trim() === '') return undefined;
  const partition = semanticPartitionKey(call, conversation);
  if (partition === undefined) return undefined;
  return {
    partition,
    text,
    salient: salientTokens(text),
    settings: options.settings,
    embedder: options.embedder,
    vector: undefined,
  };
}

/** The request's vector, embedded on first use. */
export async function vectorOf(request: SemanticRequest, call: GatewayCall): Promise<Float32Array> {
  request.vector ??= await request.embedder.embed(request.text, call);
  return request.vector;
}
