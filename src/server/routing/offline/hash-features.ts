import { fnv1a } from './split-train-validation.js';

/** A sparse binary feature vector: bucket indices, each weighted `value` (1/√n keeps long prompts from dominating). */
export interface SparseFeatures {
  indices: Int32Array;
  value: number;
}

/**
 * Hashes what a router may see of a prompt — words, word pairs, the category and a length bucket —
 * into `2^bits` buckets. Only the text: never the prompt id, so what is learned carries over to
 * prompts never seen. Costs a few microseconds per prompt.
 */
export function hashFeatures(input: { text: string; category?: string | undefined; inputTokens: number; bits: number }): SparseFeatures {
  const mask = (1 << input.bits) - 1;
  const buckets = new Set<number>([0]);
  const add = (token: string): void => {
    // Bucket 0 is the bias; a token hashing there just shares it.
    buckets.add(fnv1a(token) & mask);
  };
  const words = input.text.toLowerCase().match(/[a-z]+|[0-9]+|[^\sa-z0-9]/g) ?? [];
  let previous = '^';
  for (const word of words) {
    add(`w:${word}`);
    add(`b:${previous} ${word}`);
    previous = word;
  }
  if (input.category !== undefined) add(`c:${input.category}`);
  add(`len:${Math.round(Math.log2(1 + input.inputTokens))}`);
  const indices = Int32Array.from(buckets);
  return { indices, value: 1 / Math.sqrt(indices.length) };
}
