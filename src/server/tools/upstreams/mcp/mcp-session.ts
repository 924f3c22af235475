/**
 * The one long-lived connection to an MCP server, shared by every call (a session per call would pay a
 * process spawn or a handshake each time and lose the server's state). Started eagerly; when the
 * process exits or the endpoint fails it is `down` and reconnects with exponential back-off + jitter.
 * A call while it is not ready fails fast: callers never queue behind a reconnect.
 */
import { Client } from '@modelcontextprotocol/client';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { McpUpstreamConfig } from '../../../../contract/index.js';
import { PodiumError } from '../../../../contract/index.js';
import type { UpstreamHealth, UpstreamState } from '../../tool-upstream.js';
import { createMcpTransport } from './mcp-transport.js';
import { reconnectDelayMs } from './reconnect-delay.js';
import { stripSecrets } from './strip-secrets.js';

export type McpListKind = 'tools' | 'prompts' | 'resources';

export interface McpSessionOptions {
  readonly name: string;
  readonly config: McpUpstreamConfig;
  readonly baseDir: string;
  readonly log: (line: string) => void;
  /** The server said a list changed, or a new connection may serve a different one. */
  readonly onListChanged: (kind: McpListKind) => void;
  readonly random?: (() => number) | undefined;
}

/** Longest a connect (spawn + handshake, or the HTTP probe) may take before it counts as failed. */
const connectTimeoutMs = 30_000;
const probeTimeoutMs = 10_000;
const clientInfo = { name: 'podium', version: '0.1.0' };

export class McpSession {
  private client: Client | undefined;
  /** The client still connecting: `close()` must end its process too. */
  private connecting: Client | undefined;
  private stdio: StdioClientTransport | undefined;
  private state: UpstreamState = 'connecting';
  private since = new Date().toISOString();
  private lastError: string | undefined;
  private retryAt: number | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped for every connect: a late event from an abandoned connection changes nothing. */
  private generation = 0;
  private readonly secrets: readonly string[];
  /** Requests waiting for a connect in progress to settle (bounded by `settled`'s wait). */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: McpSessionOptions) {
    const { config } = options;
    this.secrets = [...Object.values(config.headers), ...Object.values(config.env)];
  }

  /** Starts the first connect; never rejects (failures show in `health()`). */
  start(): void {
    void this.connect();
  }

  health(): UpstreamHealth {
    return {
      state: this.state,
      lastError: this.lastError,
      since: this.since,
      retryAt: this.state === 'down' && this.retryAt !== undefined ? new Date(this.retryAt).toISOString() : undefined,
    };
  }

  /** The connected client, or a fast 503 while connecting, down or closed. */
  ready(): Client {
    if (this.state === 'ready' && this.client !== undefined) return this.client;
    const why = this.lastError === undefined ? '' : `: ${this.lastError}`;
    throw new PodiumError('upstream_unavailable', `tool upstream "${this.options.name}" is ${this.state}${why}`, {
      retryable: this.state !== 'closed',
      retryAfterMs: this.retryAt === undefined ? undefined : Math.max(0, this.retryAt - Date.now()),
    });
  }

  /**
   * Waits (at most `maxWaitMs`, and never past the signal) while a connect is in progress, so a request made
   * just after start or during a reconnect is served instead of refused; a down or closed session answers at once.
   */
  async settled(maxWaitMs: number, signal?: AbortSignal): Promise<void> {
    if (this.state !== 'connecting') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiting.add(done);
    });
  }

  /** The stdio server's process id while connected (tests and diagnostics). */
  processId(): number | undefined {
    return this.stdio?.pid ?? undefined;
  }

  /** The protocol revision negotiated with the server (`2025-11-25`, `2026-07-28`…), while connected. */
  protocolVersion(): string | undefined {
    return this.client?.getNegotiatedProtocolVersion();
  }

  /** Secret-free text for an error, for health, logs and callers. */
  describe(error: unknown): string {
    return stripSecrets(error instanceof Error ? error.message : String(error), this.secrets);
  }

  /**
   * A call found the connection broken (an HTTP endpoint that stopped answering shows up only in
   * requests, never as a closed stream): drop it and reconnect.
   */
  connectionLost(client: Client, error: unknown): void {
    if (client !== this.client) return;
    this.fail(error);
  }

  async close(): Promise<void> {
    this.generation += 1;
    clearTimeout(this.timer);
    this.setState('closed');
    const clients = [this.client, this.connecting];
    this.client = undefined;
    this.connecting = undefined;
    this.stdio = undefined;
    for (const client of clients) await client?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState('connecting');
    const transport = createMcpTransport(this.options.config, {
      baseDir: this.options.baseDir,
      // A server may print what it was given (a token in its env): its stderr is stripped like errors.
      log: (line) => this.options.log(`[${this.options.name}] ${stripSecrets(line, this.secrets)}`),
    });
    const client = new Client(clientInfo, {
      // Probe for the 2026-07-28 era and fall back to 2025-11-25 `initialize`: one config for both.
      // The probe is bounded apart from the connect: a stdio server that ignores `server/discover` would
      // otherwise hold the first connect for the whole connect timeout before the legacy fallback.
      versionNegotiation: { mode: 'auto', probe: { timeoutMs: probeTimeoutMs } },
      // Podium caches the lists itself (per caller scope, bounded); the SDK need not refetch on change.
      listChanged: {
        tools: { autoRefresh: false, debounceMs: 0, onChanged: () => this.options.onListChanged('tools') },
        prompts: { autoRefresh: false, debounceMs: 0, onChanged: () => this.options.onListChanged('prompts') },
        resources: { autoRefresh: false, debounceMs: 0, onChanged: () => this.options.onListChanged('resources') },
      },
    });
    client.onclose = () => {
      if (generation === this.generation && this.client === client) this.fail(new Error('the connection closed'));
    };
    client.onerror = (error) => {
      if (generation === this.generation) this.options.log(`[${this.options.name}] ${this.describe(error)}`);
    };
    this.connecting = client;
    try {
      await client.connect(transport, { timeout: connectTimeoutMs });
    } catch (error) {
      await client.close().catch(() => undefined);
      if (generation === this.generation) this.fail(error);
      return;
    } finally {
      if (this.connecting === client) this.connecting = undefined;
    }
    if (generation !== this.generation) {
      await client.close().catch(() => undefined);
      return;
    }
    this.client = client;
    this.stdio = 'pid' in transport ? (transport as StdioClientTransport) : undefined;
    this.attempt = 0;
    this.retryAt = undefined;
    this.setState('ready');
    // A new process or session may serve different lists than the cached ones.
    for (const kind of ['tools', 'prompts', 'resources'] as const) this.options.onListChanged(kind);
  }

  private fail(error: unknown): void {
    if (this.state === 'closed') return;
    const client = this.client;
    this.client = undefined;
    this.stdio = undefined;
    this.generation += 1;
    void client?.close().catch(() => undefined);
    this.lastError = this.describe(error);
    const delay = reconnectDelayMs(this.attempt, this.options.random);
    this.attempt += 1;
    this.retryAt = Date.now() + delay;
    this.setState('down');
    this.options.log(`[${this.options.name}] down (${this.lastError}); reconnecting in ${delay} ms`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }

  private setState(state: UpstreamState): void {
    if (this.state === state) return;
    this.state = state;
    this.since = new Date().toISOString();
    if (state !== 'connecting') for (const wake of [...this.waiting]) wake();
  }
}
