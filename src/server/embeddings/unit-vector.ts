/**
 * The one normalisation of embedding vectors: the cache's index, the learned router's features and the routing
 * tables' prompt embeddings must agree on it, or a router trained offline scores different vectors online.
 */

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
