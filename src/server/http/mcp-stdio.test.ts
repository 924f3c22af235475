/**
 * `podium mcp` end to end: the official client on stdio, talking to the CLI process, which forwards to
 * a real Podium `/mcp` in this test — the stdio caller is governed by the same server.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeToolGateway, testKey } from './fake-tool-gateway.test-suite.js';
import { startMcpTestServer, type McpTestServer } from './mcp-test-server.test-suite.js';

const gateway = new FakeToolGateway();
let server: McpTestServer;
const root = fileURLToPath(new URL('../../../', import.meta.url));

beforeAll(async () => {
  server = await startMcpTestServer({ gateway });
});
afterAll(async () => {
  await server.close();
});

async function stdioClient(era: 'legacy' | 'modern', key = testKey): Promise<Client> {
  const client = new Client(
    { name: 'stdio-test', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/cli/podium.ts', 'mcp', '--url', `http://127.0.0.1:${server.port}`, '--agent', 'ide'],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PODIUM_KEY: key },
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

describe.each(['legacy', 'modern'] as const)('podium mcp (stdio, %s era)', (era) => {
  it('lists and calls the governed tools through the running Podium', async () => {
    const client = await stdioClient(era);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['db__drop_table', 'files__read_file', 'ops__deploy']);
      const result = await client.callTool({ name: 'files__read_file', arguments: { path: '/srv/a' } });
      expect(result.content).toEqual([{ type: 'text', text: 'contents of /srv/a' }]);
      // The server saw the stdio caller's key and headers: it is governed like an HTTP caller.
      expect(gateway.calls.at(-1)).toMatchObject({ credential: testKey, headers: { 'x-podium-agent': 'ide' } });
      const denied = await client.callTool({ name: 'db__drop_table', arguments: { path: 'users' } });
      expect(denied.isError).toBe(true);
      await expect(client.callTool({ name: 'nope__missing', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    } finally {
      await client.close();
    }
  }, 30_000);
});

it('podium mcp waits for an approval on a gated call and returns its result', async () => {
  const client = await stdioClient('legacy');
  try {
    const next = gateway.nextApproval();
    const call = client.callTool({ name: 'ops__deploy', arguments: { path: 'stdio-1' } });
    gateway.decide(await next, 'approved');
    expect((await call).content).toEqual([{ type: 'text', text: 'deployed stdio-1' }]);
  } finally {
    await client.close();
  }
}, 30_000);

it('podium mcp fails to start with a bad key (the server answered 401)', async () => {
  await expect(stdioClient('legacy', 'pk-wrong')).rejects.toThrow();
}, 30_000);
