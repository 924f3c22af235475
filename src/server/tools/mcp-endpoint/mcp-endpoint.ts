/**
 * Podium's MCP server: the caller's governed tools, served to both protocol eras by the SDK's
 * `createMcpHandler` (2026-07-28 per-request envelopes, and 2025-11-25 through its stateless legacy
 * leg). A fresh low-level `Server` is built per request (measured cheap: see docs/mcp-endpoint.md);
 * it only translates — `tools/list` to `gateway.listTools`, `tools/call` to `gateway.callTool` — so
 * every call takes the gateway's one pipeline whatever carried it.
 */
import {
  createMcpHandler,
  Server,
  type AuthInfo,
  type McpHttpHandler,
  type McpRequestContext,
} from '@modelcontextprotocol/server';
import { toPodiumError } from '../../../contract/index.js';
import type { ToolGateway } from '../tool-gateway.js';
import { credentialProtocolError, isCredentialError } from './mcp-call-error.js';
import type { McpCaller, McpExchange } from './mcp-caller.js';
import { toMcpTools } from './mcp-tool-listing.js';
import { callAsTask, callModern, callPlain, type McpToolCallScope } from './mcp-tool-call.js';
import { addTaskHandlers, taskCapabilities } from './mcp-task-handlers.js';
import { PendingCallStore } from './pending-call-store.js';

export interface McpEndpointOptions {
  gateway: ToolGateway;
  /** Podium's version, reported as the MCP server's. */
  version: string;
  /** Largest request body the SDK reads (the HTTP edge bounds it first). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Longest one request waits on an approval before answering "still pending". Default 25 s (clients time out at 60 s). */
  approvalWindowMs?: number;
  /** Most calls held pending at once (tasks and `requestState`). Default 10 000. */
  maxPendingCalls?: number;
  /** Faults of ours, for the log; never the caller's mistakes. */
  onError?: (error: unknown) => void;
}

export interface McpAnswer {
  readonly response: Response;
  /** Set when the gateway refused the credential: the edge answers 401 instead of `response`. */
  readonly refused: ReturnType<typeof toPodiumError> | undefined;
}

export interface McpEndpoint {
  /** Serves one HTTP exchange for an already-identified (not yet verified) caller. */
  handle(request: Request, caller: McpCaller): Promise<McpAnswer>;
  /** Tells open 2026-era subscriptions that tool lists may have changed (wire to `ToolCatalog.onChanged`). */
  toolsChanged(): void;
  close(): Promise<void>;
}

export const mcpEndpointDefaults = {
  maxBodyBytes: 1024 * 1024,
  approvalWindowMs: 25_000,
} as const;

/** Creates the endpoint; mount it with `addMcpRoute` (http/). */
export function createMcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  const onError = options.onError ?? (() => undefined);
  const store = new PendingCallStore({ maxEntries: options.maxPendingCalls });
  // The SDK hands the factory the authInfo object given to fetch, untouched: it keys this request's state.
  const exchanges = new WeakMap<AuthInfo, McpExchange>();
  const build = (context: McpRequestContext): Server => {
    const exchange = context.authInfo ? exchanges.get(context.authInfo) : undefined;
    if (!exchange) throw new Error('MCP request without a Podium caller');
    return buildServer({
      era: context.era,
      version: options.version,
      scope: {
        gateway: options.gateway,
        exchange,
        store,
        approvalWindowMs: options.approvalWindowMs ?? mcpEndpointDefaults.approvalWindowMs,
        onFault: onError,
      },
    });
  };
  const handler: McpHttpHandler = createMcpHandler(build, {
    legacy: 'stateless',
    maxRequestBodySize: options.maxBodyBytes ?? mcpEndpointDefaults.maxBodyBytes,
    // The SDK reports callers' malformed requests here too; those are answered (400) and are not our faults.
    onerror: (error) => {
      if (!error.message.startsWith('Rejected inbound request')) onError(error);
    },
  });
  return {
    async handle(request, caller) {
      const exchange: McpExchange = { caller, refused: undefined };
      const authInfo: AuthInfo = { token: caller.credential, clientId: 'podium-key', scopes: [] };
      exchanges.set(authInfo, exchange);
      const response = await handler.fetch(request, { authInfo });
      return { response, refused: exchange.refused };
    },
    toolsChanged: () => handler.notify.toolsChanged(),
    async close() {
      store.close();
      await handler.close();
    },
  };
}

function buildServer(input: { era: 'legacy' | 'modern'; version: string; scope: McpToolCallScope }): Server {
  const { scope } = input;
  const legacy = input.era === 'legacy';
  const server = new Server(
    { name: 'podium', version: input.version },
    {
      capabilities: {
        tools: { listChanged: true },
        ...(legacy ? { tasks: taskCapabilities, logging: {} } : {}),
      },
    },
  );
  // Accepted so clients that set a level (2025-era) get no -32601; Podium sends no log notifications of its
  // own and does not relay upstream logs, so any level is trivially honoured. 2026-07-28 moved it to _meta.
  if (legacy) server.setRequestHandler('logging/setLevel', () => ({}));
  server.setRequestHandler('tools/list', async (_request, context) => {
    const { caller } = scope.exchange;
    try {
      const tools = await scope.gateway.listTools({
        credential: caller.credential,
        headers: caller.headers,
        signal: context.mcpReq.signal,
      });
      return { tools: toMcpTools(tools, { tasks: legacy }) };
    } catch (error) {
      const podiumError = toPodiumError(error);
      if (!isCredentialError(podiumError)) throw error;
      scope.exchange.refused = podiumError;
      throw credentialProtocolError(podiumError);
    }
  });
  server.setRequestHandler('tools/call', (request, context) => {
    const call = { name: request.params.name, arguments: request.params.arguments };
    if (!legacy) return callModern(scope, call, context.mcpReq.requestState());
    const task = request.params.task;
    return task ? callAsTask(scope, call, task.ttl ?? undefined) : callPlain(scope, call);
  });
  if (legacy) addTaskHandlers(server, { store: scope.store, exchange: scope.exchange });
  return server;
}
