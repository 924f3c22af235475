/**
 * An HTTP API described by OpenAPI and a PostgreSQL database as tools behind a real Podium, called with the
 * official client through `/mcp`: the OpenAPI operation gets its credential from podium.yaml (never from the
 * model), and the SQL statement's row-scoping parameter is bound from the caller's identity (`x-podium-user`) —
 * a model-supplied value for it is refused naming the field, and the caller only ever sees its own rows.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import {
  adminStatement,
  createTestSchema,
  dropTestSchema,
  postgresTestUrl,
  reachPostgres,
} from '../testkit/postgres-test-server.test-suite.js';

const unreachable = await reachPostgres('the OpenAPI and SQL tools through Podium');

const openApiDocument = (baseUrl: string) => ({
  openapi: '3.1.0',
  info: { title: 'CRM', version: '1.0.0' },
  servers: [{ url: baseUrl }],
  paths: {
    '/customers/{customerId}': {
      get: {
        operationId: 'getCustomer',
        summary: 'One customer by id.',
        parameters: [{ name: 'customerId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'the customer',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
  },
});

describe.skipIf(unreachable !== undefined)('OpenAPI and SQL upstreams through the tool gateway', () => {
  let crm: http.Server;
  const seenKeys: (string | undefined)[] = [];
  let workDir = '';
  let schema = '';
  let podium: TestPodium;

  beforeAll(async () => {
    crm = http.createServer((request, response) => {
      seenKeys.push(request.headers['x-api-key'] as string | undefined);
      const id = decodeURIComponent((request.url ?? '').split('/').at(-1) ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id, name: `Customer ${id}` }));
    });
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
    const crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    workDir = await mkdtemp(join(tmpdir(), 'podium-openapi-'));
    const spec = join(workDir, 'crm-openapi.json');
    await writeFile(spec, JSON.stringify(openApiDocument(crmUrl)));

    schema = await createTestSchema();
    await adminStatement(`
      CREATE TABLE ${schema}.orders (id text PRIMARY KEY, customer_id text NOT NULL, status text NOT NULL);
      INSERT INTO ${schema}.orders VALUES ('o1', 'ada', 'shipped'), ('o2', 'ada', 'pending'), ('o3', 'bob', 'pending');`);

    podium = await startTestPodium({
      providers: { openai: 'openai' },
      modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
      env: { CRM_KEY: 'crm-secret-key' },
      extraYaml: `tools:
  pinning: first-seen
  upstreams:
    crm: { type: openapi, spec: "${spec}", headers: { x-api-key: "\${CRM_KEY}" } }
    orders:
      type: sql
      databaseUrl: "${postgresTestUrl}"
      statements:
        order_status:
          description: "The caller's orders with one id, or all of them."
          sql: "select id, status from ${schema}.orders where customer_id = $1 and ($2::text is null or id = $2) order by id"
          params: [ { name: customer_id, from: caller.user }, { name: order_id, optional: true } ]
`,
    });
  }, 120_000);

  afterAll(async () => {
    await podium?.close();
    await new Promise((resolve) => crm?.close(resolve));
    if (schema !== '') await dropTestSchema(schema);
    if (workDir !== '') await rm(workDir, { recursive: true, force: true });
  });

  async function clientFor(user: string): Promise<Client> {
    const client = new Client({ name: 'agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${podium.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${podium.key}`, 'x-podium-user': user } },
      }),
    );
    return client;
  }

  it('serves an OpenAPI operation as a tool, with the credential from podium.yaml', async () => {
    const client = await clientFor('ada');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['crm__getCustomer', 'orders__order_status']));
    const result = await client.callTool({ name: 'crm__getCustomer', arguments: { customerId: 'c-7' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: 'c-7', name: 'Customer c-7' });
    expect(seenKeys.at(-1)).toBe('crm-secret-key');
    await client.close();
  });

  it('scopes SQL rows to the caller, and refuses a model-supplied value for the bound parameter', async () => {
    const ada = await clientFor('ada');
    const mine = await ada.callTool({ name: 'orders__order_status', arguments: {} });
    expect((mine.structuredContent as { rows: { id: string }[] }).rows.map((row) => row.id)).toEqual(['o1', 'o2']);
    // Bob's order is not Ada's, whatever she asks for.
    const other = await ada.callTool({ name: 'orders__order_status', arguments: { order_id: 'o3' } });
    expect((other.structuredContent as { rows: unknown[] }).rows).toEqual([]);
    const override = await ada.callTool({
      name: 'orders__order_status',
      arguments: { customer_id: 'bob' },
    });
    expect(override.isError).toBe(true);
    expect(JSON.stringify(override.content)).toContain('customer_id');
    const bob = await clientFor('bob');
    const bobs = await bob.callTool({ name: 'orders__order_status', arguments: {} });
    expect((bobs.structuredContent as { rows: { id: string }[] }).rows.map((row) => row.id)).toEqual(['o3']);
    await ada.close();
    await bob.close();
  });
});
