import type { Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeToolGateway, otherKey, testKey } from './fake-tool-gateway.test-suite.js';
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

const taskSchema = z.looseObject({ taskId: z.string(), status: z.string(), statusMessage: z.string().optional() });
const createTaskSchema = z.looseObject({ task: taskSchema });
const toolResultSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  isError: z.boolean().optional(),
});

describe('approval-gated calls, 2025 era with tasks', () => {
  async function startTask(client: Client, path: string) {
    const next = gateway.nextApproval();
    const created = await client.request(
      { method: 'tools/call', params: { name: 'ops__deploy', arguments: { path }, task: { ttl: 60_000 } } },
      createTaskSchema,
    );
    return { taskId: created.task.taskId, approvalId: await next, status: created.task.status };
  }
  const getTask = (client: Client, taskId: string) =>
    client.request({ method: 'tasks/get', params: { taskId } }, taskSchema);

  it('creates a task that is working while approval is pending and returns the result once approved', async () => {
    const client = await connect('legacy');
    const { taskId, approvalId, status } = await startTask(client, 'v1');
    expect(status).toBe('working');
    const waiting = await getTask(client, taskId);
    expect(waiting.status).toBe('working');
    expect(waiting.statusMessage).toContain(approvalId);
    const result = client.request({ method: 'tasks/result', params: { taskId } }, toolResultSchema);
    gateway.decide(approvalId, 'approved');
    expect((await result).content).toEqual([{ type: 'text', text: 'deployed v1' }]);
    expect((await getTask(client, taskId)).status).toBe('completed');
  });

  it('fails the task with a denied result when the approval expires', async () => {
    const client = await connect('legacy');
    const { taskId, approvalId } = await startTask(client, 'v2');
    gateway.decide(approvalId, 'expired');
    const result = await client.request({ method: 'tasks/result', params: { taskId } }, toolResultSchema);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('expired');
    expect((await getTask(client, taskId)).status).toBe('failed');
  });

  it('keeps a task private to the key that created it', async () => {
    const client = await connect('legacy');
    const { taskId, approvalId } = await startTask(client, 'v3');
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'x-api-key': otherKey,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tasks/get', params: { taskId } }),
    });
    expect(await answer.text()).toContain('Unknown task');
    gateway.decide(approvalId, 'denied');
  });
});

