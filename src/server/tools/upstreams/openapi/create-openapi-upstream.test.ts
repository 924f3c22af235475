/**
 * The OpenAPI upstream against a real HTTP server: a small CRM described by an OpenAPI 3.1 YAML
 * document (refs to components, path, query and header parameters, an operation without an
 * operationId), served by node:http in the test and recording every request it receives, so each
 * test asserts both what Podium sent and what it returned.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApiUpstreamSchema, PodiumError } from '../../../../contract/index.js';
import { toolDefinitionSchema } from '../../tool-definition.js';
import type { CallToolContext, ToolUpstream } from '../../tool-upstream.js';
import { createOpenApiUpstream } from './index.js';

const crmYaml = `
openapi: 3.1.0
info: { title: CRM, version: 1.0.0 }
servers:
  - url: http://crm.invalid/api/v1
paths:
  /customers:
    get:
      operationId: listCustomers
      summary: List customers
      description: Newest first.
      parameters:
        - $ref: '#/components/parameters/Limit'
        - name: tag
          in: query
          schema: { type: array, items: { type: string } }
        - name: X-Request-Id
          in: header
          schema: { type: string }
        - name: Authorization
          in: header
          schema: { type: string }
        - name: X-Tenant
          in: header
          schema: { type: string }
        - name: session
          in: cookie
          schema: { type: string }
      responses:
        '200':
          description: A page of customers
          content:
            application/json:
              schema: { $ref: '#/components/schemas/CustomerPage' }
    post:
      operationId: createCustomer
      summary: Create a customer
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewCustomer' }
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Customer' }
  /customers/{customerId}:
    parameters:
      - $ref: '#/components/parameters/CustomerId'
    get:
      operationId: getCustomer
      summary: One customer
      responses:
        '200':
          description: The customer
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Customer' }
        '404': { $ref: '#/components/responses/NotFound' }
    patch:
      operationId: updateCustomer
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewCustomer' }
      responses:
        '200': { description: Updated }
    delete:
      operationId: deleteCustomer
      responses:
        '204': { description: Deleted }
  /customers/{customerId}/notes:
    get:
      summary: Notes about a customer
      parameters:
        - $ref: '#/components/parameters/CustomerId'
        - name: body
          in: query
          description: Search in the notes' text
          schema: { type: string }
      responses:
        '200':
          description: The notes
          content:
            application/json:
              schema: { type: array, items: { type: string } }
components:
  parameters:
    Limit: { name: limit, in: query, description: Page size, schema: { type: integer, minimum: 1, maximum: 100 } }
    CustomerId: { name: customerId, in: path, required: true, schema: { type: string } }
  responses:
    NotFound:
      description: No such customer
      content:
        application/json:
          schema: { type: object, properties: { error: { type: string } } }
  schemas:
    Customer:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
        email: { type: [string, 'null'] }
        referrer: { $ref: '#/components/schemas/Customer' }
    NewCustomer:
      type: object
      required: [name]
      properties:
        name: { type: string }
        email: { type: string }
    CustomerPage:
      type: object
      properties:
        customers: { type: array, items: { $ref: '#/components/schemas/Customer' } }
        total: { type: integer }
`;

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: Received, response: ServerResponse) => void;

const sendJson = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};
const echo: Handler = (request, response) => sendJson(response, 200, { method: request.method, url: request.url });

const secret = 'Bearer sk-crm-secret-123';
let server: Server;
let port: number;
let dir: string;
let received: Received[] = [];
let handler: Handler = echo;
let closedEarly = 0;
const upstreams: ToolUpstream[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(record);
      response.on('close', () => {
        if (!response.writableFinished) closedEarly += 1;
      });
      handler(record, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(join(tmpdir(), 'podium-openapi-'));
  await writeFile(join(dir, 'crm.yaml'), crmYaml);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received = [];
  handler = echo;
  closedEarly = 0;
});

afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()));
});

async function crm(overrides: Record<string, unknown> = {}): Promise<ToolUpstream> {
  const config = openApiUpstreamSchema.parse({
    type: 'openapi',
    spec: 'crm.yaml',
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    headers: { Authorization: secret, 'X-Tenant': 'acme' },
    ...overrides,
  });
  const upstream = await createOpenApiUpstream('crm', config, { baseDir: dir });
  upstreams.push(upstream);
  return upstream;
}

const context = (signal: AbortSignal = new AbortController().signal): CallToolContext => ({
  caller: { orgId: 'org_1', keyId: 'key_1', teamName: 'support', user: undefined, agent: undefined },
  signal,
  callId: 'call_1',
});

async function rejection(promise: Promise<unknown>): Promise<PodiumError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PodiumError);
  return error as PodiumError;
}

const recursiveCustomer = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: ['string', 'null'] },
    referrer: { description: 'recursive reference to #/components/schemas/Customer, not expanded' },
  },
};

describe('createOpenApiUpstream: tools', () => {
  it('lists one tool per operation, sorted by name, the unnamed one named after its method and path', async () => {
    const upstream = await crm();
    const tools = await upstream.listTools({ caller: undefined });
    expect(tools.map((tool) => tool.name)).toEqual([
      'createCustomer',
      'deleteCustomer',
      'getCustomer',
      'get_customers_customerId_notes',
      'listCustomers',
      'updateCustomer',
    ]);
    // What the catalog and pinning parse: every definition is one they accept.
    for (const tool of tools) expect(toolDefinitionSchema.parse(tool)).toEqual(tool);
    expect(upstream.kind).toBe('openapi');
    expect(upstream.health().state).toBe('ready');
  });

  it('maps path, query and header parameters to properties, leaving out credentials, configured headers and cookies', async () => {
    const tools = await (await crm()).listTools({ caller: undefined });
    const list = tools.find((tool) => tool.name === 'listCustomers');
    expect(list).toEqual({
      upstream: 'crm',
      name: 'listCustomers',
      description: 'List customers\n\nNewest first.',
      inputSchema: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 100, description: 'Page size' },
          tag: { type: 'array', items: { type: 'string' } },
          'X-Request-Id': { type: 'string' },
        },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          customers: {
            type: 'array',
            // The Customer inside a Customer is where the cycle is cut.
            items: recursiveCustomer,
          },
          total: { type: 'integer' },
        },
      },
      annotations: { readOnlyHint: true },
    });
  });

  it('makes the JSON body a required `body` property and keeps it apart from a parameter named body', async () => {
    const tools = await (await crm()).listTools({ caller: undefined });
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('createCustomer')?.inputSchema).toEqual({
      type: 'object',
      properties: {
        body: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, email: { type: 'string' } },
          description: 'The JSON request body.',
        },
      },
      required: ['body'],
      additionalProperties: false,
    });
    expect(byName.get('createCustomer')?.outputSchema).toEqual(recursiveCustomer);
    expect(byName.get('getCustomer')?.inputSchema).toEqual({
      type: 'object',
      properties: { customerId: { type: 'string' } },
      required: ['customerId'],
      additionalProperties: false,
    });
    expect(byName.get('get_customers_customerId_notes')?.inputSchema.properties).toEqual({
      customerId: { type: 'string' },
      'query.body': { type: 'string', description: "Search in the notes' text" },
    });
    // An array result is no structuredContent: no output schema.
    expect(byName.get('get_customers_customerId_notes')?.outputSchema).toBeUndefined();
    expect(byName.get('updateCustomer')?.inputSchema.required).toEqual(['customerId']);
    expect(byName.get('deleteCustomer')?.annotations).toEqual({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('updateCustomer')?.annotations).toEqual({ readOnlyHint: false });
  });

  it('honours the operations allow-list and exclude', async () => {
    const upstream = await crm({
      operations: ['listCustomers', 'getCustomer', 'deleteCustomer'],
      exclude: ['deleteCustomer'],
    });
    const tools = await upstream.listTools({ caller: undefined });
    expect(tools.map((tool) => tool.name)).toEqual(['getCustomer', 'listCustomers']);
    await expect(upstream.callTool('createCustomer', { body: { name: 'x' } }, context())).rejects.toMatchObject({
      code: 'tool_not_found',
    });
    expect(received).toEqual([]);
  });

  it('refuses an allow-list naming an operation the document lacks', async () => {
    const error = await rejection(crm({ operations: ['listCustomers', 'purgeEverything'] }));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('tools.upstreams.crm.operations.1');
    expect(error.message).toContain('"purgeEverything"');
  });
});

describe('createOpenApiUpstream: calls', () => {
  it('sends query arrays as repeated keys, header parameters, and the configured credentials', async () => {
    handler = (_request, response) => sendJson(response, 200, { customers: [{ id: 'c1', name: 'Ada' }], total: 1 });
    const result = await (
      await crm()
    ).callTool('listCustomers', { limit: 10, tag: ['vip', 'new york'], 'X-Request-Id': 'r-1' }, context());
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('GET');
    expect(received[0]?.url).toBe('/api/v1/customers?limit=10&tag=vip&tag=new+york');
    expect(received[0]?.headers['x-request-id']).toBe('r-1');
    expect(received[0]?.headers.authorization).toBe(secret);
    expect(received[0]?.headers['x-tenant']).toBe('acme');
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"customers":[{"id":"c1","name":"Ada"}],"total":1}' }],
      structuredContent: { customers: [{ id: 'c1', name: 'Ada' }], total: 1 },
    });
  });

  it('never lets arguments set authorization, cookie, host or a configured header', async () => {
    await (
      await crm()
    ).callTool(
      'listCustomers',
      {
        Authorization: 'Bearer stolen',
        authorization: 'Bearer stolen',
        'header.Authorization': 'Bearer stolen',
        'X-Tenant': 'other-tenant',
        'x-tenant': 'other-tenant',
        cookie: 'session=stolen',
        session: 'stolen',
        host: 'evil.example',
      },
      context(),
    );
    const headers = received[0]?.headers;
    expect(headers?.authorization).toBe(secret);
    expect(headers?.['x-tenant']).toBe('acme');
    expect(headers?.cookie).toBeUndefined();
    expect(headers?.host).toBe(`127.0.0.1:${port}`);
    expect(received[0]?.url).toBe('/api/v1/customers');
  });

  it('encodes each path parameter as one segment: a ../ cannot change the path', async () => {
    const upstream = await crm();
    for (const customerId of ['../admin', '..', '.', 'a b/c?d=1#e', '%2e%2e']) {
      await upstream.callTool('getCustomer', { customerId }, context());
    }
    expect(received.map((request) => request.url)).toEqual([
      '/api/v1/customers/..%2Fadmin',
      '/api/v1/customers/%2E%2E',
      '/api/v1/customers/%2E',
      '/api/v1/customers/a%20b%2Fc%3Fd%3D1%23e',
      '/api/v1/customers/%252e%252e',
    ]);
  });

  it('sends the body as JSON and returns the created object as structured content', async () => {
    handler = (request, response) => sendJson(response, 201, { id: 'c9', ...(JSON.parse(request.body) as object) });
    const result = await (
      await crm()
    ).callTool('createCustomer', { body: { name: 'Grace', email: 'grace@example.com' } }, context());
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.url).toBe('/api/v1/customers');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ name: 'Grace', email: 'grace@example.com' });
    expect(result.structuredContent).toEqual({ id: 'c9', name: 'Grace', email: 'grace@example.com' });
    expect(result.isError).toBeUndefined();
  });

  it('sends PATCH and DELETE with path parameters and reports an empty answer', async () => {
    handler = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    const upstream = await crm();
    const deleted = await upstream.callTool('deleteCustomer', { customerId: 'c1' }, context());
    await upstream.callTool('updateCustomer', { customerId: 'c1', body: { name: 'Ada L.' } }, context());
    expect(received.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      'DELETE /api/v1/customers/c1 ',
      'PATCH /api/v1/customers/c1 {"name":"Ada L."}',
    ]);
    expect(deleted).toEqual({ content: [{ type: 'text', text: 'HTTP 204 (no content)' }] });
  });

  it('returns a non-2xx answer as the tool failing, with a bounded excerpt and no credentials', async () => {
    handler = (request, response) =>
      sendJson(response, 404, {
        error: 'no such customer',
        debug: `received ${String(request.headers.authorization)}`,
        padding: 'x'.repeat(50_000),
      });
    const result = await (await crm()).callTool('getCustomer', { customerId: 'nobody' }, context());
    expect(result.isError).toBe(true);
    const text = String(result.content[0]?.text);
    expect(text).toMatch(/^HTTP 404: \{"error":"no such customer","debug":"received \[redacted\]"/);
    expect(text).not.toContain('sk-crm-secret-123');
    expect(text.length).toBeLessThan(2100);
    expect(text.endsWith('[…]')).toBe(true);
  });

  it('follows no redirect: a 3xx is the tool failing and nothing is sent elsewhere', async () => {
    handler = (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` });
      response.end();
    };
    const result = await (await crm()).callTool('getCustomer', { customerId: 'c1' }, context());
    expect(result).toEqual({ content: [{ type: 'text', text: 'HTTP 302' }], isError: true });
    expect(received).toHaveLength(1);
  });

  it('returns text for other content types', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('id,name\nc1,Ada\n');
    };
    const result = await (await crm()).callTool('listCustomers', {}, context());
    expect(result).toEqual({ content: [{ type: 'text', text: 'id,name\nc1,Ada\n' }] });
  });

  it('stops reading a result larger than maxResultBytes, announced or streamed (502)', async () => {
    const upstream = await crm({ maxResultBytes: 1000 });
    handler = (_request, response) => sendJson(response, 200, { data: 'x'.repeat(5000) });
    const announced = await rejection(upstream.callTool('listCustomers', {}, context()));
    expect(announced).toMatchObject({ code: 'upstream_body_too_large', status: 502 });
    expect(announced.message).toContain('larger than 1000 bytes');

    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(600);
      response.write(`{"data":"${chunk}`);
      // Endless: only the cap ends this call.
      const timer = setInterval(() => response.write(chunk), 5);
      response.on('close', () => clearInterval(timer));
    };
    const streamed = await rejection(upstream.callTool('listCustomers', {}, context()));
    expect(streamed).toMatchObject({ code: 'upstream_body_too_large', status: 502 });
    await expect.poll(() => closedEarly).toBe(1);
  });

  it('times out after timeoutMs (504) and the upstream turns degraded', async () => {
    handler = () => undefined;
    const upstream = await crm({ timeoutMs: 150 });
    const error = await rejection(upstream.callTool('listCustomers', {}, context()));
    expect(error).toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(error.message).toBe('openapi upstream "crm" did not answer within 150 ms');
    expect(upstream.health()).toMatchObject({ state: 'degraded', lastError: error.message });
  });

  it("stops when the caller's signal aborts, without blaming the upstream", async () => {
    handler = () => undefined;
    const upstream = await crm();
    const controller = new AbortController();
    const call = upstream.callTool('listCustomers', {}, context(controller.signal));
    await expect.poll(() => received.length).toBe(1);
    controller.abort();
    const error = await rejection(call);
    expect(error).toMatchObject({ code: 'upstream_unavailable', message: 'call to openapi upstream "crm" cancelled' });
    await expect.poll(() => closedEarly).toBe(1);
    expect(upstream.health().state).toBe('ready');
  });

  it('reports an unreachable upstream as 503 without its address, and down after repeated failures', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const upstream = await crm({ baseUrl: `http://127.0.0.1:${deadPort}/api` });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const error = await rejection(upstream.callTool('listCustomers', {}, context()));
      expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, isRetryable: true });
      expect(error.message).toBe('cannot reach openapi upstream "crm" (ECONNREFUSED)');
    }
    expect(upstream.health().state).toBe('down');
  });

  it('is closed after close()', async () => {
    const upstream = await crm();
    await upstream.close();
    expect(upstream.health().state).toBe('closed');
    await expect(upstream.callTool('listCustomers', {}, context())).rejects.toMatchObject({
      code: 'upstream_unavailable',
    });
    expect(received).toEqual([]);
  });
});

describe('createOpenApiUpstream: an OpenAPI 3.0 JSON document', () => {
  it('reads 3.0 schemas as JSON Schema and calls the first server with its variables', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Orders', version: '1' },
      servers: [{ url: 'http://127.0.0.1:{port}/v2', variables: { port: { default: String(port) } } }],
      paths: {
        '/orders/{orderId}': {
          get: {
            operationId: 'get order',
            parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Order: {
            type: 'object',
            properties: {
              note: { type: 'string', nullable: true },
              total: { type: 'number', minimum: 0, exclusiveMinimum: true },
            },
          },
        },
      },
    };
    await writeFile(join(dir, 'orders.json'), JSON.stringify(document));
    const config = openApiUpstreamSchema.parse({ type: 'openapi', spec: 'orders.json' });
    const upstream = await createOpenApiUpstream('orders', config, { baseDir: dir });
    upstreams.push(upstream);
    const [tool] = await upstream.listTools({ caller: undefined });
    expect(tool?.name).toBe('get_order');
    expect(tool?.outputSchema).toEqual({
      type: 'object',
      properties: { note: { type: ['string', 'null'] }, total: { type: 'number', exclusiveMinimum: 0 } },
    });
    await upstream.callTool('get_order', { orderId: 42 }, context());
    expect(received[0]?.url).toBe('/v2/orders/42');
  });
});

describe('createOpenApiUpstream: names and skipped operations', () => {
  const load = async (file: string, paths: Record<string, unknown>) => {
    await writeFile(join(dir, file), JSON.stringify({ openapi: '3.1.0', paths }));
    const lines: string[] = [];
    const config = openApiUpstreamSchema.parse({ type: 'openapi', spec: file, baseUrl: 'http://127.0.0.1:1' });
    const upstream = await createOpenApiUpstream('names', config, { baseDir: dir, logger: (line) => lines.push(line) });
    upstreams.push(upstream);
    return { names: (await upstream.listTools({ caller: undefined })).map((tool) => tool.name), lines };
  };
  const get = { get: { responses: {} } };

  it('resolves colliding names the same way whatever the order of the paths in the document', async () => {
    const forward = await load('forward.json', { '/a.b': get, '/a/b': get, '/x': { get: { operationId: 'get_a_b' } } });
    const backward = await load('backward.json', {
      '/x': { get: { operationId: 'get_a_b' } },
      '/a/b': get,
      '/a.b': get,
    });
    expect(forward.names).toEqual(['get_a_b', 'get_a_b_2', 'get_a_b_3']);
    expect(backward.names).toEqual(forward.names);
  });

  it("lets an operation's parameter replace the path item's, header names ignoring case, query names not", async () => {
    await writeFile(
      join(dir, 'override.json'),
      JSON.stringify({
        openapi: '3.1.0',
        paths: {
          '/items': {
            parameters: [
              { name: 'limit', in: 'query', schema: { type: 'integer' } },
              { name: 'X-Trace', in: 'header', schema: { type: 'integer' } },
            ],
            get: {
              operationId: 'listItems',
              parameters: [
                { name: 'limit', in: 'query', required: true, schema: { type: 'string' } },
                { name: 'Limit', in: 'query', schema: { type: 'boolean' } },
                { name: 'x-trace', in: 'header', schema: { type: 'string' } },
              ],
            },
          },
        },
      }),
    );
    const config = openApiUpstreamSchema.parse({
      type: 'openapi',
      spec: 'override.json',
      baseUrl: 'http://127.0.0.1:1',
    });
    const upstream = await createOpenApiUpstream('items', config, { baseDir: dir });
    upstreams.push(upstream);
    const [tool] = await upstream.listTools({ caller: undefined });
    expect(tool?.inputSchema).toEqual({
      type: 'object',
      properties: { limit: { type: 'string' }, 'x-trace': { type: 'string' }, Limit: { type: 'boolean' } },
      required: ['limit'],
      additionalProperties: false,
    });
  });

  it('skips an operation whose required body is not JSON, and says so', async () => {
    const upload = {
      post: {
        operationId: 'uploadAvatar',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } },
      },
      put: {
        operationId: 'replaceAvatar',
        requestBody: { content: { 'application/octet-stream': {} } },
      },
    };
    const { names, lines } = await load('upload.json', { '/avatar': upload });
    expect(names).toEqual(['replaceAvatar']);
    expect(lines).toEqual([
      'tools.upstreams.names: POST /avatar skipped: its request body is multipart/form-data, not JSON',
    ]);
  });
});

describe('createOpenApiUpstream: documents it refuses', () => {
  const refuse = async (file: string, text: string): Promise<PodiumError> => {
    await writeFile(join(dir, file), text);
    const config = openApiUpstreamSchema.parse({ type: 'openapi', spec: file, baseUrl: 'http://127.0.0.1:1' });
    const error = await rejection(createOpenApiUpstream('bad', config, { baseDir: dir }));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain(`tools.upstreams.bad: OpenAPI document "${file}"`);
    return error;
  };
  const minimal = (paths: string) => `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n${paths}`;

  it('an external $ref, naming the ref and where it is', async () => {
    const error = await refuse(
      'external.yaml',
      minimal(
        `  /a:\n    get:\n      parameters:\n        - $ref: 'shared.yaml#/components/parameters/Limit'\n      responses: {}\n`,
      ),
    );
    expect(error.message).toContain('at paths./a.get.parameters.0');
    expect(error.message).toContain('external reference "shared.yaml#/components/parameters/Limit"');
  });

  it('a $ref to nothing, and a cycle of refs', async () => {
    const dangling = await refuse(
      'dangling.yaml',
      minimal(
        `  /a:\n    get:\n      responses:\n        '200': { $ref: '#/components/responses/Gone' }\ncomponents: { responses: {} }\n`,
      ),
    );
    expect(dangling.message).toContain(
      'at paths./a.get.responses.200: reference "#/components/responses/Gone" points to nothing',
    );
    const cycle = await refuse(
      'cycle.yaml',
      minimal(
        `  /a:\n    get:\n      parameters: [{ $ref: '#/components/parameters/A' }]\n      responses: {}\ncomponents:\n  parameters:\n    A: { $ref: '#/components/parameters/B' }\n    B: { $ref: '#/components/parameters/A' }\n`,
      ),
    );
    expect(cycle.message).toContain(
      'at paths./a.get.parameters.0: reference cycle through "#/components/parameters/A"',
    );
  });

  it('a malformed parameter, naming the field inside the referenced component', async () => {
    const error = await refuse(
      'parameter.yaml',
      minimal(
        `  /a:\n    post:\n      parameters: [{ $ref: '#/components/parameters/Payload' }]\n      responses: {}\ncomponents:\n  parameters:\n    Payload: { name: payload, in: body }\n`,
      ),
    );
    expect(error.message).toContain('at components.parameters.Payload.in:');
  });

  it('a schema that is not JSON Schema, naming the operation', async () => {
    const error = await refuse(
      'typo.yaml',
      minimal(
        `  /a:\n    get:\n      parameters: [{ name: q, in: query, schema: { type: strng } }]\n      responses: {}\n`,
      ),
    );
    expect(error.message).toContain(
      'at paths./a.get: the argument schema is not valid JSON Schema: schema/properties/q/type',
    );
  });

  it('an undeclared path parameter, Swagger 2.0, and a file that is not YAML', async () => {
    const undeclared = await refuse('undeclared.yaml', minimal(`  /a/{id}:\n    get:\n      responses: {}\n`));
    expect(undeclared.message).toContain('at paths./a/{id}.get: path parameter "id" is not declared');
    const swagger = await refuse('swagger.yaml', `swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n`);
    expect(swagger.message).toContain('at openapi:');
    const broken = await refuse('broken.yaml', 'openapi: [3.1.0\n  paths: {');
    expect(broken.message).toContain('not valid JSON or YAML');
  });

  it('a document larger than 10 MB, and a missing file', async () => {
    const large = await refuse('large.yaml', `openapi: 3.1.0\n# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(large.message).toContain('larger than 10485760 bytes');
    const config = openApiUpstreamSchema.parse({ type: 'openapi', spec: 'absent.yaml' });
    const missing = await rejection(createOpenApiUpstream('bad', config, { baseDir: dir }));
    expect(missing.message).toBe('tools.upstreams.bad: cannot read OpenAPI document "absent.yaml" (ENOENT)');
  });

  it('no usable server and no baseUrl', async () => {
    await writeFile(join(dir, 'relative.yaml'), `openapi: 3.1.0\nservers: [{ url: /v1 }]\npaths: {}\n`);
    const config = openApiUpstreamSchema.parse({ type: 'openapi', spec: 'relative.yaml' });
    const error = await rejection(createOpenApiUpstream('bad', config, { baseDir: dir }));
    expect(error.message).toContain('at servers.0.url: not an absolute URL: set `baseUrl`');
  });
});
