import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../../../contract/index.js';
import { createMcpUpstream, type McpUpstream } from './mcp-upstream.js';
import {
  callContext,
  isAlive,
  mcpConfig,
  serverStats,
  testCaller,
  waitFor,
  waitReady,
} from './mcp-upstream-test-helpers.test-suite.js';
import { malformedToolName } from './test-mcp-server.test-suite.js';

const serverFile = fileURLToPath(new URL('./stdio-test-server.test-suite.ts', import.meta.url));
const command = [process.execPath, '--import', 'tsx', serverFile];

async function rejection(promise: Promise<unknown>): Promise<PodiumError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PodiumError);
  return error as PodiumError;
}

describe('MCP upstream over stdio (a 2025-11-25 server built with the server SDK)', () => {
  let clock = 1_000_000;
  const logs: string[] = [];
  let upstream: McpUpstream;

  beforeAll(async () => {
    upstream = createMcpUpstream(
      'test',
      mcpConfig({ command, timeoutMs: 1500, maxResultBytes: 20_000, listTtlMs: 60_000, exclude: ['add_tool_never'] }),
      { baseDir: process.cwd(), logger: (line) => logs.push(line), now: () => clock },
    );
    expect(upstream.health().state).toBe('connecting');
    await waitReady(upstream);
  });
  afterAll(async () => {
    await upstream.close();
  });

  it('is connected eagerly, over the 2025-11-25 era, and lists tools sorted with the malformed one skipped and logged', async () => {
    expect(upstream.protocolVersion()).toBe('2025-11-25');
    const tools = await upstream.listTools({ caller: testCaller });
    expect(tools.map((tool) => tool.name)).toEqual(['add_tool', 'big', 'echo', 'slow', 'stats']);
    expect(tools.find((tool) => tool.name === 'echo')).toMatchObject({ upstream: 'test', description: 'Echoes text' });
    expect(tools.map((tool) => tool.name)).not.toContain(malformedToolName);
    expect(logs.some((line) => line.includes('skipped malformed tool'))).toBe(true);
  });

  it('calls a tool and parses its result', async () => {
    const result = await upstream.callTool('echo', { text: 'hello' }, callContext());
    expect(result).toEqual({ content: [{ type: 'text', text: 'hello' }] });
  });

  it('serves 50 concurrent calls on the one session (one process, one initialize)', async () => {
    const before = await serverStats(upstream);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => upstream.callTool('echo', { text: `n${index}` }, callContext())),
    );
    expect(results.map((result) => result.content[0]?.text)).toEqual(
      Array.from({ length: 50 }, (_, index) => `n${index}`),
    );
    const after = await serverStats(upstream);
    expect(after.pid).toBe(before.pid);
    expect(after.pid).toBe(upstream.processId());
    expect(after.methods.initialize).toBe(1);
    expect(after.calls - before.calls).toBe(50);
  });

  it('caches tools/list for listTtlMs, shares concurrent fetches, and refreshes on list-changed', async () => {
    const count = async (): Promise<number> => (await serverStats(upstream)).methods['tools/list'] ?? 0;
    clock += 120_000;
    const start = await count();
    await Promise.all([upstream.listTools({ caller: testCaller }), upstream.listTools({ caller: testCaller })]);
    await upstream.listTools({ caller: undefined });
    expect(await count()).toBe(start + 1);
    clock += 61_000;
    await upstream.listTools({ caller: testCaller });
    expect(await count()).toBe(start + 2);

    let changed = 0;
    const unsubscribe = upstream.onToolsChanged(() => (changed += 1));
    await upstream.callTool('add_tool', { name: 'added' }, callContext());
    await waitFor(() => changed > 0);
    unsubscribe();
    const tools = await upstream.listTools({ caller: testCaller });
    expect(tools.map((tool) => tool.name)).toContain('added');
    expect(await count()).toBe(start + 3);
  });

  it('fails a call past timeoutMs with 504 upstream_timeout and cancels it on the server', async () => {
    const before = await serverStats(upstream);
    const error = await rejection(upstream.callTool('slow', { ms: 10_000 }, callContext()));
    expect(error).toMatchObject({ code: 'upstream_timeout', status: 504 });
    const after = await serverStats(upstream);
    expect(after.cancelled - before.cancelled).toBe(1);
  });

  it("cancels a call when the caller's signal aborts", async () => {
    const before = await serverStats(upstream);
    const controller = new AbortController();
    const call = upstream.callTool('slow', { ms: 10_000 }, callContext(controller.signal));
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(call);
    expect(error.status).toBe(499);
    const after = await serverStats(upstream);
    expect(after.cancelled - before.cancelled).toBe(1);
  });

  it('answers an already-aborted caller with its own PodiumError, or 499, without calling the server', async () => {
    const before = await serverStats(upstream);
    const deadline = new AbortController();
    deadline.abort(new PodiumError('request_timeout', 'the call deadline passed'));
    expect(await rejection(upstream.callTool('echo', { text: 'x' }, callContext(deadline.signal)))).toMatchObject({
      code: 'request_timeout',
    });
    const gone = new AbortController();
    gone.abort();
    expect((await rejection(upstream.listTools({ caller: testCaller, signal: gone.signal }))).status).toBe(499);
    const after = await serverStats(upstream);
    expect(after.methods['tools/call']).toBe((before.methods['tools/call'] ?? 0) + 1);
  });

  it('refuses a result larger than maxResultBytes with 502', async () => {
    const error = await rejection(upstream.callTool('big', { bytes: 50_000 }, callContext()));
    expect(error).toMatchObject({ code: 'upstream_body_too_large', status: 502 });
    expect(error.message).toContain('maxResultBytes');
    const small = await upstream.callTool('big', { bytes: 100 }, callContext());
    expect(small.content[0]?.text).toHaveLength(100);
  });

  it('maps an unknown tool to 404 and the session survives it', async () => {
    const error = await rejection(upstream.callTool('no_such_tool', {}, callContext()));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(upstream.health().state).toBe('ready');
  });

  it('lists and reads resources and prompts', async () => {
    expect((await upstream.listResources()).map((resource) => resource.uri)).toEqual(['test://readme']);
    expect((await upstream.readResource('test://readme')).contents[0]).toMatchObject({ text: 'read me' });
    expect((await upstream.listPrompts()).map((prompt) => prompt.name)).toEqual(['greet']);
    const prompt = await upstream.getPrompt('greet', { who: 'Ada' });
    expect(prompt.messages[0]).toMatchObject({ content: { text: 'Hello Ada' } });
  });
});

