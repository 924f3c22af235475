/** Resolves an alias's `cache.semantic.embedding` setting to one shared embedder per name. */
import { createLocalEmbedder, type Embedder, type LocalEmbedderOptions } from '../embeddings/index.js';
import type { Gateway } from '../gateway/index.js';
import { createAliasEmbedder } from './alias-embedder.js';

export interface EmbedderSelectorOptions {
  /** Late-bound gateway, for embedding aliases (internal calls). */
  gateway: () => Gateway;
  /** The `local` embedder (default: the bundled model in worker threads); tests pass a fake. */
  local?: Embedder | undefined;
  /** Settings of the default `local` embedder (`cache.localEmbedder`). */
  localOptions?: LocalEmbedderOptions | undefined;
}

/** Picks an embedder by name; `close` ends the ones it started (the local model's workers). */
export interface EmbedderSelector {
  (embedding: string): Embedder;
  close(): Promise<void>;
}

/** `local` → the bundled model (workers start on first use); anything else → that embedding alias. */
export function createEmbedderSelector(options: EmbedderSelectorOptions): EmbedderSelector {
  const embedders = new Map<string, Embedder>();
  const select = (embedding: string): Embedder => {
    let embedder = embedders.get(embedding);
    if (embedder === undefined) {
      embedder =
        embedding === 'local'
          ? (options.local ?? createLocalEmbedder(options.localOptions))
          : createAliasEmbedder({ alias: embedding, gateway: options.gateway });
      embedders.set(embedding, embedder);
    }
    return embedder;
  };
  return Object.assign(select, {
    async close() {
      // A `local` passed in belongs to the caller, who closes it.
      const started = [...embedders.values()].filter((embedder) => embedder !== options.local);
      embedders.clear();
      await Promise.all(started.map((embedder) => embedder.close?.() ?? Promise.resolve()));
    },
  });
}
