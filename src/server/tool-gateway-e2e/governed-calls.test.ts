/**
 * The governed tool gateway end to end: a real Podium with the τ-bench retail shop as a stdio MCP
 * upstream and inline Cedar policies, driven by the official MCP client over Streamable HTTP in both
 * protocol eras. Checks what a client sees (order, names, results, denials) and what Podium keeps
 * (audit trail and ledger, scoped to the caller's tenant).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestPageSchema } from '../../contract/index.js';
import type { TestPodium } from '../testkit/index.js';
import {
  connectMcp,
  connectStdio,
  podiumErrorOf,
  retailDataPresent,
  startRetailPodium,
  textOf,
  waitFor,
} from './retail-podium.test-suite.js';

// The forbid names one tool so the rest of the shop stays callable: a denial must not be a default deny.
const cedar = [
  '@id("retail-permit") permit (principal, action == Podium::Action::"tool.call", resource) when { context.upstream == "retail" };',
  '@id("no-product-types") forbid (principal, action == Podium::Action::"tool.call", resource == Podium::Tool::"retail/list_all_product_types");',
].join('\n');

let podium: TestPodium;

beforeAll(async () => {
  if (retailDataPresent) podium = await startRetailPodium({ cedar });
}, 60_000);
afterAll(async () => podium?.close());

const connectors = { http: connectMcp, stdio: connectStdio };

describe.skipIf(!retailDataPresent).each([
  ['http', 'legacy'],
  ['http', 'modern'],
  ['stdio', 'legacy'],
  ['stdio', 'modern'],
] as const)('the retail shop over %s in the %s era', (transport, era) => {
  const connect = () => connectors[transport](podium, era);

  it('lists every retail tool, right after start, as upstream__tool in name order', async () => {
    const client = await connect();
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
  }, 30_000);

  it('calls a tool and returns the upstream’s answer', async () => {
    const client = await connect();
    try {
      const result = await client.callTool({ name: 'retail__calculate', arguments: { expression: '(2 + 3) * 4' } });
      expect(result.isError ?? false).toBe(false);
      expect(textOf(result)).toContain('20');
    } finally {
      await client.close();
    }
  }, 30_000);

  it('answers a Cedar forbid with an isError result naming the policy, audited and in the ledger', async () => {
    const client = await connect();
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
  }, 30_000);
});
