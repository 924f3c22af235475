/**
 * The `tools:` section of podium.yaml: the systems behind the tool gateway (MCP servers, OpenAPI
 * services, SQL databases), the tool sets callers see, and the gateway's limits. Secrets come from the
 * environment through `${VAR}`, interpolated before this schema runs. Strict objects: an unknown key is
 * a typo that would silently change nothing.
 */
import { z } from 'zod';

const positiveMs = z.number().int().positive().max(86_400_000);
const headerMap = z.record(z.string().min(1).max(200), z.string().max(8192));

/** An upstream's name: also the prefix of its tools' exposed names (`files__read_file`). */
export const toolUpstreamNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, _ or -, starting with a letter or digit')
  .refine((name) => !name.includes('__'), 'must not contain "__" (it separates upstream and tool)');

/** What every upstream kind may set. */
const upstreamCommon = {
  description: z.string().max(2000).optional(),
  /** Longest a tool call to this upstream may take. */
  timeoutMs: positiveMs.default(60_000),
  /** Largest result accepted from this upstream, in bytes of JSON; larger fails the call (502). */
  maxResultBytes: z
    .number()
    .int()
    .positive()
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** Tools not to expose at all (exact names on the upstream). */
  exclude: z.array(z.string().min(1).max(128)).max(10_000).default([]),
};

export const mcpUpstreamSchema = z
  .strictObject({
    type: z.literal('mcp'),
    /** stdio: the command and its arguments. */
    command: z.array(z.string().min(1).max(4096)).min(1).max(256).optional(),
    /** stdio: extra environment for the command (the rest of Podium's environment is not passed). */
    env: z.record(z.string().min(1).max(200), z.string().max(8192)).default({}),
    /** stdio: working directory, relative to podium.yaml. */
    cwd: z.string().min(1).optional(),
    /** Streamable HTTP: the endpoint URL. */
    url: z.url().optional(),
    /** Streamable HTTP: headers sent on every request (credentials from `${VAR}`). */
    headers: headerMap.default({}),
    /** How long a tools/list stays cached when the server gives no `ttlMs`. */
    listTtlMs: positiveMs.default(300_000),
    ...upstreamCommon,
  })
  .refine((upstream) => (upstream.command === undefined) !== (upstream.url === undefined), {
    message: 'an mcp upstream has exactly one of `command` (stdio) or `url` (Streamable HTTP)',
  });

export const openApiUpstreamSchema = z.strictObject({
  type: z.literal('openapi'),
  /** The OpenAPI 3.x document (JSON or YAML), relative to podium.yaml, or an http(s) URL. */
  spec: z.string().min(1).max(4096),
  /** Where calls go; absent: the document's first server. */
  baseUrl: z.url().optional(),
  headers: headerMap.default({}),
  /** operationIds exposed as tools; absent: every operation in the document. */
  operations: z.array(z.string().min(1).max(200)).max(10_000).optional(),
  ...upstreamCommon,
});

export const sqlParamTypes = ['string', 'integer', 'number', 'boolean'] as const;
/** Where a bound parameter comes from: the caller's identity, never the model. */
export const sqlParamSources = ['caller.user', 'caller.agent', 'caller.team', 'caller.org', 'caller.key'] as const;

export const sqlParamSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits or _, not starting with a digit'),
    type: z.enum(sqlParamTypes).default('string'),
    description: z.string().max(2000).optional(),
    /** Bound from the caller's identity: the model neither sees nor sets it. */
    from: z.enum(sqlParamSources).optional(),
    /** Model-supplied parameters only: may be left out (bound as NULL). */
    optional: z.boolean().default(false),
  })
  .refine((param) => !(param.from !== undefined && param.optional), {
    message: 'a parameter bound from the caller cannot be optional',
  });

export const sqlStatementSchema = z.strictObject({
  /** One parameterised statement: `$1`, `$2`… in the order of `params`. */
  sql: z.string().min(1).max(100_000),
  description: z.string().max(10_000).optional(),
  params: z.array(sqlParamSchema).max(100).default([]),
  /** Statements run in a read-only transaction unless this is set (reviewed writes). */
  write: z.boolean().default(false),
  /** Most rows returned; more are cut and the result says so. */
  maxRows: z.number().int().positive().max(100_000).optional(),
});

