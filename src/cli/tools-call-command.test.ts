/**
 * `podium tools call` against an MCP server built with the official server SDK (the CLI may not load
 * Podium's server; the real `/mcp` is exercised by podium mcp's end-to-end test). The context's fetch
 * routes the client's HTTP straight into the server's fetch handler.
 */
import { createMcpHandler, Server } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-error.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { toolsCallCommand } from './tools-call-command.js';

const key = 'pk-agent';
const seen: { authorization: string | null; agent: string | null }[] = [];

const handler = createMcpHandler(() => {
  const server = new Server({ name: 'fake-podium', version: '1' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', () => ({ tools: [] }));
  server.setRequestHandler('tools/call', (request) => {
    const args = request.params.arguments ?? {};
    if (request.params.name === 'files__read_file')
      return { content: [{ type: 'text', text: `read ${String(args.path)}` }], structuredContent: { ok: true } };
    return { content: [{ type: 'text', text: 'Policy "no-drops" forbids it.' }], isError: true };
  });
  return server;
});

const routedFetch: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  seen.push({ authorization: request.headers.get('authorization'), agent: request.headers.get('x-podium-agent') });
  return handler.fetch(request);
};

function context(env: NodeJS.ProcessEnv = { PODIUM_KEY: key }) {
  return { ...createTestContext({ url: 'http://podium.test', env }), fetch: routedFetch };
}

describe('podium tools call', () => {
  it('calls the tool through /mcp with the key and prints its text', async () => {
    const test = context();
    const code = await toolsCallCommand(test, ['files__read_file', '--args', '{"path":"/a"}', '--agent', 'cli']);
    expect(code).toBe(0);
    expect(test.stdout.text).toBe('read /a\n');
    expect(seen.at(-1)).toEqual({ authorization: `Bearer ${key}`, agent: 'cli' });
  });

  it('prints the whole result with --json and exits 1 on an isError result', async () => {
    const test = context();
    const code = await toolsCallCommand(test, ['db__drop_table', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(test.stdout.text)).toMatchObject({
      isError: true,
      content: [{ text: 'Policy "no-drops" forbids it.' }],
    });
  });

  it('refuses arguments that are not a JSON object, and a missing key, before any request', async () => {
    const before = seen.length;
    await expect(toolsCallCommand(context(), ['x', '--args', '[1]'])).rejects.toBeInstanceOf(UsageError);
    await expect(toolsCallCommand(context(), ['x', '--args', '{nope'])).rejects.toThrow('--args is not valid JSON');
    await expect(toolsCallCommand(context({}), ['x'])).rejects.toThrow('no Podium key');
    expect(seen.length).toBe(before);
  });
});
