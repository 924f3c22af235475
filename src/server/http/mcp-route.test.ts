import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeToolGateway, testKey } from './fake-tool-gateway.test-suite.js';
import { connectClient, startMcpTestServer, type McpTestServer } from './mcp-test-server.test-suite.js';

const gateway = new FakeToolGateway();
let server: McpTestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startMcpTestServer({ gateway });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.close();
});

async function connect(era: 'legacy' | 'modern'): Promise<Client> {
  const client = await connectClient({ url: server.url, key: testKey, era });
  clients.push(client);
  return client;
}

describe.each(['legacy', 'modern'] as const)('/mcp in the %s era', (era) => {
  it('lists the caller’s tools in exposed-name order with schemas and annotations', async () => {
    const client = await connect(era);
    expect(client.getNegotiatedProtocolVersion()).toBe(era === 'legacy' ? '2025-11-25' : '2026-07-28');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['db__drop_table', 'files__read_file', 'ops__deploy']);
    const read = tools.find((tool) => tool.name === 'files__read_file');
    expect(read?.description).toBe('Reads a file.');
    expect(read?.inputSchema).toMatchObject({ type: 'object', required: ['path'] });
    expect(read?.outputSchema).toEqual({ type: 'object' });
    expect(read?.annotations).toMatchObject({ readOnlyHint: true });
    expect(read?.execution?.taskSupport).toBe(era === 'legacy' ? 'optional' : undefined);
  });

  it('calls a tool through the gateway', async () => {
    const client = await connect(era);
    const result = await client.callTool({ name: 'files__read_file', arguments: { path: '/etc/motd' } });
    expect(result.content).toEqual([{ type: 'text', text: 'contents of /etc/motd' }]);
    expect(result.structuredContent).toEqual({ path: '/etc/motd' });
    expect(gateway.calls.at(-1)).toMatchObject({ credential: testKey, name: 'files__read_file' });
  });

  it('returns a policy denial as an isError result carrying the policy’s message', async () => {
    const client = await connect(era);
    const result = await client.callTool({ name: 'db__drop_table', arguments: { path: 'users' } });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: 'Policy "no-drops" forbids dropping tables.' }]);
    expect(result._meta?.['podium/error']).toMatchObject({ code: 'policy_denied', status: 403 });
  });

  it('returns invalid arguments as an isError result naming the field, an unknown tool as -32602', async () => {
    const client = await connect(era);
    const invalid = await client.callTool({ name: 'files__read_file', arguments: { path: 42 } });
    expect(invalid.isError).toBe(true);
    expect(invalid.content).toEqual([{ type: 'text', text: 'arguments.path: expected a string.' }]);
    await expect(client.callTool({ name: 'nope__missing', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('Unknown tool "nope__missing"') as unknown,
    });
  });
});

describe('/mcp at the HTTP edge', () => {
  const post = (headers: Record<string, string>, body: string) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body,
    });
  const listRequest = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

  it('answers 401 with a Bearer challenge without a key, and with invalid_token for a bad one', async () => {
    const missing = await post({}, listRequest);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="podium"');
    const bad = await post({ authorization: 'Bearer pk-wrong' }, listRequest);
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer realm="podium", error="invalid_token"/);
    await expect(connectClient({ url: server.url, key: undefined, era: 'modern' })).rejects.toThrow();
  });

  it('accepts the key as x-api-key too', async () => {
    const answer = await post({ 'x-api-key': testKey }, listRequest);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('files__read_file');
  });

  it('refuses a browser Origin that is not an allowed host (403) and a foreign Host (403)', async () => {
    const origin = await post({ authorization: `Bearer ${testKey}`, origin: 'https://evil.example' }, listRequest);
    expect(origin.status).toBe(403);
    expect(await origin.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    const local = await post(
      { authorization: `Bearer ${testKey}`, origin: `http://localhost:${server.port}` },
      listRequest,
    );
    expect(local.status).toBe(200);
    const host = await rawPost({ host: 'evil.example' });
    expect(host).toMatch(/^HTTP\/1\.1 403/);
  });

  it('answers 413 for an oversized body without reading it all', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(100_000) } });
    const answer = await post({ authorization: `Bearer ${testKey}` }, big);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({
      error: { code: -32600, message: expect.stringContaining('65536') as unknown },
    });
  });

  it('answers arguments that are not an object with -32602 (invalid params) before the gateway', async () => {
    const calls = gateway.calls.length;
    const answer = await post(
      { authorization: `Bearer ${testKey}` },
      JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'files__read_file', arguments: 'x' },
      }),
    );
    expect(await answer.text()).toContain('"code":-32602');
    expect(gateway.calls.length).toBe(calls);
  });

  it('answers a malformed JSON-RPC message with a parse error and keeps serving', async () => {
    const answer = await post({ authorization: `Bearer ${testKey}` }, '{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: -32700 } });
    const notRpc = await post({ authorization: `Bearer ${testKey}` }, '{"hello": "world"}');
    expect(notRpc.status).toBe(400);
    const after = await post({ authorization: `Bearer ${testKey}` }, listRequest);
    expect(after.status).toBe(200);
    expect(server.faults).toEqual([]);
  });
});

/** A request with a Host header fetch would not let us set. */
async function rawPost(headers: Record<string, string>): Promise<string> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/mcp',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(`HTTP/1.1 ${response.statusCode ?? 0}`));
      },
    );
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
}

describe('/mcp list-changed notifications (2026 era subscriptions)', () => {
  it('tells a subscribed client that its tools changed, and the refreshed list shows the change', async () => {
    let changed: (names: string[]) => void = () => undefined;
    const refreshed = new Promise<string[]>((resolve) => (changed = resolve));
    const client = new Client(
      { name: 'listener', version: '1.0.0' },
      {
        versionNegotiation: { mode: { pin: '2026-07-28' } },
        listChanged: {
          tools: { debounceMs: 0, onChanged: (_error, tools) => changed((tools ?? []).map((tool) => tool.name)) },
        },
      },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { authorization: `Bearer ${testKey}` } },
      }),
    );
    clients.push(client);
    expect(client.autoOpenedSubscription).toBeDefined();
    gateway.tools.push({ ...gateway.tools[1]!, exposedName: 'files__write_file', canonicalName: 'files__write_file' });
    try {
      server.endpoint.toolsChanged();
      expect(await refreshed).toContain('files__write_file');
    } finally {
      gateway.tools.pop();
    }
  });
});
