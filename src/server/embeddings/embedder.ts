/**
 * Turns text into a vector: the semantic cache compares a conversation's wording with it, a learned router
 * scores a prompt with it, `podium route train|eval` embeds a routing table with it. Two implementations: the
 * bundled offline model in worker threads (local-embedder.ts) and any alias served on /v1/embeddings
 * (cache/alias-embedder.ts). Vectors are unit length (unit-vector.ts), so cosine similarity is a dot product.
 */
import type { GatewayCall } from '../gateway/index.js';

export interface Embedder {
  /**
   * A unit-length vector for `text`. `call` is the call the vector is for: an alias embedder bills its key; the
   * local model ignores it, so offline tools call a local embedder with the text alone.
   */
  embed(text: string, call: GatewayCall): Promise<Float32Array>;
  /** Releases what the embedder holds (the local model's worker threads); absent when it holds nothing. */
  close?(): Promise<void>;
}
