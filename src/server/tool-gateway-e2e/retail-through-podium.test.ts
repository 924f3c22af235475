/**
 * τ-bench's retail back office behind a real Podium: every ground-truth action of the 520 tasks made through `/mcp`
 * with the official client, under the retail Cedar policies, must leave the shop in the state a direct replay leaves
 * it (same state hash), and the crafted violations must be refused by the policy that names the rule. The retail
 * server is a real Streamable HTTP upstream; between tasks the test gives it a fresh copy of the data, as τ-bench
 * does for every task.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyRetailDatabase,
  createTauRetailServer,
  directReplay,
  loadRetailDatabase,
  loadRetailTasks,
  replayTask,
  retailDataDirectory,
  retailDataMissing,
  serveMcpHandler,
  startTestPodium,
  stateHash,
  type RetailDatabase,
  type RetailTask,
  type ServedMcpHandler,
  type TestPodium,
} from '../testkit/index.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

const policyFile = fileURLToPath(new URL('../testkit/tau-retail/retail-policies.cedar', import.meta.url));

describe.skipIf(directory === undefined)('the τ-bench retail shop through the tool gateway', () => {
  let pristine: RetailDatabase;
  let tasks: RetailTask[];
  let current: RetailDatabase;
  /** The end user of the task being replayed: the policies allow a task to act for its own user only. */
  let endUser = '';
  let handler: ReturnType<typeof createMcpHandler>;
  let retail: ServedMcpHandler;
  let podium: TestPodium;
  let client: Client;

  beforeAll(async () => {
    pristine = loadRetailDatabase(directory ?? '');
    const { dev, train } = loadRetailTasks(directory ?? '');
    tasks = [...dev, ...train];
    current = copyRetailDatabase(pristine);
    // Stateless serving builds a server per request over whatever database is current.
    handler = createMcpHandler(() => createTauRetailServer(current));
    retail = await serveMcpHandler((request) => handler.fetch(request));
    podium = await startTestPodium({
      providers: { openai: 'openai' },
      modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
      extraYaml: `tools:
  pinning: first-seen
  upstreams:
    retail: { type: mcp, url: "${retail.url}" }
policies:
  files: ["${policyFile}"]
`,
    });
    client = new Client({ name: 'retail-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${podium.url}/mcp`), {
        fetch: (url, init) => {
          const headers = new Headers(init?.headers);
          headers.set('authorization', `Bearer ${podium.key}`);
          if (endUser !== '') headers.set('x-podium-user', endUser);
          return fetch(url, { ...init, headers });
        },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await podium?.close();
    await retail?.close();
    await handler?.close();
  });

  const callThroughPodium = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name: `retail__${name}`, arguments: args });
    const content = (result.content ?? []) as { type: string; text?: string }[];
    return { text: content.map((part) => part.text ?? '').join(''), isError: result.isError === true };
  };

  it('leaves the same state as a direct replay for every one of the 520 tasks', async () => {
    const mismatches: number[] = [];
    let actions = 0;
    for (const [index, task] of tasks.entries()) {
      current = copyRetailDatabase(pristine);
      endUser = task.userId;
      const texts = await replayTask(callThroughPodium, task);
      const expected = directReplay(task, pristine);
      actions += task.actions.length;
      if (stateHash(current) !== expected.hash || JSON.stringify(texts) !== JSON.stringify(expected.texts))
        mismatches.push(index);
    }
    expect(tasks).toHaveLength(520);
    expect(actions).toBe(793);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('refuses the calls that break a written rule, naming the policy, and changes nothing', async () => {
    current = copyRetailDatabase(pristine);
    endUser = '';
    const before = stateHash(current);
    const order = '#W6779827';
    const refused: [string, Record<string, unknown>, string][] = [
      [
        'exchange_delivered_order_items',
        { order_id: order, item_ids: [], new_item_ids: ['1'], payment_method_id: 'gift_card_7219486' },
        'retail-items-listed',
      ],
      [
        'modify_pending_order_payment',
        { order_id: order, payment_method_id: 'bitcoin_1' },
        'retail-payment-method-format',
      ],
      ['get_order_details', { order_id: 'W6779827' }, 'retail-order-id-format'],
    ];
    for (const [tool, args, policy] of refused) {
      const result = await callThroughPodium(tool, args);
      expect({ tool, isError: result.isError, named: result.text.includes(policy), text: result.text }).toMatchObject({
        tool,
        isError: true,
        named: true,
      });
    }
    // A reason outside the tool's own enum never reaches the policies: the arguments are refused first.
    const invalid = await callThroughPodium('cancel_pending_order', { order_id: order, reason: 'too expensive' });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toContain('reason');
    expect(stateHash(current)).toBe(before);
    // Another customer's account is out of reach while acting for this one.
    endUser = 'ethan_lopez_6291';
    const other = await callThroughPodium('get_user_details', { user_id: 'someone_else_1' });
    expect(other.isError).toBe(true);
    expect(other.text).toContain('retail-one-user');
  });
});
