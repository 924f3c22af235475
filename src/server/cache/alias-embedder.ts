/**
 * Embeddings from a model alias on /v1/embeddings, through the whole pipeline as an internal call:
 * the caller's key, budgets and ledger apply, so the embedding is billed where the question came from.
 */
import { z } from 'zod';
import { unitVector, type Embedder } from '../embeddings/index.js';
import { runInternalCall, type Gateway } from '../gateway/index.js';

const embeddingsResponseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()).min(1) })).min(1),
});

export interface AliasEmbedderOptions {
  /** An alias whose targets serve /v1/embeddings. */
  alias: string;
  /** Late-bound: the embedder is built before the gateway it is part of. */
  gateway: () => Gateway;
}

/** An embedder that asks `alias` for the vector; throws when the call fails (the lookup is then a miss). */
export function createAliasEmbedder(options: AliasEmbedderOptions): Embedder {
  return {
    async embed(text, call) {
      const { response } = await runInternalCall(options.gateway(), {
        parent: call,
        // Tagged podium.internal=embedding. No recursion is possible: the embeddings surface has no
        // conversation, so its calls never reach a semantic lookup (an exact cache on the alias still applies).
        kind: 'embedding',
        surface: 'openai-embeddings',
        body: { model: options.alias, input: text, encoding_format: 'float' },
      });
      if (response.error !== undefined || response.status !== 200) {
        throw new Error(
          `embedding alias "${options.alias}" failed: ${response.error?.message ?? `status ${response.status}`}`,
        );
      }
      const parsed = embeddingsResponseSchema.parse(JSON.parse(response.body));
      return unitVector(parsed.data[0]?.embedding ?? []);
    },
  };
}
