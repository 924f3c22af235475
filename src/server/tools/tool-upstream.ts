/**
 * One system behind the tool gateway — an MCP server, an HTTP API described by OpenAPI, a SQL
 * database — seen the same way: it lists tools and calls them. Everything governed (policy, approval,
 * budget, validation, screening, audit) happens around this interface, never inside an upstream, so
 * a new kind of upstream gets all of it by implementing these few methods.
 */
import type { ToolDefinition } from './tool-definition.js';
import type { ToolResult } from './tool-result.js';

/** Who a call is made for, as far as an upstream may know: SQL binds row-scoping parameters from it. */
export interface ToolCaller {
  readonly orgId: string;
  readonly keyId: string;
  readonly teamName: string;
  /** The end user (`x-podium-user` or the key's user), when known. */
  readonly user: string | undefined;
  /** The agent making the call (`x-podium-agent` or the key's agent), when known. */
  readonly agent: string | undefined;
}

export interface ListToolsContext {
  readonly caller: ToolCaller | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface CallToolContext {
  readonly caller: ToolCaller;
  /** Aborted when the caller goes away or the call's deadline passes. */
  readonly signal: AbortSignal;
  /** The call's id in the ledger and audit (sent upstream as a trace hint where the kind allows). */
  readonly callId: string;
}

export type UpstreamState = 'connecting' | 'ready' | 'degraded' | 'down' | 'closed';

/** What `/readyz`, the admin API and `podium tools list` show about an upstream. */
export interface UpstreamHealth {
  readonly state: UpstreamState;
  /** The last failure, already stripped of secrets. */
  readonly lastError?: string | undefined;
  /** When the state last changed (ISO 8601). */
  readonly since: string;
  /** Next reconnect attempt, while down. */
  readonly retryAt?: string | undefined;
}

export type UpstreamKind = 'mcp' | 'openapi' | 'sql' | 'podium';

export interface ToolUpstream {
  readonly name: string;
  readonly kind: UpstreamKind;
  /**
   * The upstream's tools, sorted by name (a deterministic order keeps provider prompt caches warm).
   * Cached by the upstream where the protocol allows (MCP `ttlMs` / `cacheScope`, list-changed).
   */
  listTools(context: ListToolsContext): Promise<readonly ToolDefinition[]>;
  /**
   * Calls one tool with arguments already validated and authorised. A failure the tool reports is a
   * result with `isError`; an upstream that cannot be reached rejects with a `PodiumError`
   * (`upstream_unavailable`, 503) and a timeout with `upstream_timeout` (504).
   */
  callTool(name: string, args: Readonly<Record<string, unknown>>, context: CallToolContext): Promise<ToolResult>;
  health(): UpstreamHealth;
  /** Called when the upstream says its tool list changed (MCP list-changed); returns an unsubscribe. */
  onToolsChanged(listener: () => void): () => void;
  close(): Promise<void>;
}
