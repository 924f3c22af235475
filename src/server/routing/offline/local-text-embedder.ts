/**
 * The bundled offline sentence encoder for `podium route train|eval --embeddings local`: the very loader the
 * gateway's `local` embedder uses (embeddings/local-embedder.ts, the model in worker threads), so a router
 * trained here scores exactly the vectors the learned policy computes online, and a batch's texts are spread
 * over the workers instead of queuing on the event loop. ~10–20 ms of CPU per text.
 */
import { availableParallelism } from 'node:os';
import { createLocalEmbedder } from '../../embeddings/index.js';
import type { EmbedTexts } from './prompt-embeddings.js';

/**
 * Starts up to four workers on the first call (each loads the model: ~170 ms and ~100 MB). They are unref'd, so
 * they never keep the CLI alive once its work is done.
 */
export function createLocalTextEmbedder(): EmbedTexts {
  const embedder = createLocalEmbedder({
    workers: Math.max(1, Math.min(4, availableParallelism())),
    // Offline: a whole batch is queued at once and nobody is waiting on a request, so waits are generous.
    timeoutMs: 10 * 60_000,
    maxQueue: 100_000,
  });
  return (texts) => Promise.all(texts.map((text) => embedder.embed(text)));
}
