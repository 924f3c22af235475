/** The one Provider implementation: a base URL, an endpoint map and auth headers. */
import type { ProviderType } from '../../contract/index.js';
import type { ChatProtocol, Operation, Provider, ProviderSendOptions } from './provider.js';
import { createRedactor } from './redact-upstream-text.js';
import { createUpstreamClient } from './upstream-client.js';

export interface Endpoint {
  /** Path (and query) relative to the origin. */
  path: string;
  headers?: Record<string, string>;
}

export interface HttpProviderOptions {
  name: string;
  type: ProviderType;
  chatProtocol: ChatProtocol;
  baseUrl: string;
  connections: number;
  /** Headers on every request: auth, API version, user-configured extras. */
  headers: Record<string, string>;
  endpoint: (operation: Operation, model: string, stream: boolean) => Endpoint | undefined;
  operations: readonly Operation[];
}

/** Splits `https://host:port/base/path` into a pool origin and a path prefix without a trailing slash. */
export function splitBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/** Builds a Provider that sends to `endpoint(operation)` under `baseUrl`. */
export function createHttpProvider(options: HttpProviderOptions): Provider {
  const { origin, basePath } = splitBaseUrl(options.baseUrl);
  const client = createUpstreamClient({ origin, connections: options.connections, provider: options.name });
  const staticHeaders = { 'content-type': 'application/json', ...options.headers };
  return {
    name: options.name,
    type: options.type,
    chatProtocol: options.chatProtocol,
    operations: new Set(options.operations),
    send(send: ProviderSendOptions) {
      const endpoint = options.endpoint(send.operation, send.model, send.stream);
      if (!endpoint) throw new Error(`provider ${options.name} has no endpoint for ${send.operation}`);
      // Relayed client headers first: the configured ones (auth, versions) always win.
      const base = send.headers ? { ...send.headers, ...staticHeaders } : staticHeaders;
      return client.request({
        method: 'POST',
        path: basePath + endpoint.path,
        headers: endpoint.headers ? { ...base, ...endpoint.headers } : base,
        body: send.body,
        signal: send.signal,
        timeoutMs: send.timeoutMs,
        idleTimeoutMs: send.idleTimeoutMs,
      });
    },
    redact: createRedactor({ name: options.name, baseUrl: options.baseUrl, headers: options.headers }),
    close: () => client.close(),
  };
}
