/**
 * Per-alias options of the cost engine: routed aliases, response caching, structured-output
 * enforcement and context compression. Each is opt-in per model alias in podium.yaml.
 */
import { z } from 'zod';

const share = z.number().min(0).max(1);
const alias = z.string().min(1);

/** `rules` policy: the first rule whose every condition holds picks the candidate. */
export const routingRuleSchema = z.strictObject({
  when: z
    .strictObject({
      /** Prompt size of the whole conversation, estimated as characters ÷ 4 (no tokenizer on the routing path), at most / at least this. */
      maxInputTokens: z.number().int().positive().optional(),
      minInputTokens: z.number().int().positive().optional(),
      /** The request declares tools (true) or none (false). */
      tools: z.boolean().optional(),
      /** The request asks for JSON (`response_format` json_object / json_schema). */
      json: z.boolean().optional(),
      /** Case-insensitive regular expression tested against the last user message. */
      pattern: z.string().min(1).optional(),
    })
    .default({}),
  use: alias,
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const shadowSchema = z.strictObject({
  /** Share of routed calls also sent to the reference, to measure quality kept. */
  rate: share,
  /** How the two answers are compared: exact text, equal JSON, equal numbers, or a judge model. */
  grader: z.enum(['exact', 'json', 'numeric', 'judge']).default('exact'),
  /** The alias that judges when `grader: judge`. */
  judge: alias.optional(),
});
export type ShadowConfig = z.infer<typeof shadowSchema>;

export const cascadeVerifySchema = z.strictObject({
  /**
   * `schema`: the answer parses and validates against the request's JSON schema (or is JSON for json_object).
   * `agreement`: the next tier's answer agrees (a cheap second opinion).
   * `verifier`: a verifier model answers YES to "is this answer correct and complete?".
   * `self-consistency`: `samples` answers of the same tier agree.
   */
  method: z.enum(['schema', 'agreement', 'verifier', 'self-consistency']),
  /** The alias asked to verify when `method: verifier`. */
  verifier: alias.optional(),
  /** Answers drawn for `self-consistency`. */
  samples: z.number().int().min(2).max(5).default(2),
});
export type CascadeVerifyConfig = z.infer<typeof cascadeVerifySchema>;

export const routerSchema = z.strictObject({
  policy: z.enum(['learned', 'cascade', 'rules']),
  /** Candidate aliases, cheapest first (a cascade tries them in this order). */
  candidates: z.array(alias).min(1),
  /** The alias quality is measured against (and the last resort of a cascade). */
  reference: alias,
  /** learned: the most quality the route may give up, as a share of the reference's (0.05 = keep 95 %). */
  maxQualityLoss: share.default(0.05),
  /** learned: the router file `podium route train` wrote, relative to podium.yaml's folder. */
  file: z.string().min(1).optional(),
  /** learned: the model name inside the router file for a candidate alias, when they differ. */
  modelNames: z.record(alias, z.string().min(1)).optional(),
  /**
   * learned: the embedder for a router file trained with embedding features (`podium route train
   * --embeddings`): `local` (the bundled offline model) or an alias served on /v1/embeddings. It must
   * be the embedder the file names. One embedding call per routed request.
   */
  embedding: z.string().min(1).optional(),
  rules: z.array(routingRuleSchema).optional(),
  verify: cascadeVerifySchema.optional(),
  shadow: shadowSchema.optional(),
});
export type RouterConfig = z.infer<typeof routerSchema>;

export const cacheOptionsSchema = z.strictObject({
  /** Same normalised request, same model, same team: replay the stored answer. */
  exact: z.strictObject({ ttlSeconds: z.number().int().positive().default(3600) }).optional(),
  /** Same meaning: a stored answer whose conversation embeds within `threshold` cosine similarity. */
  semantic: z
    .strictObject({
      ttlSeconds: z.number().int().positive().default(3600),
      threshold: z.number().min(0.5).max(1).default(0.95),
      /** `local`: the bundled offline embedding model; or an alias served on /v1/embeddings. */
      embedding: z.string().min(1).default('local'),
    })
    .optional(),
});
export type CacheOptions = z.infer<typeof cacheOptionsSchema>;

export const structuredOutputSchema = z.strictObject({
  /** Validate answers to requests that carry a JSON schema (`response_format`) before they reach the caller. */
  enforce: z.boolean().default(true),
  /** On an invalid answer, ask the model once more with the validation errors. */
  repair: z.boolean().default(true),
});
export type StructuredOutputConfig = z.infer<typeof structuredOutputSchema>;

export const compressionSchema = z.strictObject({
  /** Conversations above this many prompt tokens are compressed down to it. */
  maxInputTokens: z.number().int().positive(),
  /** The most recent messages always kept verbatim (the system prompt is always kept). */
  keepLastMessages: z.number().int().min(1).default(6),
  /** `drop` old turns, or `summarize` them with the `summarizer` alias. */
  strategy: z.enum(['drop', 'summarize']).default('drop'),
  summarizer: alias.optional(),
});
export type CompressionConfig = z.infer<typeof compressionSchema>;

/** Process-wide cache settings. */
export const cacheStoreSchema = z.strictObject({
  /** `memory` (one process) or `redis` (PODIUM_REDIS_URL, shared by replicas). Default: redis when PODIUM_REDIS_URL is set. */
  store: z.enum(['memory', 'redis']).optional(),
  /** Most entries kept in memory (least recently used evicted). */
  maxEntries: z.number().int().positive().default(10_000),
  /** Largest response body stored. */
  maxEntryBytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** The `local` embedding model runs in worker threads, off the event loop (docs/cache.md). */
  localEmbedder: z
    .strictObject({
      /** Worker threads, each holding its own copy of the model (~100 MB). Default 1. */
      workers: z.number().int().min(1).max(16).optional(),
      /** Longest a lookup waits for its embedding before it is served as a miss. Default 2,000. */
      timeoutMs: z.number().int().min(10).max(60_000).optional(),
      /** Lookups waiting for a worker; more are served as misses at once. Default 64. */
      maxQueue: z.number().int().min(1).max(10_000).optional(),
    })
    .optional(),
  /**
   * Semantic entries are kept in the database; every replica reads the ones the others stored this often
   * (milliseconds; 0 = only at start). Default 5,000.
   */
  semanticSyncMs: z.number().int().min(0).max(3_600_000).optional(),
});
export type CacheStoreConfig = z.infer<typeof cacheStoreSchema>;
