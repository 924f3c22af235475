import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeToolGateway, testKey } from './fake-tool-gateway.test-suite.js';
import { connectClient, startMcpTestServer, type McpTestServer } from './mcp-test-server.test-suite.js';

let server: McpTestServer;
let client: Client | undefined;
beforeAll(async () => {
  server = await startMcpTestServer({ gateway: new FakeToolGateway() });
});
afterAll(async () => {
  await client?.close();
  await server.close();
});

// The conformance suite's logging-set-level scenario: a 2025-era client may set a level and must not get -32601.
it('accepts logging/setLevel in the 2025-11-25 era and advertises logging', async () => {
  client = await connectClient({ url: server.url, key: testKey, era: 'legacy' });
  expect(client.getServerCapabilities()?.logging).toEqual({});
  await expect(client.setLoggingLevel('debug')).resolves.toEqual({});
});
