/**
 * The governed tool gateway end to end: a real Podium with the τ-bench retail shop as a stdio MCP
 * upstream and inline Cedar policies, driven by the official MCP client over Streamable HTTP in both
 * protocol eras. Checks what a client sees (order, names, results, denials) and what Podium keeps
 * (audit trail and ledger, scoped to the caller's tenant).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestPageSchema } from '../../contract/index.js';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

const root = process.cwd();
const shared = process.env.PODIUM_SHARED_DIR ?? resolve(root, '../shared');
const retailDataPresent = existsSync(resolve(shared, 'data/agents/tau-retail/data/orders.json'));
if (!retailDataPresent) {
  console.warn('τ-bench retail data not found (../shared/data/agents/tau-retail): governed-calls tests skipped');
}

// The forbid names one tool so the rest of the shop stays callable: a denial must not be a default deny.
const cedar = [
  '@id("retail-permit") permit (principal, action == Podium::Action::"tool.call", resource) when { context.upstream == "retail" };',
  '@id("no-product-types") forbid (principal, action == Podium::Action::"tool.call", resource == Podium::Tool::"retail/list_all_product_types");',
].join('\n');

let podium: TestPodium;

beforeAll(async () => {
  if (!retailDataPresent) return;
  const server = `${root}/src/server/testkit/tau-retail/tau-retail-stdio.ts`;
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
    extraYaml: `tools:
  pinning: first-seen
  upstreams:
    retail: { type: mcp, command: ["node", "--import", "tsx", "${server}"], cwd: "${root}" }
policies:
  inline:
    retail: ${JSON.stringify(cedar)}
`,
  });
}, 60_000);
afterAll(async () => podium?.close());

async function connect(era: 'legacy' | 'modern'): Promise<Client> {
  const client = new Client(
    { name: 'gateway-e2e', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${podium.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${podium.key}` } },
    }),
  );
  return client;
}

const textOf = (result: unknown): string =>
  z
    .object({ content: z.array(z.object({ type: z.string(), text: z.string().optional() })) })
    .parse(result)
    .content.map((part) => part.text ?? '')
    .join('');

const podiumErrorOf = (result: unknown) =>
  z
    .object({
      isError: z.literal(true),
      _meta: z.object({ 'podium/error': z.object({ code: z.string(), status: z.number() }) }),
    })
    .parse(result)._meta['podium/error'];

/** Polls `read` until it yields a value (bounded: 5 s). */
async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 100; tries += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('waited 5 s for a value that never came');
}

describe.skipIf(!retailDataPresent).each(['legacy', 'modern'] as const)('the retail shop in the %s era', (era) => {
  it('lists every retail tool, right after start, as upstream__tool in name order', async () => {
    const client = await connect(era);
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(era === 'legacy' ? '2025-11-25' : '2026-07-28');
      // No sleep: the first list after start must already hold the stdio upstream's tools.
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      const retail = names.filter((name) => name.startsWith('retail__'));
      expect(retail).toContain('retail__find_user_id_by_email');
      expect(retail).toContain('retail__calculate');
      expect(retail.length).toBeGreaterThanOrEqual(15);
      expect(names).toEqual([...names].sort());
    } finally {
      await client.close();
    }
  });

  it('calls a tool and returns the upstream’s answer', async () => {
    const client = await connect(era);
    try {
      const result = await client.callTool({ name: 'retail__calculate', arguments: { expression: '(2 + 3) * 4' } });
      expect(result.isError ?? false).toBe(false);
      expect(textOf(result)).toContain('20');
    } finally {
      await client.close();
    }
  });

  it('answers a Cedar forbid with an isError result naming the policy, audited and in the ledger', async () => {
    const client = await connect(era);
    try {
      const result = await client.callTool({ name: 'retail__list_all_product_types', arguments: {} });
      expect(podiumErrorOf(result)).toMatchObject({ status: 403 });
      expect(textOf(result)).toContain('no-product-types');
    } finally {
      await client.close();
    }
    const entries = await podium.auditEntries();
    const outcome = z.object({
      outcome: z.string(),
      policies: z.array(z.string()),
      chain: z.object({ tool: z.string() }),
    });
    const denials = entries.filter((entry) => {
      const parsed = outcome.safeParse(JSON.parse(entry.payloadJson));
      return (
        parsed.success &&
        parsed.data.outcome === 'denied' &&
        parsed.data.chain.tool === 'retail__list_all_product_types'
      );
    });
    expect(denials.length).toBeGreaterThan(0);
    expect(JSON.parse(denials[0]?.payloadJson ?? '{}')).toMatchObject({ policies: ['no-product-types'], status: 403 });
    // Tenant-scoped: the denial is in the chain of the caller's organisation (where its key was created).
    const keyCreated = entries.find(
      (entry) => entry.kind === 'admin' && entry.payloadJson.includes('POST /api/v1/keys'),
    );
    expect(denials.every((entry) => entry.tenant === keyCreated?.tenant)).toBe(true);
    // The ledger is written in batches: poll until the denied call's row arrives.
    const deniedRow = await waitFor(async () => {
      const page = await podium.admin(
        'GET',
        '/api/v1/requests?kind=tool.call&tool=retail__list_all_product_types&limit=1000',
      );
      return requestPageSchema.parse(page.json).data.find((row) => row.status === 403);
    });
    expect(deniedRow).toMatchObject({
      kind: 'tool.call',
      tool: 'retail__list_all_product_types',
      status: 403,
      charged: false,
    });
  });
});
