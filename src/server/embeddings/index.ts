export type { Embedder } from './embedder.js';
export { cosineSimilarity, unitVector } from './unit-vector.js';
export { createLocalEmbedder } from './local-embedder.js';
export type { LocalEmbedderOptions } from './local-embedder.js';
export { createWorkerEmbedder } from './worker-embedder.js';
export type { WorkerEmbedder, WorkerEmbedderOptions } from './worker-embedder.js';