describe('approval-gated calls, 2025 era without tasks', () => {
  it('tells the model the call is pending, and the same call completes once approved', async () => {
    const client = await connect('legacy');
    const next = gateway.nextApproval();
    const pending = await client.callTool({ name: 'ops__deploy', arguments: { path: 'v4' } });
    const approvalId = await next;
    expect(pending.isError).toBe(true);
    expect(pending._meta?.['podium/approval']).toEqual({
      status: 'pending',
      approvalId,
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(pending.content)).toContain('Make the same call again');
    gateway.decide(approvalId, 'approved');
    const done = await client.callTool({ name: 'ops__deploy', arguments: { path: 'v4' } });
    expect(done.content).toEqual([{ type: 'text', text: 'deployed v4' }]);
  });
});

describe('approval-gated calls, 2026 era (input_required round trips)', () => {
  it('holds the call across rounds and returns the result once approved', async () => {
    const client = await connect('modern');
    const next = gateway.nextApproval();
    const call = client.callTool({ name: 'ops__deploy', arguments: { path: 'v5' } });
    gateway.decide(await next, 'approved');
    expect((await call).content).toEqual([{ type: 'text', text: 'deployed v5' }]);
  });

  it('returns a denied result when the approval expires', async () => {
    const client = await connect('modern');
    const next = gateway.nextApproval();
    const call = client.callTool({ name: 'ops__deploy', arguments: { path: 'v6' } });
    const approvalId = await next;
    gateway.decide(approvalId, 'expired');
    const result = await call;
    expect(result.isError).toBe(true);
    expect(result._meta?.['podium/approval']).toEqual({ status: 'expired', approvalId });
  });
});

describe('approval-gated calls, 2026 era, when approval outlasts one request', () => {
  it('answers input_required again after each bounded wait, then the result once approved', async () => {
    const slowGateway = new FakeToolGateway();
    const slowServer = await startMcpTestServer({ gateway: slowGateway, approvalWindowMs: 30 });
    const client = await connectClient({ url: slowServer.url, key: testKey, era: 'modern' });
    try {
      // Decided only on the third wait: the first two windows end with "still pending" rounds.
      slowGateway.onWait = (approvalId, count) => {
        if (count === 3) slowGateway.decide(approvalId, 'approved');
      };
      const result = await client.callTool({ name: 'ops__deploy', arguments: { path: 'slow' } });
      expect(result.content).toEqual([{ type: 'text', text: 'deployed slow' }]);
      expect([...slowGateway.waits.values()]).toEqual([3]);
      // The approved call ran once, on the last round.
      expect(slowGateway.calls.filter((call) => call.name === 'ops__deploy')).toHaveLength(2);
    } finally {
      await client.close();
      await slowServer.close();
    }
  });

  it('refuses a requestState that is not the caller’s pending call', async () => {
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${testKey}`,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'ops__deploy',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: {
          name: 'ops__deploy',
          arguments: { path: 'forged' },
          requestState: 'forged-state',
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'forger', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });
    expect(await answer.json()).toMatchObject({ error: { code: -32602, message: 'Invalid or expired requestState.' } });
    expect(
      gateway.calls.some((call) => call.arguments !== null && JSON.stringify(call.arguments).includes('forged')),
    ).toBe(false);
  });
});

describe('tasks/list and tasks/cancel (2025 era)', () => {
  it('lists the caller’s tasks and cancels a waiting one', async () => {
    const client = await connect('legacy');
    const next = gateway.nextApproval();
    const created = await client.request(
      { method: 'tools/call', params: { name: 'ops__deploy', arguments: { path: 'v9' }, task: { ttl: 60_000 } } },
      createTaskSchema,
    );
    const approvalId = await next;
    const { taskId } = created.task;
    const listed = await client.request(
      { method: 'tasks/list', params: {} },
      z.looseObject({ tasks: z.array(taskSchema) }),
    );
    expect(listed.tasks.map((task) => task.taskId)).toContain(taskId);
    const cancelled = await client.request({ method: 'tasks/cancel', params: { taskId } }, taskSchema);
    expect(cancelled.status).toBe('cancelled');
    const result = await client.request({ method: 'tasks/result', params: { taskId } }, toolResultSchema);
    expect(result.isError).toBe(true);
    // Approving afterwards runs nothing: the cancelled task stopped waiting.
    const deploysBefore = gateway.calls.filter((call) => call.name === 'ops__deploy').length;
    gateway.decide(approvalId, 'approved');
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.calls.filter((call) => call.name === 'ops__deploy').length).toBe(deploysBefore);
  });
});

describe('a client that goes away while waiting', () => {
  it('cancels its wait without harm: the server keeps serving and the task still completes', async () => {
    const client = await connect('legacy');
    const next = gateway.nextApproval();
    const created = await client.request(
      { method: 'tools/call', params: { name: 'ops__deploy', arguments: { path: 'v10' }, task: { ttl: 60_000 } } },
      createTaskSchema,
    );
    const approvalId = await next;
    const { taskId } = created.task;
    const gone = new AbortController();
    const waiting = client.request({ method: 'tasks/result', params: { taskId } }, toolResultSchema, {
      signal: gone.signal,
    });
    gone.abort();
    await expect(waiting).rejects.toThrow();
    gateway.decide(approvalId, 'approved');
    const result = await client.request({ method: 'tasks/result', params: { taskId } }, toolResultSchema);
    expect(result.content).toEqual([{ type: 'text', text: 'deployed v10' }]);
    expect(server.faults).toEqual([]);
  });
});
