import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRetailDatabase } from './load-retail-database.js';
import { copyRetailDatabase } from './retail-database.js';
import type { RetailDatabase } from './retail-database.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { loadRetailTasks } from './retail-tasks.js';
import type { RetailTask } from './retail-tasks.js';
import { retailTools } from './retail-tools.js';
import { directReplay, outputsFound, replayTask } from './replay-task.js';
import type { RetailToolCaller } from './replay-task.js';
import { stateHash } from './state-hash.js';
import { createTauRetailServer } from './tau-retail-server.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

/** An official MCP client connected in-process to a server over `database`. */
async function connect(database: RetailDatabase): Promise<{ client: Client; close: () => Promise<void> }> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = createTauRetailServer(database);
  await server.connect(serverTransport);
  const client = new Client({ name: 'scripted-agent', version: '1.0.0' });
  await client.connect(clientTransport);
  return { client, close: () => client.close() };
}

/** Calls a tool through the client, keeping the one text block the server answers. */
function callerOf(client: Client): RetailToolCaller {
  return async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    const first = result.content[0];
    if (first?.type !== 'text') throw new Error(`${name}: no text content`);
    return { text: first.text, isError: result.isError === true };
  };
}

describe.skipIf(directory === undefined)('the τ-bench retail MCP server', () => {
  let pristine: RetailDatabase;
  let tasks: RetailTask[];
  beforeAll(() => {
    pristine = loadRetailDatabase(directory ?? '');
    const { dev, train } = loadRetailTasks(directory ?? '');
    tasks = [...dev, ...train];
  });

  it('lists the 16 tools with get_info()s descriptions and JSON Schemas, and hints from what they change', async () => {
    const { client, close } = await connect(copyRetailDatabase(pristine));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(retailTools.map((tool) => tool.name));
    for (const [index, tool] of tools.entries()) {
      const own = retailTools[index];
      expect(tool.description).toBe(own?.description);
      expect(tool.inputSchema).toMatchObject(own?.parameters ?? {});
      expect(tool.annotations?.readOnlyHint).toBe(own?.readOnly);
    }
    await close();
  });

  it('replays all 520 tasks through the MCP client to the same state hash as the direct replay', async () => {
    const started = Date.now();
    const hashes = new Map<string, number>();
    let mutating = 0;
    for (const [index, task] of tasks.entries()) {
      const database = copyRetailDatabase(pristine);
      const { client, close } = await connect(database);
      const texts = await replayTask(callerOf(client), task);
      await close();
      const direct = directReplay(task, pristine);
      expect({ index, hash: stateHash(database), texts }).toEqual({ index, hash: direct.hash, texts: direct.texts });
      // Outputs are judged on the agent's replies in base_env.py; a scripted agent has only tool results.
      expect(Object.values(outputsFound(task.outputs, texts)).every(Boolean)).toBe(true);
      // A few ground-truth actions are refused (the order's status forbids them): those leave the data as it was.
      if (direct.texts.some((text) => !text.startsWith('Error: '))) {
        mutating += 1;
        hashes.set(direct.hash, (hashes.get(direct.hash) ?? 0) + 1);
      } else expect(direct.hash).toBe(stateHash(pristine));
    }
    expect(tasks).toHaveLength(520);
    // Every task with an accepted action changed the data.
    expect(hashes.has(stateHash(pristine))).toBe(false);
    // Equal hashes only for equal end states (a return sorts its items, so two orders of the same items agree).
    const byHash = new Map<string, RetailDatabase>();
    for (const task of tasks) {
      const { hash, texts, database } = directReplay(task, pristine);
      if (texts.every((text) => text.startsWith('Error: '))) continue;
      const seen = byHash.get(hash);
      if (seen !== undefined) expect(database).toEqual(seen);
      else byHash.set(hash, database);
    }
    expect(mutating).toBeGreaterThan(400);
    expect(byHash.size).toBeGreaterThan(300);
    console.info(`520 tasks through MCP in ${Date.now() - started} ms`);
  }, 300_000);

  it('marks error texts with isError and leaves the data as it was', async () => {
    const database = copyRetailDatabase(pristine);
    const { client, close } = await connect(database);
    const caller = callerOf(client);
    expect(await caller('cancel_pending_order', { order_id: '#W2611340', reason: 'no longer needed' })).toEqual({
      text: 'Error: non-pending order cannot be cancelled',
      isError: true,
    });
    expect(await caller('find_user_id_by_email', { email: 'OMAR.Kim8981@example.com' })).toEqual({
      text: 'omar_kim_3528',
      isError: false,
    });
    // The JSON Schema's enum is enforced by the SDK before the tool runs.
    const refused = await client.callTool({
      name: 'cancel_pending_order',
      arguments: { order_id: '#W6779827', reason: 'too expensive' },
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('reason') as unknown });
    await close();
    expect(stateHash(database)).toBe(stateHash(pristine));
  });

  it('judges required outputs as base_env.py does: case-insensitive, commas dropped from the text', () => {
    expect(outputsFound(['1,234.56', 'Refunded'], ['total 1234.56 refunded'])).toEqual({
      '1,234.56': false,
      Refunded: true,
    });
    expect(outputsFound(['1234.56'], ['total 1,234.56'])).toEqual({ '1234.56': true });
  });

  it('runs as a stdio upstream: node --import tsx tau-retail-stdio.ts', async () => {
    const entry = join(dirname(fileURLToPath(import.meta.url)), 'tau-retail-stdio.ts');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', entry],
      cwd: join(dirname(fileURLToPath(import.meta.url)), '../../../..'),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-check', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(16);
    const result = await client.callTool({
      name: 'find_user_id_by_name_zip',
      arguments: { first_name: 'Ava', last_name: 'Moore', zip: '78234' },
    });
    expect(result.content[0]).toEqual({ type: 'text', text: 'ava_moore_2033' });
    await client.close();
  }, 60_000);
});
