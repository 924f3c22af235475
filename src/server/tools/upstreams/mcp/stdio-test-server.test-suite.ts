/**
 * The test MCP server as a child process over stdio (`node --import tsx stdio-test-server.test-suite.ts`).
 * Each process is one session: the `stats` tool reports its pid and what it was asked. The server SDK
 * (2.4.0) serves the 2026-07-28 era only through its HTTP entry, so over stdio this speaks 2025-11-25.
 */
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { buildTestMcpServer, countMethod, newTestServerStats } from './test-mcp-server.test-suite.js';

const stats = newTestServerStats();
const server = buildTestMcpServer({ stats });
const transport = new StdioServerTransport();
await server.connect(transport);
// Counted after the SDK installed its handler, so every inbound message passes here first.
const dispatch = transport.onmessage;
transport.onmessage = (message) => {
  countMethod(stats, message);
  dispatch?.(message);
};
process.stderr.write(`test server ${process.pid} ready\n`);
