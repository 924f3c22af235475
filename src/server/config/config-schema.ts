/**
 * The shape of podium.yaml. Restrictive on purpose: an unknown key is almost always a typo that
 * would otherwise silently change nothing, so it is an error naming its path.
 */
import { z } from 'zod';
import {
  approvalsConfigSchema,
  budgetDefinitionSchema,
  dataProtectionSchema,
  decisionDefinitionSchema,
  formattedWebhookSchema,
  modelDataProtectionSchema,
  providerTypes,
  toolsConfigSchema,
  webhookSchema,
} from '../../contract/index.js';
import {
  cacheOptionsSchema,
  cacheStoreSchema,
  compressionSchema,
  routerSchema,
  structuredOutputSchema,
} from './route-options-schema.js';

const positiveMs = z.number().int().positive();

export const priceSchema = z.strictObject({
  /** USD per 1M input tokens (uncached). */
  input: z.number().nonnegative(),
  /** USD per 1M output tokens (reasoning included). */
  output: z.number().nonnegative(),
  /** USD per 1M input tokens read from the provider's prompt cache; defaults to `input`. */
  cachedInput: z.number().nonnegative().optional(),
  /** USD per 1M input tokens written to the provider's prompt cache; defaults to `input`. */
  cacheWrite: z.number().nonnegative().optional(),
});
export type Price = z.infer<typeof priceSchema>;

const retrySchema = z.strictObject({
  /** Retries of the same target before falling back to the next one. */
  maxRetries: z.number().int().min(0).max(10).default(1),
  baseDelayMs: positiveMs.default(200),
  /** Upper bound on any wait, including one asked for by `retry-after`. */
  maxDelayMs: positiveMs.default(10_000),
});

export const providerConfigSchema = z.strictObject({
  type: z.enum(providerTypes),
  apiKey: z.string().optional(),
  /** Optional for openai, anthropic and gemini; the resource endpoint for azure-openai; required for openai-compatible. */
  baseUrl: z.url().optional(),
  /** azure-openai only. */
  apiVersion: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Time allowed for the upstream's response headers. */
  timeoutMs: positiveMs.optional(),
  /** Time allowed between two body chunks once the headers arrived (a stall after headers is a retryable 504). */
  idleTimeoutMs: positiveMs.optional(),
  /** Whether calls leave the organisation's network (policies see it as `resource.external`). Default: true, false for openai-compatible. */
  external: z.boolean().optional(),
  /** Upper bound on open connections to this provider. */
  connections: z.number().int().min(1).max(4096).default(256),
  retry: retrySchema.optional(),
});
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

export const targetConfigSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  /** Relative share of traffic when the model's strategy is `weighted`. */
  weight: z.number().positive().default(1),
  timeoutMs: positiveMs.optional(),
  idleTimeoutMs: positiveMs.optional(),
  /** This target's own price; else the alias's `price` for the first target only, else `pricing:` / built-in by `model`. */
  price: priceSchema.optional(),
});
export type TargetConfig = z.infer<typeof targetConfigSchema>;

