/**
 * An HTTP API described by an OpenAPI 3.0 / 3.1 document as a tool upstream: one tool per
 * operation, each call one HTTP request. This is how a legacy system becomes reachable by agents
 * without anyone writing an MCP server; everything governed happens around it (ToolUpstream).
 *
 * Calls go through one undici Pool per upstream, like the model providers' (no WHATWG copies on the
 * hot path). undici's `request` follows no redirect: a 3xx is returned to the model as the tool's
 * failure, so a redirect can never take a call, or its credentials, to another origin.
 */
import { Pool } from 'undici';
import { PodiumError, type OpenApiUpstreamConfig } from '../../../../contract/index.js';
import type { ToolDefinition } from '../../tool-definition.js';
import type { ToolResult } from '../../tool-result.js';
import type { CallToolContext, ToolUpstream } from '../../tool-upstream.js';
import { blockedHeaders } from './blocked-headers.js';
import { buildOperationRequest, type RequestTarget } from './build-operation-request.js';
import { blamesUpstream, callError } from './call-error.js';
import { createCallHealth, type CallHealth } from './call-health.js';
import { collectOperations } from './collect-operations.js';
import { loadOpenApiDocument } from './load-openapi-document.js';
import type { OpenApiOperation } from './openapi-operation.js';
import { createSecretRedactor } from './redact-secrets.js';
import { resolveBaseUrl } from './resolve-base-url.js';
import { responseToToolResult } from './response-to-tool-result.js';
import { sendOperationRequest } from './send-operation-request.js';

export interface OpenApiUpstreamOptions {
  /** The directory `spec` is relative to (podium.yaml's). */
  readonly baseDir: string;
  /** Where notices go (an operation skipped); default: nowhere. */
  readonly logger?: ((line: string) => void) | undefined;
}

/** Connections kept to one OpenAPI upstream. */
const connections = 16;
/** How long `close()` waits for calls in flight before cutting them. */
const closeGraceMs = 5_000;

/**
 * Loads the document and returns the upstream, ready to call.
 * @throws PodiumError `config_invalid` naming the spec and the place in it for a document Podium cannot use.
 */
export async function createOpenApiUpstream(
  name: string,
  config: OpenApiUpstreamConfig,
  options: OpenApiUpstreamOptions,
): Promise<ToolUpstream> {
  const place = { upstream: name, spec: config.spec };
  const document = await loadOpenApiDocument(place, options.baseDir);
  const blocked = blockedHeaders(config.headers);
  const operations = collectOperations(document, {
    place,
    blockedHeaders: blocked,
    allow: config.operations,
    exclude: config.exclude,
    logger: options.logger ?? (() => undefined),
  });
  const base = resolveBaseUrl(place, config.baseUrl, document);
  const target: RequestTarget = { basePath: base.basePath, configuredHeaders: config.headers, blockedHeaders: blocked };
  const pool = new Pool(base.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  return new OpenApiUpstream({
    name,
    config,
    operations,
    target,
    pool,
    health: createCallHealth(),
    redact: createSecretRedactor(config.headers),
  });
}

interface OpenApiUpstreamParts {
  readonly name: string;
  readonly config: OpenApiUpstreamConfig;
  readonly operations: readonly OpenApiOperation[];
  readonly target: RequestTarget;
  readonly pool: Pool;
  readonly health: CallHealth;
  readonly redact: (text: string) => string;
}

class OpenApiUpstream implements ToolUpstream {
  readonly kind = 'openapi' as const;
  readonly name: string;
  private readonly tools: readonly ToolDefinition[];
  private readonly byName: ReadonlyMap<string, OpenApiOperation>;
  private closing = false;

  constructor(private readonly parts: OpenApiUpstreamParts) {
    this.name = parts.name;
    this.tools = parts.operations.map((operation) => operation.definition);
    this.byName = new Map(parts.operations.map((operation) => [operation.toolName, operation]));
  }

  listTools(): Promise<readonly ToolDefinition[]> {
    return Promise.resolve(this.tools);
  }

  async callTool(tool: string, args: Readonly<Record<string, unknown>>, context: CallToolContext): Promise<ToolResult> {
    const operation = this.byName.get(tool);
    if (operation === undefined) {
      throw new PodiumError('tool_not_found', `openapi upstream "${this.name}" has no tool "${tool.slice(0, 200)}"`);
    }
    if (this.closing) throw new PodiumError('upstream_unavailable', `openapi upstream "${this.name}" is closed`);
    const request = buildOperationRequest(operation, args, this.parts.target);
    const { timeoutMs, maxResultBytes } = this.parts.config;
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([context.signal, timeoutSignal]);
    try {
      const limits = { upstream: this.name, tool, timeoutMs, maxResultBytes, signal };
      const response = await sendOperationRequest(this.parts.pool, request, limits);
      if (response.status >= 500) this.parts.health.failed(`HTTP ${response.status}`);
      else this.parts.health.succeeded();
      return responseToToolResult(response, this.parts.redact);
    } catch (error) {
      const failure = callError(error, { upstream: this.name, timeoutMs, callerSignal: context.signal, timeoutSignal });
      if (blamesUpstream(failure, context.signal)) this.parts.health.failed(failure.message);
      throw failure;
    }
  }

  health() {
    return this.parts.health.current();
  }

  /** The document is read once, at creation; reloading it comes later, so nothing ever fires. */
  onToolsChanged(_listener: () => void): () => void {
    return () => undefined;
  }

  /** Lets calls in flight finish for a few seconds, then cuts them: `timeoutMs` may be hours. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.parts.health.closed();
    let finished = false;
    const closed = this.parts.pool.close().then(
      () => (finished = true),
      () => (finished = true),
    );
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeGraceMs)));
    await Promise.race([closed, grace]);
    clearTimeout(timer);
    if (!finished) await this.parts.pool.destroy();
  }
}
