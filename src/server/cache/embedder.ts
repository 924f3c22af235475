/**
 * Turns a conversation's wording into a vector for the semantic cache. Two implementations: the
 * bundled offline model (`local`) and any alias served on /v1/embeddings. Vectors are unit length, so
 * cosine similarity is a dot product.
 */
import type { GatewayCall } from '../gateway/index.js';

export interface Embedder {
  /** A unit-length vector for `text`. `call` is the call the lookup is for: an alias embedder bills its key. */
  embed(text: string, call: GatewayCall): Promise<Float32Array>;
  /** Releases what the embedder holds (the local model's worker threads); absent when it holds nothing. */
  close?(): Promise<void>;
}

/** `values` scaled to unit length (a zero vector stays zero and matches nothing). */
export function unitVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < vector.length; index += 1) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

/** Cosine similarity of two unit vectors; vectors of different lengths (another model) are unrelated. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  // Non-null assertions, not `?? 0`: the index is in range, and this loop runs once per stored entry.
  for (let index = 0; index < a.length; index += 1) dot += a[index]! * b[index]!;
  return dot;
}
