import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, legacyStatelessFallback } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { PodiumError } from '../../../../contract/index.js';
import { createMcpUpstream, type McpUpstream } from './mcp-upstream.js';
import { callContext, mcpConfig, testCaller, waitFor, waitReady } from './mcp-upstream-test-helpers.test-suite.js';
import {
  buildTestMcpServer,
  countMethod,
  newTestServerStats,
  type TestServerStats,
} from './test-mcp-server.test-suite.js';

type FetchHandler = (request: Request) => Promise<Response>;

interface TestHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves a web-standard MCP handler on 127.0.0.1, counting every JSON-RPC method it is sent. */
async function serveMcp(handler: FetchHandler, stats: TestServerStats, port = 0): Promise<TestHttpServer> {
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => void relay(Buffer.concat(chunks)));
    const relay = async (body: Buffer): Promise<void> => {
      if (body.length > 0) {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) countMethod(stats, message);
      }
      const controller = new AbortController();
      outgoing.on('close', () => controller.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = incoming.method ?? 'GET';
      try {
        const response = await handler(
          new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' ? undefined : body,
            signal: controller.signal,
          }),
        );
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.flushHeaders();
        if (response.body !== null) {
          for await (const chunk of response.body) outgoing.write(chunk);
        }
        outgoing.end();
      } catch {
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      }
    };
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/mcp`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<PodiumError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PodiumError);
  return error as PodiumError;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(upstream: McpUpstream, server: TestHttpServer): void {
  cleanups.push(
    () => server.close(),
    () => upstream.close(),
  );
}

describe('MCP upstream over Streamable HTTP', () => {
  it('speaks the 2026-07-28 era to a createMcpHandler server, one discover for 50 concurrent calls, honouring its ttlMs', async () => {
    const stats = newTestServerStats();
    const handler = createMcpHandler(() =>
      buildTestMcpServer({ stats, toolsCacheHint: { ttlMs: 5000, cacheScope: 'public' } }),
    );
    const server = await serveMcp((request) => handler.fetch(request), stats);
    let clock = 1_000_000;
    const upstream = createMcpUpstream('modern', mcpConfig({ url: server.url, listTtlMs: 300_000, timeoutMs: 1500 }), {
      baseDir: process.cwd(),
      now: () => clock,
    });
    track(upstream, server);
    cleanups.push(() => handler.close());
    await waitReady(upstream);
    expect(upstream.protocolVersion()).toBe('2026-07-28');

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => upstream.callTool('echo', { text: `m${index}` }, callContext())),
    );
    expect(results.map((result) => result.content[0]?.text)).toEqual(
      Array.from({ length: 50 }, (_, index) => `m${index}`),
    );
    expect(stats.methods['server/discover']).toBe(1);
    expect(stats.methods.initialize).toBeUndefined();
    expect(stats.methods['tools/call']).toBe(50);

    const names = (await upstream.listTools({ caller: testCaller })).map((tool) => tool.name);
    expect(names).toEqual(['add_tool', 'big', 'echo', 'slow', 'stats']);
    await upstream.listTools({ caller: undefined });
    expect(stats.methods['tools/list']).toBe(1);
    // The server's ttlMs (5 s) wins over listTtlMs (5 min).
    clock += 5001;
    await upstream.listTools({ caller: testCaller });
    expect(stats.methods['tools/list']).toBe(2);

    // A 2026-era call past timeoutMs is cancelled by aborting its request stream: the server sees it.
    const timedOut = await rejection(upstream.callTool('slow', { ms: 10_000 }, callContext()));
    expect(timedOut).toMatchObject({ code: 'upstream_timeout', status: 504 });
    await waitFor(() => stats.cancelled === 1, 5000);
    expect(upstream.health().state).toBe('ready');
  });

  it('speaks 2025-11-25 to a legacy stateless server: one initialize for 50 concurrent calls', async () => {
    const stats = newTestServerStats();
    const legacy = legacyStatelessFallback(() => buildTestMcpServer({ stats }));
    const server = await serveMcp((request) => legacy(request), stats);
    const upstream = createMcpUpstream('legacy', mcpConfig({ url: server.url }), { baseDir: process.cwd() });
    track(upstream, server);
    await waitReady(upstream);
    expect(upstream.protocolVersion()).toBe('2025-11-25');
    await Promise.all(Array.from({ length: 50 }, () => upstream.callTool('echo', { text: 'x' }, callContext())));
    expect(stats.methods.initialize).toBe(1);
    expect(stats.methods['tools/call']).toBe(50);
    const error = await rejection(upstream.callTool('no_such_tool', {}, callContext()));
    expect(error.status).toBe(404);
  });

  it('goes down when the endpoint stops answering, hides its secrets, and comes back with it', async () => {
    const stats = newTestServerStats();
    const handler = createMcpHandler(() => buildTestMcpServer({ stats }));
    let server = await serveMcp((request) => handler.fetch(request), stats);
    const port = server.port;
    const upstream = createMcpUpstream(
      'flaky',
      mcpConfig({
        url: `${server.url}?token=query-secret-123`,
        headers: { authorization: 'Bearer header-secret-456' },
      }),
      { baseDir: process.cwd(), random: () => 0 },
    );
    cleanups.push(
      () => handler.close(),
      () => upstream.close(),
    );
    await waitReady(upstream);
    await server.close();

    const failed = await rejection(upstream.callTool('echo', { text: 'x' }, callContext()));
    expect(failed).toMatchObject({ code: 'upstream_unavailable', status: 503 });
    await waitFor(() => upstream.health().state === 'down');
    const health = upstream.health();
    expect(JSON.stringify(health)).not.toMatch(/query-secret-123|header-secret-456/);
    expect(failed.message).not.toMatch(/query-secret-123|header-secret-456/);
    expect(health.retryAt).toBeDefined();

    server = await serveMcp((request) => handler.fetch(request), stats, port);
    cleanups.push(() => server.close());
    await waitReady(upstream);
    // A 2026-era result also carries the server's `_meta` (serverInfo): relayed as the server sent it.
    expect(await upstream.callTool('echo', { text: 'again' }, callContext())).toMatchObject({
      content: [{ type: 'text', text: 'again' }],
    });
  });
});
