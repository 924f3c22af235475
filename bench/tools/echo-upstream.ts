/**
 * The bench's warm upstream: an MCP server built with the official SDK (`createMcpHandler`, both protocol eras)
 * with one cheap tool, `echo`, on 127.0.0.1 over Streamable HTTP. Direct and governed calls reach this same server.
 */
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { serveMcpHandler, type ServedMcpHandler } from '../../src/server/testkit/index.js';

export interface EchoUpstream extends ServedMcpHandler {
  /** Calls the tool has answered. */
  calls(): number;
}

export async function startEchoUpstream(): Promise<EchoUpstream> {
  let calls = 0;
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'bench-echo', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.registerTool(
      'echo',
      {
        description: 'Returns its text.',
        inputSchema: z.object({ text: z.string() }),
        annotations: { readOnlyHint: true },
      },
      ({ text }) => {
        calls += 1;
        return { content: [{ type: 'text', text }] };
      },
    );
    return server;
  });
  const served = await serveMcpHandler((request) => handler.fetch(request));
  return {
    ...served,
    calls: () => calls,
    async close() {
      await served.close();
      await handler.close();
    },
  };
}