export const sqlUpstreamSchema = z.strictObject({
  type: z.literal('sql'),
  /** A PostgreSQL connection string (`${ORDERS_DB}`). */
  databaseUrl: z.string().min(1).max(4096),
  statements: z.record(z.string().min(1).max(128), sqlStatementSchema),
  /** Default row limit for the upstream's statements. */
  maxRows: z.number().int().positive().max(100_000).default(1000),
  /** Most connections kept to the database. */
  connections: z.number().int().min(1).max(100).default(4),
  ...upstreamCommon,
});

export const toolUpstreamSchema = z.discriminatedUnion('type', [
  mcpUpstreamSchema,
  openApiUpstreamSchema,
  sqlUpstreamSchema,
]);
export type McpUpstreamConfig = z.infer<typeof mcpUpstreamSchema>;
export type OpenApiUpstreamConfig = z.infer<typeof openApiUpstreamSchema>;
export type SqlUpstreamConfig = z.infer<typeof sqlUpstreamSchema>;
export type SqlParam = z.infer<typeof sqlParamSchema>;
export type SqlStatement = z.infer<typeof sqlStatementSchema>;
export type ToolUpstreamConfig = z.infer<typeof toolUpstreamSchema>;

/** One entry of a tool set: an exposed name or pattern (`files__*`), optionally renamed or re-described. */
export const toolSetEntrySchema = z.union([
  z.string().min(1).max(200),
  z.strictObject({
    tool: z.string().min(1).max(200),
    /** The name the caller sees instead. */
    as: z.string().min(1).max(128).optional(),
    /** The description the caller sees instead. */
    description: z.string().max(100_000).optional(),
  }),
]);
export type ToolSetEntry = z.infer<typeof toolSetEntrySchema>;

export const toolSetSchema = z.strictObject({
  description: z.string().max(2000).optional(),
  tools: z.array(toolSetEntrySchema).min(1).max(10_000),
  /** Attached to: callers with any of these teams, agents or key ids see the set. */
  teams: z.array(z.string().min(1)).default([]),
  agents: z.array(z.string().min(1)).default([]),
  keys: z.array(z.string().min(1)).default([]),
});
export type ToolSetConfig = z.infer<typeof toolSetSchema>;

/** Per-tool cost and rate: charged through the budget engine (`requests` counts calls, `usd` their price). */
export const toolCostSchema = z.strictObject({
  usd: z.number().nonnegative().max(1_000_000).default(0),
  /** Units charged to `requests` budgets per call (default 1). */
  requests: z.number().int().min(0).max(1_000_000).default(1),
});
export type ToolCost = z.infer<typeof toolCostSchema>;

/** Podium's own tools are served as the upstream `podium`: a configured one would shadow them. */
export const reservedToolUpstreamName = 'podium';

export const toolsConfigSchema = z.strictObject({
  upstreams: z
    .record(toolUpstreamNameSchema, toolUpstreamSchema)
    .default({})
    .superRefine((upstreams, context) => {
      if (Object.hasOwn(upstreams, reservedToolUpstreamName))
        context.addIssue({
          code: 'custom',
          path: [reservedToolUpstreamName],
          message: `the upstream name "${reservedToolUpstreamName}" is reserved for Podium's own tools`,
        });
    }),
  /** Named selections of tools; a caller with none attached sees every approved tool. */
  sets: z.record(z.string().min(1).max(64), toolSetSchema).default({}),
  /** Cost per exposed tool name or pattern (`crm__*`); unlisted tools cost one request and $0. */
  costs: z.record(z.string().min(1).max(200), toolCostSchema).default({}),
  /** Longest an approval-gated tool call waits for a human before it is denied. */
  approvalTimeoutMs: positiveMs.default(15 * 60_000),
  /** Largest result passed back to a caller, in bytes of JSON, after screening; larger is cut with a notice. */
  maxResultBytes: z
    .number()
    .int()
    .positive()
    .max(64 * 1024 * 1024)
    .default(256 * 1024),
  /** More tools visible than this: callers get a search tool that loads tools on demand instead of the full list. */
  searchThreshold: z.number().int().min(1).max(100_000).default(64),
  /**
   * `admin`: a new or changed tool is quarantined until `podium tools approve`. `first-seen`: a tool is pinned the
   * first time it is seen (later changes are still quarantined) — for development only.
   */
  pinning: z.enum(['admin', 'first-seen']).default('admin'),
});
export type ToolsConfig = z.infer<typeof toolsConfigSchema>;
