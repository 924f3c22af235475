/**
 * The retail back office as an MCP server: the 16 tools with τ-bench's names, descriptions and JSON
 * Schemas, each answering the text the benchmark's tool returns. The server changes the database it
 * is given in place, so a caller can hash it after a run.
 */
import { fromJsonSchema, McpServer } from '@modelcontextprotocol/server';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { RetailDatabase } from './retail-database.js';
import { retailTools } from './retail-tools.js';

/** The benchmark's tools answer errors as ordinary text starting so; MCP callers also get `isError`. */
const errorPrefix = 'Error: ';

/** An MCP server over `database` (connect it to an InMemoryTransport, stdio or an HTTP transport). */
export function createTauRetailServer(database: RetailDatabase): McpServer {
  const server = new McpServer({ name: 'tau-retail', version: '1.0.0' });
  for (const tool of retailTools)
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: fromJsonSchema(tool.parameters),
        annotations: { readOnlyHint: tool.readOnly, destructiveHint: !tool.readOnly, openWorldHint: false },
      },
      (args): CallToolResult => {
        const text = tool.invoke(database, args);
        return { content: [{ type: 'text', text }], ...(text.startsWith(errorPrefix) ? { isError: true } : {}) };
      },
    );
  return server;
}
