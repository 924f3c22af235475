/**
 * Runs the retail back office as a stdio MCP server: `node --import tsx tau-retail-stdio.ts`.
 * It loads a fresh copy of the shared data at start; every change lives only in this process.
 */
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { loadRetailDatabase } from './load-retail-database.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { createTauRetailServer } from './tau-retail-server.js';

const directory = retailDataDirectory();
if (directory === undefined) {
  process.stderr.write(`${retailDataMissing}\n`);
  process.exit(1);
}
await createTauRetailServer(loadRetailDatabase(directory)).connect(new StdioServerTransport());
