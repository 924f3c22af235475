/** Resolves an alias's `cache.semantic.embedding` setting to one shared embedder per name. */
import type { Gateway } from '../gateway/index.js';
import { createAliasEmbedder } from './alias-embedder.js';
import type { Embedder } from './embedder.js';
import { createLocalEmbedder } from './local-embedder.js';

export interface EmbedderSelectorOptions {
  /** Late-bound gateway, for embedding aliases (internal calls). */
  gateway: () => Gateway;
  /** The `local` embedder (default: the bundled model); tests pass a fake. */
  local?: Embedder | undefined;
}

/** `local` → the bundled model (loaded once, on first use); anything else → that embedding alias. */
export function createEmbedderSelector(options: EmbedderSelectorOptions): (embedding: string) => Embedder {
  const embedders = new Map<string, Embedder>();
  return (embedding) => {
    let embedder = embedders.get(embedding);
    if (embedder === undefined) {
      embedder = embedding === 'local' ? (options.local ?? createLocalEmbedder()) : createAliasEmbedder({ alias: embedding, gateway: options.gateway });
      embedders.set(embedding, embedder);
    }
    return embedder;
  };
}
