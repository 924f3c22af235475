/** A real Podium HTTP server with only `/mcp` mounted, over a given gateway, on a free loopback port. */
import type { AddressInfo } from 'node:net';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createHttpServer } from './http-server.js';
import { addMcpRoute } from './mcp-route.js';
import { Router } from './router.js';
import { createMcpEndpoint, type McpEndpoint, type ToolGateway } from '../tools/index.js';

export interface McpTestServer {
  readonly url: string;
  readonly port: number;
  readonly endpoint: McpEndpoint;
  readonly faults: unknown[];
  close(): Promise<void>;
}

export async function startMcpTestServer(input: {
  gateway: ToolGateway & { authenticate(credential: string): void };
  approvalWindowMs?: number;
  maxBodyBytes?: number;
}): Promise<McpTestServer> {
  const faults: unknown[] = [];
  const endpoint = createMcpEndpoint({
    gateway: input.gateway,
    version: '0.0.0-test',
    approvalWindowMs: input.approvalWindowMs ?? 5_000,
    onError: (error) => faults.push(error),
  });
  const allowedHosts = ['127.0.0.1', 'localhost'];
  const router = new Router();
  addMcpRoute(router, {
    endpoint,
    allowedHosts,
    maxBodyBytes: input.maxBodyBytes ?? 64 * 1024,
    authenticate: (credential) => Promise.resolve(input.gateway.authenticate(credential)),
  });
  const server = createHttpServer(router, (error) => faults.push(error), { allowedHosts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    endpoint,
    faults,
    async close() {
      await endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The official client on `url`, in the 2025 era (`legacy`) or pinned to 2026-07-28 (`modern`). */
export async function connectClient(input: {
  url: string;
  key: string | undefined;
  era: 'legacy' | 'modern';
}): Promise<Client> {
  const client = new Client(
    { name: 'podium-test', version: '1.0.0' },
    input.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  const transport = new StreamableHTTPClientTransport(new URL(input.url), {
    requestInit: input.key === undefined ? {} : { headers: { authorization: `Bearer ${input.key}` } },
  });
  await client.connect(transport);
  return client;
}