describe('MCP upstream over stdio: process lifetime', () => {
  it('goes down when the process dies, fails fast with 503, comes back with a new process, and close() leaves no process', async () => {
    const upstream = createMcpUpstream('crashy', mcpConfig({ command, env: { SECRET_TOKEN: 'hunter2-secret' } }), {
      baseDir: process.cwd(),
      // The longest first back-off (250 ms) keeps `down` observable between polls.
      random: () => 1,
    });
    try {
      await waitReady(upstream);
      const first = upstream.processId();
      // Never kill(0): that would signal the test's own process group.
      if (first === undefined || first <= 0) throw new Error('the stdio upstream has no process id');
      process.kill(first, 'SIGKILL');
      await waitFor(() => upstream.health().state !== 'ready');
      const down = upstream.health();
      expect(down.state).toBe('down');
      expect(down.retryAt).toBeDefined();
      const error = await rejection(upstream.callTool('echo', { text: 'x' }, callContext()));
      expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503 });
      await waitReady(upstream);
      const second = upstream.processId();
      if (second === undefined || second <= 0) throw new Error('the stdio upstream has no process id');
      expect(second).not.toBe(first);
      expect(await upstream.callTool('echo', { text: 'back' }, callContext())).toEqual({
        content: [{ type: 'text', text: 'back' }],
      });
      await upstream.close();
      expect(upstream.health().state).toBe('closed');
      await waitFor(() => !isAlive(second), 5000);
      const closed = await rejection(upstream.callTool('echo', { text: 'x' }, callContext()));
      expect(closed.code).toBe('upstream_unavailable');
    } finally {
      await upstream.close();
    }
  });

  it('reports a command that cannot start as down with the error, without secrets, and a retry time', async () => {
    const upstream = createMcpUpstream(
      'missing',
      mcpConfig({ command: ['/nonexistent/mcp-server', '--token=hunter2-secret'], env: { TOKEN: 'hunter2-secret' } }),
      { baseDir: process.cwd() },
    );
    try {
      await waitFor(() => upstream.health().state === 'down');
      const health = upstream.health();
      expect(health.lastError).toBeDefined();
      expect(health.lastError).not.toContain('hunter2-secret');
      expect(Date.parse(health.retryAt ?? '')).toBeGreaterThan(Date.now() - 1000);
    } finally {
      await upstream.close();
    }
  });
});
