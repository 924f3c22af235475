/**
 * A small MCP server built with the official server SDK, for the MCP upstream's tests: it counts what
 * it is asked (sessions, list requests, calls, cancellations) so a test can prove pooling, caching and
 * cancellation from the server's side. Used in-process over HTTP and as a child process over stdio.
 */
import { McpServer, type CacheHint } from '@modelcontextprotocol/server';
import { z } from 'zod';

export interface TestServerStats {
  /** Requests and notifications received, by method (`initialize`, `server/discover`, `tools/list`…). */
  readonly methods: Record<string, number>;
  calls: number;
  cancelled: number;
}

export interface TestServerOptions {
  readonly stats: TestServerStats;
  readonly toolsCacheHint?: CacheHint | undefined;
}

export function newTestServerStats(): TestServerStats {
  return { methods: {}, calls: 0, cancelled: 0 };
}

export function countMethod(stats: TestServerStats, message: unknown): void {
  if (typeof message !== 'object' || message === null || !('method' in message)) return;
  const method = String(message.method);
  stats.methods[method] = (stats.methods[method] ?? 0) + 1;
}

/** A 200-character name: valid MCP, but longer than Podium's tool names (128), so it is skipped. */
export const malformedToolName = 'x'.repeat(200);

export function buildTestMcpServer(options: TestServerOptions): McpServer {
  const { stats } = options;
  const server = new McpServer(
    { name: 'podium-test-server', version: '1.0.0' },
    {
      capabilities: { tools: { listChanged: true }, prompts: {}, resources: {} },
      ...(options.toolsCacheHint === undefined ? {} : { cacheHints: { 'tools/list': options.toolsCacheHint } }),
    },
  );
  server.registerTool(
    'echo',
    { description: 'Echoes text', inputSchema: z.object({ text: z.string() }) },
    ({ text }) => {
      stats.calls += 1;
      return { content: [{ type: 'text', text }] };
    },
  );
  server.registerTool('slow', { inputSchema: z.object({ ms: z.number() }) }, async ({ ms }, ctx) => {
    stats.calls += 1;
    const signal = ctx.mcpReq.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        stats.cancelled += 1;
        clearTimeout(timer);
        resolve();
      });
    });
    return { content: [{ type: 'text', text: signal.aborted ? 'cancelled' : 'done' }] };
  });
  server.registerTool('big', { inputSchema: z.object({ bytes: z.number() }) }, ({ bytes }) => ({
    content: [{ type: 'text', text: 'a'.repeat(bytes) }],
  }));
  server.registerTool('stats', { description: 'What this server saw' }, () => ({
    content: [{ type: 'text', text: JSON.stringify({ pid: process.pid, ...stats }) }],
  }));
  server.registerTool('add_tool', { inputSchema: z.object({ name: z.string() }) }, ({ name }) => {
    // Registering after connect sends notifications/tools/list_changed.
    server.registerTool(name, { description: 'added at run time' }, () => ({
      content: [{ type: 'text', text: name }],
    }));
    return { content: [{ type: 'text', text: `added ${name}` }] };
  });
  server.registerTool(malformedToolName, { description: 'too long a name for Podium' }, () => ({ content: [] }));
  server.registerPrompt(
    'greet',
    { description: 'A greeting', argsSchema: z.object({ who: z.string() }) },
    ({ who }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Hello ${who}` } }],
    }),
  );
  server.registerResource('readme', 'test://readme', { mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, text: 'read me' }],
  }));
  return server;
}
