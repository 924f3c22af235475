import { unitVector } from '../../embeddings/index.js';
import type { RoutingPrompt } from './routing-table.js';

/** Embeds texts in one batch, a vector per text in order (e.g. the local model, or an embeddings API). */
export type EmbedTexts = (texts: string[]) => Promise<readonly ArrayLike<number>[]>;

/** A table's prompt embeddings, row-aligned and unit length, and the embedder that made them. */
export interface PromptEmbeddings {
  /** Recorded in the router file: `local` or the alias the gateway will embed with. */
  model: string;
  vectors: readonly Float32Array[];
}

/** Options of {@link embedPrompts}. */
export interface EmbedPromptsOptions {
  prompts: readonly RoutingPrompt[];
  embed: EmbedTexts;
  model: string;
  /** Texts per `embed` call (default 64). */
  batchSize?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Embeds every prompt's text in batches, one after another (the local model spreads a batch over its
 * workers already; more batches in flight would only queue).
 * @throws Error when the embedder returns the wrong count of vectors or vectors of mixed lengths.
 */
export async function embedPrompts(options: EmbedPromptsOptions): Promise<PromptEmbeddings> {
  const batchSize = options.batchSize ?? 64;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < options.prompts.length; start += batchSize) {
    const texts = options.prompts.slice(start, start + batchSize).map((prompt) => prompt.text);
    const batch = await options.embed(texts);
    if (batch.length !== texts.length)
      throw new Error(`the embedder returned ${batch.length} vectors for ${texts.length} texts`);
    for (const vector of batch) {
      if (vector.length === 0 || vector.length !== (vectors[0]?.length ?? vector.length))
        throw new Error(
          `the embedder returned a ${vector.length}-dimension vector after ${vectors[0]?.length ?? 0}-dimension ones`,
        );
      vectors.push(unitVector(vector));
    }
    options.onProgress?.(vectors.length, options.prompts.length);
  }
  return { model: options.model, vectors };
}
