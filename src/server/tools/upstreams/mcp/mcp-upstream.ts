/**
 * An MCP server behind the tool gateway: one pooled, warm session (stdio or Streamable HTTP, either
 * protocol era), lists cached as the server allows, results parsed and bounded. Resources and prompts
 * are on the concrete class for the MCP endpoint to relay; the ToolUpstream interface is tools only.
 */
import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type { McpUpstreamConfig } from '../../../../contract/index.js';
import { PodiumError } from '../../../../contract/index.js';
import type { ToolDefinition } from '../../tool-definition.js';
import { toolResultSchema, type ToolResult } from '../../tool-result.js';
import type {
  CallToolContext,
  ListToolsContext,
  ToolCaller,
  ToolUpstream,
  UpstreamHealth,
} from '../../tool-upstream.js';
import { fetchListPages, type McpListMethod } from './fetch-list-pages.js';
import { mapMcpError } from './mcp-upstream-error.js';
import { McpSession, type McpListKind } from './mcp-session.js';
import { parseMcpTools } from './parse-mcp-tools.js';
import { ScopedListCache } from './scoped-list-cache.js';

/** Longest a request waits for a connect in progress (the first one, or a reconnect) before it is refused. */
const connectWaitMs = 10_000;

export interface McpUpstreamOptions {
  /** The directory of podium.yaml: a stdio `cwd` is relative to it. */
  readonly baseDir: string;
  readonly logger?: ((line: string) => void) | undefined;
  /** The clock of the list caches (tests pass a fake one). */
  readonly now?: (() => number) | undefined;
  /** The jitter source of reconnect back-off (tests pass a fixed one). */
  readonly random?: (() => number) | undefined;
}

export interface McpRequestContext {
  readonly caller?: ToolCaller | undefined;
  readonly signal?: AbortSignal | undefined;
}

const itemsSchema = z.array(z.looseObject({})).max(10_000);
const readResourceSchema = z.looseObject({ contents: z.array(z.looseObject({})).max(10_000) });
const getPromptSchema = z.looseObject({
  description: z.string().optional(),
  messages: z.array(z.looseObject({})).max(10_000),
});
export type McpListItem = z.infer<typeof itemsSchema>[number];
export type McpReadResourceResult = z.infer<typeof readResourceSchema>;
export type McpGetPromptResult = z.infer<typeof getPromptSchema>;

export class McpUpstream implements ToolUpstream {
  readonly kind = 'mcp' as const;
  private readonly session: McpSession;
  private readonly tools: ScopedListCache<readonly ToolDefinition[]>;
  private readonly prompts: ScopedListCache<readonly McpListItem[]>;
  private readonly resources: ScopedListCache<readonly McpListItem[]>;
  private readonly toolListeners = new Set<() => void>();
  private readonly log: (line: string) => void;

  constructor(
    readonly name: string,
    private readonly config: McpUpstreamConfig,
    options: McpUpstreamOptions,
  ) {
    this.log = options.logger ?? (() => undefined);
    const cacheOptions = { defaultTtlMs: config.listTtlMs, now: options.now };
    this.tools = new ScopedListCache(cacheOptions);
    this.prompts = new ScopedListCache(cacheOptions);
    this.resources = new ScopedListCache(cacheOptions);
    this.session = new McpSession({
      name,
      config,
      baseDir: options.baseDir,
      log: this.log,
      random: options.random,
      onListChanged: (kind) => this.listChanged(kind),
    });
    this.session.start();
  }

  listTools(context: ListToolsContext): Promise<readonly ToolDefinition[]> {
    return this.cachedList(this.tools, context, {
      method: 'tools/list',
      parse: (items) => parseMcpTools(items, { upstream: this.name, exclude: this.config.exclude, log: this.log }),
    });
  }

