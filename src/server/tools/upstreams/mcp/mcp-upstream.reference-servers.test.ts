/**
 * The MCP upstream against the reference servers, unmodified, from the npm registry (exact
 * devDependencies), started with `node <their bin>`: server-everything over stdio and over its
 * Streamable HTTP mode (a 2025-era, sessionful server on the v1 SDK), server-filesystem over stdio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpUpstream, type McpUpstream } from './mcp-upstream.js';
import {
  callContext,
  isAlive,
  mcpConfig,
  testCaller,
  waitFor,
  waitReady,
} from './mcp-upstream-test-helpers.test-suite.js';

const packages = path.resolve(process.cwd(), 'node_modules/@modelcontextprotocol');
const everythingBin = path.join(packages, 'server-everything/dist/index.js');
const filesystemBin = path.join(packages, 'server-filesystem/dist/index.js');

function textOf(result: { content: ReadonlyArray<{ type: string; text?: unknown }> }): string {
  return result.content.map((block) => (typeof block.text === 'string' ? block.text : '')).join('');
}

describe('server-everything over stdio', () => {
  let upstream: McpUpstream;
  beforeAll(async () => {
    upstream = createMcpUpstream(
      'everything',
      mcpConfig({ command: [process.execPath, everythingBin, 'stdio'], exclude: ['get-env'] }),
      {
        baseDir: process.cwd(),
      },
    );
    await waitReady(upstream);
  });
  afterAll(async () => {
    const pid = upstream.processId();
    await upstream.close();
    await waitFor(() => pid === undefined || !isAlive(pid), 5000);
  });

  it('lists its tools sorted, without the excluded one, and calls echo and get-sum', async () => {
    const names = (await upstream.listTools({ caller: testCaller })).map((tool) => tool.name);
    expect(names).toContain('echo');
    expect(names).toContain('get-sum');
    expect(names).not.toContain('get-env');
    expect(names).toEqual([...names].sort());
    expect(textOf(await upstream.callTool('echo', { message: 'hi' }, callContext()))).toBe('Echo: hi');
    expect(textOf(await upstream.callTool('get-sum', { a: 2, b: 3 }, callContext()))).toContain('5');
  });

  it('lists its resources and prompts', async () => {
    expect((await upstream.listResources()).length).toBeGreaterThan(0);
    expect((await upstream.listPrompts()).length).toBeGreaterThan(0);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('server-everything over Streamable HTTP (sessionful, 2025 era)', () => {
  let child: ChildProcess;
  let upstream: McpUpstream;
  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, [everythingBin, 'streamableHttp'], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-10_000)));
    await waitFor(() => stderr.includes('listening'));
    upstream = createMcpUpstream('everything-http', mcpConfig({ url: `http://127.0.0.1:${port}/mcp` }), {
      baseDir: process.cwd(),
    });
    await waitReady(upstream);
  });
  afterAll(async () => {
    await upstream.close();
    child.kill('SIGTERM');
  });

  it('negotiates 2025-11-25 and serves concurrent calls on one session', async () => {
    expect(upstream.protocolVersion()).toBe('2025-11-25');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => upstream.callTool('echo', { message: `e${index}` }, callContext())),
    );
    expect(results.map(textOf)).toEqual(Array.from({ length: 20 }, (_, index) => `Echo: e${index}`));
  });
});

describe('server-filesystem over stdio', () => {
  let root: string;
  let upstream: McpUpstream;
  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'podium-mcp-fs-')));
    await writeFile(path.join(root, 'hello.txt'), 'hello from the root\n');
    upstream = createMcpUpstream('files', mcpConfig({ command: [process.execPath, filesystemBin, root] }), {
      baseDir: process.cwd(),
    });
    await waitReady(upstream);
  });
  afterAll(async () => {
    await upstream.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists the directory and reads a file inside its root', async () => {
    const names = (await upstream.listTools({ caller: testCaller })).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_directory', 'read_text_file']));
    expect(textOf(await upstream.callTool('list_directory', { path: root }, callContext()))).toContain('hello.txt');
    expect(
      textOf(await upstream.callTool('read_text_file', { path: path.join(root, 'hello.txt') }, callContext())),
    ).toBe('hello from the root\n');
  });

  it('relays the refusal of a path outside the root as the server gives it (a tool error, not a crash)', async () => {
    const result = await upstream.callTool('read_text_file', { path: '/etc/passwd' }, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Access denied');
    expect(upstream.health().state).toBe('ready');
  });
});