export const modelConfigSchema = z
  .strictObject({
    /** Provider targets; a routed alias has `router` instead. */
    targets: z.array(targetConfigSchema).default([]),
    /** A routed alias: each call goes to one of `candidates` (see docs/routing.md). */
    router: routerSchema.optional(),
    cache: cacheOptionsSchema.optional(),
    structuredOutput: structuredOutputSchema.optional(),
    compression: compressionSchema.optional(),
    /** Overrides of the top-level `dataProtection` for this alias. */
    dataProtection: modelDataProtectionSchema.optional(),
    /** `fallback`: targets in order. `weighted`: pick the first by weight, fall back through the rest. */
    strategy: z.enum(['fallback', 'weighted']).default('fallback'),
    price: priceSchema.optional(),
    description: z.string().optional(),
  })
  .superRefine((model, context) => {
    // Checked in the schema, not with the cross-references, so it is reported with every other shape problem.
    if (!model.router && model.targets.length === 0)
      context.addIssue({ code: 'custom', path: ['targets'], message: 'at least one target is required (or a router)' });
  });
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const fileConfigSchema = z.strictObject({
  providers: z
    .record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or -'), providerConfigSchema)
    .default({}),
  models: z.record(z.string().min(1), modelConfigSchema).default({}),
  /** Per-model price overrides keyed by the provider's model id (e.g. `gpt-4o-mini-2024-07-18`). */
  pricing: z.record(z.string().min(1), priceSchema).default({}),
  gateway: z
    .strictObject({
      /** Largest accepted request body. */
      maxBodyBytes: z
        .number()
        .int()
        .positive()
        .default(8 * 1024 * 1024),
      /** Default per-target timeout when neither the target nor its provider sets one. */
      timeoutMs: positiveMs.default(120_000),
      /** Default idle timeout after the response headers; absent: the target's `timeoutMs`. */
      idleTimeoutMs: positiveMs.optional(),
      /** Largest non-streamed upstream body read; a larger one fails the call (502 `upstream_body_too_large`). */
      maxUpstreamBodyBytes: z
        .number()
        .int()
        .positive()
        .default(32 * 1024 * 1024),
      /** Longest line or event of an upstream stream, in characters; a longer one fails the stream. */
      maxStreamEventLength: z
        .number()
        .int()
        .positive()
        .default(16 * 1024 * 1024),
      retry: retrySchema.default({ maxRetries: 1, baseDelayMs: 200, maxDelayMs: 10_000 }),
      /** Anthropic requires max_tokens; used when a translated OpenAI call sets none. */
      defaultMaxTokens: z.number().int().positive().default(4096),
    })
    .default({
      maxBodyBytes: 8 * 1024 * 1024,
      timeoutMs: 120_000,
      maxUpstreamBodyBytes: 32 * 1024 * 1024,
      maxStreamEventLength: 16 * 1024 * 1024,
      retry: { maxRetries: 1, baseDelayMs: 200, maxDelayMs: 10_000 },
      defaultMaxTokens: 4096,
    }),
  budgets: z
    .strictObject({
      /** Budgets defined in the file (the admin API can add more). */
      definitions: z.array(budgetDefinitionSchema).default([]),
      /** Where counters live: in process (one instance), Redis (PODIUM_REDIS_URL) or PostgreSQL. Default: redis when PODIUM_REDIS_URL is set, else postgres when PODIUM_DATABASE_URL is, else memory. */
      counters: z.enum(['memory', 'redis', 'postgres']).optional(),
      /** When the counter store is unreachable: refuse calls (closed) or admit them uncounted and replay later (open). */
      failMode: z.enum(['open', 'closed']).default('closed'),
      /** Output tokens assumed when a call sets no max_tokens: a high percentile, so the reservation bounds the cost. */
      defaultMaxOutputTokens: z.number().int().positive().default(4096),
      /** Who may grant or deny budget requests; absent: anyone with the admin key, who names themselves. */
      approvers: z.array(z.string().min(1)).optional(),
      /** Milliseconds between checks for budgets changed on another replica (and that shared counters still hold their data). */
      refreshIntervalMs: z.number().int().min(100).max(60_000).default(1000),
    })
    .default({ definitions: [], failMode: 'closed', defaultMaxOutputTokens: 4096, refreshIntervalMs: 1000 }),
  alerts: z
    .strictObject({
      /** `slack`: a Slack-compatible `{ text, blocks }` payload; `json`: the event itself. */
      webhooks: z.array(formattedWebhookSchema).default([]),
    })
    .default({ webhooks: [] }),
  /** Roles: named groups of humans and agents, for decision makers (`makers.roles`) and approvers (`role:<name>`). */
  roles: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
  /** The decision registry (docs/authority.md): definitions here and in included files. */
  decisions: z
    .strictObject({
      definitions: z.array(decisionDefinitionSchema).default([]),
      /** YAML files holding one definition or a list, relative to podium.yaml. */
      include: z.array(z.string().min(1)).default([]),
    })
    .default({ definitions: [], include: [] }),
  /** The tamper-evident audit trail: signed checkpoints and where they are exported (docs/audit.md). */
  audit: z
    .strictObject({
      /** Sign a tenant's head once this many of its entries are unsigned. */
      checkpointEvery: z.number().int().min(1).default(1000),
      /** Sign every tenant's head this often while it has unsigned entries. */
      checkpointIntervalMs: positiveMs.default(60_000),
      /** Ed25519 private key (PKCS#8 PEM), generated on first start; default: derived from the server secret (PODIUM_SECRET_KEY). */
      signingKeyPath: z.string().min(1).optional(),
      /**
       * JSONL file every checkpoint is appended to (fsync), outside the database. Default: `podium-audit-checkpoints.jsonl`
       * beside the server secret's file (or the data dir's parent); `false` exports none (then use a webhook).
       */
      checkpointFile: z.union([z.string().min(1), z.literal(false)]).optional(),
      webhooks: z.array(webhookSchema).default([]),
    })
    .default({ checkpointEvery: 1000, checkpointIntervalMs: 60_000, webhooks: [] }),
  /**
   * Requests Podium sends to URLs (decision callbacks, alert, approval and checkpoint webhooks) never reach private,
   * loopback or link-local addresses unless listed here: host names, addresses or CIDR ranges (docs/authority.md).
   */
  outbound: z.strictObject({ allow: z.array(z.string().min(1).max(300)).max(1000).default([]) }).default({ allow: [] }),
  /** Human approvals: notification webhooks, signed links, reminders (docs/approvals.md). */
  approvals: approvalsConfigSchema,
  /** The tool gateway: MCP servers, OpenAPI services and SQL databases behind one governed door (docs/tools.md). */
  tools: toolsConfigSchema.optional(),
  /** Personal data in requests and answers: detect, redact or block per class, alias and provider (docs/data-protection.md). */
  dataProtection: dataProtectionSchema.optional(),
  /** Cedar policies over model calls (docs/policies.md). Absent: no policy stage; present: deny by default. */
  policies: z
    .strictObject({
      /** Policy files, relative to podium.yaml. */
      files: z.array(z.string().min(1)).default([]),
      /** Policies written in the file itself, by name. */
      inline: z.record(z.string().min(1), z.string().min(1)).default({}),
      /** `log-only` records what would have been denied and lets the call through: roll out before enforcing. */
      mode: z.enum(['enforce', 'log-only']).default('enforce'),
      /** Milliseconds between checks of podium.yaml and the policy files for changes (reloaded without a restart; SIGHUP reloads at once). */
      reloadIntervalMs: z.number().int().min(100).max(60_000).default(2000),
    })
    .optional(),
  cache: cacheStoreSchema.default({ maxEntries: 10_000, maxEntryBytes: 1024 * 1024 }),
  ledger: z
    .strictObject({
      /** Most records buffered before a flush is forced. */
      batchSize: z.number().int().min(1).max(10_000).default(500),
      /** Longest a record waits in memory before it is written: the crash window. */
      flushIntervalMs: positiveMs.default(1000),
    })
    .default({ batchSize: 500, flushIntervalMs: 1000 }),
  /** The HTTP edge: which Host names are answered, what clients may send and for how long, /metrics access (docs/configuration.md). */
  http: z
    .strictObject({
      /** Host names answered (DNS-rebinding defence); `["*"]` answers any. Default: loopback names when bound to loopback, any otherwise. */
      allowedHosts: z.array(z.string().min(1)).min(1).optional(),
      /** Largest request line plus headers; larger gets 431. */
      maxHeaderBytes: z
        .number()
        .int()
        .min(1024)
        .max(1024 * 1024)
        .default(16 * 1024),
      /** Longest wait for a request's headers. */
      headersTimeoutMs: positiveMs.default(20_000),
      /** Longest a request body may take to arrive; slower gets 408 and the connection closed. */
      bodyTimeoutMs: positiveMs.default(30_000),
      /** How long an idle keep-alive connection stays open. */
      keepAliveTimeoutMs: positiveMs.default(65_000),
      /** When set, GET /metrics requires `Authorization: Bearer <token>` (use `${PODIUM_METRICS_TOKEN}`). */
      metricsToken: z.string().min(16, 'at least 16 characters').optional(),
    })
    .default({
      maxHeaderBytes: 16 * 1024,
      headersTimeoutMs: 20_000,
      bodyTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
    }),
  /** The in-memory cache of virtual keys (docs/configuration.md, `identity`). */
  identity: z
    .strictObject({
      /** How long a key is served from memory before the database is asked again: how long a key revoked on another replica keeps working here. */
      keyCacheTtlMs: positiveMs.default(10_000),
      /** How long past that a known key is still served while the database is unreachable; 0 refuses every call once the cache expires. */
      staleKeyTtlMs: z.number().int().min(0).default(3_600_000),
    })
    .default({ keyCacheTtlMs: 10_000, staleKeyTtlMs: 3_600_000 }),
});
export type FileConfig = z.infer<typeof fileConfigSchema>;