  async callTool(name: string, args: Readonly<Record<string, unknown>>, context: CallToolContext): Promise<ToolResult> {
    const raw = await this.request(`tool "${name}"`, context.signal, (client, options) =>
      client.request({ method: 'tools/call', params: { name, arguments: { ...args } } }, z.unknown(), options),
    );
    const bytes = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
    if (bytes > this.config.maxResultBytes) {
      throw new PodiumError(
        'upstream_body_too_large',
        `tool "${name}" on tool upstream "${this.name}" returned ${bytes} bytes, more than maxResultBytes (${this.config.maxResultBytes})`,
      );
    }
    const parsed = toolResultSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PodiumError(
        'upstream_protocol_error',
        `tool "${name}" on tool upstream "${this.name}" returned a malformed result${issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`}`,
      );
    }
    return parsed.data;
  }

  /** The server's resources (cached like tools). */
  listResources(context: McpRequestContext = {}): Promise<readonly McpListItem[]> {
    return this.cachedList(this.resources, context, { method: 'resources/list', parse: (items) => parseItems(items) });
  }

  readResource(uri: string, context: McpRequestContext = {}): Promise<McpReadResourceResult> {
    return this.request(`resource "${uri.slice(0, 200)}"`, context.signal, (client, options) =>
      client.request({ method: 'resources/read', params: { uri } }, readResourceSchema, options),
    );
  }

  /** The server's prompts (cached like tools). */
  listPrompts(context: McpRequestContext = {}): Promise<readonly McpListItem[]> {
    return this.cachedList(this.prompts, context, { method: 'prompts/list', parse: (items) => parseItems(items) });
  }

  getPrompt(
    name: string,
    args: Readonly<Record<string, string>>,
    context: McpRequestContext = {},
  ): Promise<McpGetPromptResult> {
    return this.request(`prompt "${name}"`, context.signal, (client, options) =>
      client.request({ method: 'prompts/get', params: { name, arguments: { ...args } } }, getPromptSchema, options),
    );
  }

  health(): UpstreamHealth {
    return this.session.health();
  }

  onToolsChanged(listener: () => void): () => void {
    this.toolListeners.add(listener);
    return () => this.toolListeners.delete(listener);
  }

  /** The stdio server's process id while connected (diagnostics and tests). */
  processId(): number | undefined {
    return this.session.processId();
  }

  /** The protocol revision negotiated with the server, while connected. */
  protocolVersion(): string | undefined {
    return this.session.protocolVersion();
  }

  async close(): Promise<void> {
    this.toolListeners.clear();
    await this.session.close();
  }

  /**
   * One request on the shared session: waits briefly for a connect in progress, fails fast while down, bounded by `timeoutMs` (the
   * SDK then cancels the request upstream), cancelled with the caller's signal.
   */
  private async request<T>(
    what: string,
    signal: AbortSignal | undefined,
    send: (client: Client, options: { timeout: number; signal?: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    let client: Client | undefined;
    try {
      signal?.throwIfAborted();
      await this.session.settled(Math.min(this.config.timeoutMs, connectWaitMs), signal);
      client = this.session.ready();
      const options =
        signal === undefined ? { timeout: this.config.timeoutMs } : { timeout: this.config.timeoutMs, signal };
      return await send(client, options);
    } catch (error) {
      const mapped = mapMcpError(error, {
        upstream: this.name,
        what,
        timeoutMs: this.config.timeoutMs,
        describe: (cause) => this.session.describe(cause),
        signal,
      });
      if (mapped.connectionLost && client !== undefined) this.session.connectionLost(client, error);
      throw mapped.error;
    }
  }

  private async cachedList<T>(
    cache: ScopedListCache<T>,
    context: McpRequestContext,
    { method, parse }: { method: McpListMethod; parse: (items: unknown[]) => T },
  ): Promise<T> {
    const list = cache.get(callerScope(context.caller), async () => {
      // The fetch is shared by concurrent callers: no one caller's signal may cancel it.
      const page = await this.request(method, undefined, (client) =>
        fetchListPages(client, { upstream: this.name, method, timeoutMs: this.config.timeoutMs }),
      );
      return { ...page, value: parse(page.value) };
    });
    return context.signal === undefined ? list : abortable(list, context.signal);
  }

  private listChanged(kind: McpListKind): void {
    if (kind === 'prompts') return this.prompts.invalidate();
    if (kind === 'resources') return this.resources.invalidate();
    this.tools.invalidate();
    for (const listener of this.toolListeners) {
      try {
        listener();
      } catch (error) {
        this.log(
          `[${this.name}] a tools-changed listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/**
 * Creates an MCP upstream and starts its connection at once (warm before the first call). Never
 * throws for an unreachable server: `health()` shows it and calls fail fast until it is back.
 */
export function createMcpUpstream(name: string, config: McpUpstreamConfig, options: McpUpstreamOptions): McpUpstream {
  return new McpUpstream(name, config, options);
}

/** Resources and prompts are relayed, not interpreted: each must be an object, the rest is the server's. */
function parseItems(items: unknown[]): McpListItem[] {
  const parsed = itemsSchema.safeParse(items);
  if (!parsed.success) throw new PodiumError('upstream_protocol_error', 'a listed resource or prompt is not an object');
  return parsed.data;
}

/** The identity a `private` list is kept under. */
function callerScope(caller: ToolCaller | undefined): string {
  if (caller === undefined) return '';
  return JSON.stringify([caller.orgId, caller.keyId, caller.teamName, caller.user ?? null, caller.agent ?? null]);
}

/** Waits for `promise` unless `signal` aborts first (the shared work goes on for the others). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The caller's own PodiumError (a deadline), else 499 as for a call (see mapMcpError). */
function abortReason(signal: AbortSignal): PodiumError {
  const reason: unknown = signal.reason;
  return reason instanceof PodiumError
    ? reason
    : new PodiumError('invalid_request', 'the request was cancelled by the caller', { status: 499 });
}
