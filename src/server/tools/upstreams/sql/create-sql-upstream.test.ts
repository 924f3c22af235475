/**
 * The SQL upstream against the real PostgreSQL (PODIUM_TEST_DATABASE_URL), in a fresh schema: identity-bound
 * row scoping, the read-only transaction, reviewed writes, the statement timeout, the row and byte caps, value
 * types, and an unreachable database.
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PodiumError, sqlUpstreamSchema } from '../../../../contract/index.js';
import {
  adminStatement,
  createTestSchema,
  dropTestSchema,
  postgresTestUrl,
  reachPostgres,
} from '../../../testkit/postgres-test-server.test-suite.js';
import type { CallToolContext, ToolCaller, ToolResult, ToolUpstream } from '../../index.js';
import { createSqlUpstream } from './create-sql-upstream.js';

const unreachable = await reachPostgres('SQL tool upstream');

const caller: ToolCaller = { orgId: 'org_1', keyId: 'key_1', teamName: 'support', user: '42', agent: 'helper' };
const context = (who: ToolCaller = caller): CallToolContext => ({
  caller: who,
  signal: new AbortController().signal,
  callId: 'call_1',
});

async function rejection(promise: Promise<unknown>): Promise<PodiumError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (error instanceof PodiumError) return error;
  throw error;
}

const structured = (result: ToolResult): Record<string, unknown> => result.structuredContent ?? {};

describe.skipIf(unreachable !== undefined)('createSqlUpstream on PostgreSQL', () => {
  let schema = '';
  let upstream: ToolUpstream;

  const config = (overrides: Record<string, unknown>) =>
    sqlUpstreamSchema.parse({ type: 'sql', databaseUrl: postgresTestUrl, statements: {}, ...overrides });

  beforeAll(async () => {
    schema = await createTestSchema();
    await adminStatement(`
      CREATE TABLE ${schema}.orders (
        id bigint PRIMARY KEY, customer_id integer NOT NULL, status text NOT NULL, total numeric(12, 2) NOT NULL,
        placed_at timestamptz NOT NULL, placed_on date NOT NULL, receipt bytea, details jsonb, weight float8);
      INSERT INTO ${schema}.orders VALUES
        (1, 42, 'shipped', 19.99, '2026-01-02T03:04:05Z', '2026-01-02', '\\x0102ff', '{"gift": true}', 'NaN'),
        (2, 42, 'pending', 5.00, '2026-01-03T00:00:00Z', '2026-01-03', NULL, NULL, 1.5),
        (3, 7, 'pending', 120.00, '2026-01-04T00:00:00Z', '2026-01-04', NULL, NULL, NULL),
        (9007199254740993, 7, 'pending', 1.10, '2026-01-05T00:00:00Z', '2026-01-05', NULL, NULL, NULL);`);
    upstream = await createSqlUpstream(
      'orders',
      config({
        statements: {
          order_status: {
            description: "The caller's orders, optionally of one status.",
            sql: `SELECT id, status, total FROM ${schema}.orders WHERE customer_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY id`,
            params: [
              { name: 'customer_id', type: 'integer', from: 'caller.user' },
              { name: 'status', optional: true },
            ],
          },
          cancel_all_unreviewed: {
            sql: `UPDATE ${schema}.orders SET status = 'cancelled' WHERE customer_id = $1 RETURNING id`,
            params: [{ name: 'customer_id', type: 'integer', from: 'caller.user' }],
          },
          cancel_order: {
            sql: `UPDATE ${schema}.orders SET status = 'cancelled' WHERE customer_id = $1 AND id = $2 RETURNING id, status`,
            params: [
              { name: 'customer_id', type: 'integer', from: 'caller.user' },
              { name: 'order_id', type: 'integer' },
            ],
            write: true,
          },
          every_order: { sql: `SELECT id FROM ${schema}.orders ORDER BY id`, maxRows: 2 },
          order_values: {
            sql: `SELECT id, total, placed_at, placed_on, placed_at AT TIME ZONE 'UTC' AS placed_utc, receipt, details, weight, ARRAY[id] AS ids FROM ${schema}.orders WHERE id = $1`,
            params: [{ name: 'order_id', type: 'integer' }],
          },
        },
      }),
    );
  });

  afterAll(async () => {
    await upstream.close();
    await dropTestSchema(schema);
  });

  it('lists the statements as sorted tools whose schemas leave out caller-bound params', async () => {
    const tools = await upstream.listTools({ caller });
    expect(tools.map((tool) => tool.name)).toEqual([
      'cancel_all_unreviewed',
      'cancel_order',
      'every_order',
      'order_status',
      'order_values',
    ]);
    const status = tools.find((tool) => tool.name === 'order_status');
    expect(status?.inputSchema).toEqual({
      type: 'object',
      properties: { status: { type: ['string', 'null'] } },
      required: [],
      additionalProperties: false,
    });
    expect(status?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((tool) => tool.name === 'cancel_order')?.annotations?.readOnlyHint).toBe(false);
  });

  it("returns only the caller's rows, and the model cannot pick another customer", async () => {
    const mine = await upstream.callTool('order_status', {}, context());
    expect(structured(mine)).toEqual({
      rows: [
        { id: '1', status: 'shipped', total: '19.99' },
        { id: '2', status: 'pending', total: '5.00' },
      ],
      rowCount: 2,
      truncated: false,
    });
    expect(mine.content).toEqual([{ type: 'text', text: JSON.stringify(structured(mine)) }]);
    const filtered = await upstream.callTool('order_status', { status: 'pending' }, context());
    expect(structured(filtered).rows).toEqual([{ id: '2', status: 'pending', total: '5.00' }]);

    const override = await rejection(upstream.callTool('order_status', { customer_id: 7 }, context()));
    expect(override.status).toBe(400);
    expect(override.param).toBe('arguments.customer_id');
    const anonymous = await rejection(upstream.callTool('order_status', {}, context({ ...caller, user: undefined })));
    expect(anonymous.status).toBe(403);
    expect(anonymous.message).toContain('customer_id');
  });

  it('names the field of a badly typed argument', async () => {
    const error = await rejection(upstream.callTool('cancel_order', { order_id: '12abc' }, context()));
    expect(error.status).toBe(400);
    expect(error.param).toBe('arguments.order_id');
    expect(error.message).toContain('`order_id` must be an integer');
  });

  it('runs a statement not reviewed as a write in a read-only transaction', async () => {
    const result = await upstream.callTool('cancel_all_unreviewed', {}, context());
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('cannot execute UPDATE in a read-only transaction');
    const after = await upstream.callTool('order_status', {}, context());
    expect(structured(after).rows).toEqual([
      { id: '1', status: 'shipped', total: '19.99' },
      { id: '2', status: 'pending', total: '5.00' },
    ]);
  });

  it('commits a reviewed write, scoped to the caller', async () => {
    const other = await upstream.callTool('cancel_order', { order_id: 3 }, context());
    expect(structured(other)).toMatchObject({ rows: [], rowCount: 0, affectedRows: 0 });
    const result = await upstream.callTool('cancel_order', { order_id: '2' }, context());
    expect(structured(result)).toEqual({
      rows: [{ id: '2', status: 'cancelled' }],
      rowCount: 1,
      truncated: false,
      affectedRows: 1,
    });
    const after = await upstream.callTool('order_status', { status: 'cancelled' }, context());
    expect(structured(after).rows).toEqual([{ id: '2', status: 'cancelled', total: '5.00' }]);
  });

  it('flags a result cut at maxRows', async () => {
    const result = await upstream.callTool('every_order', {}, context());
    expect(structured(result)).toEqual({ rows: [{ id: '1' }, { id: '2' }], rowCount: 2, truncated: true });
  });

  it('reads a huge result only up to its bound (a portal, never the whole result)', async () => {
    // A set-returning function in the select list yields lazily: 10^8 rows would take minutes and gigabytes
    // read whole, and ends this test at its statement timeout instead.
    const endless = await createSqlUpstream(
      'endless',
      config({
        timeoutMs: 4_000,
        connections: 1,
        statements: { numbers: { sql: 'SELECT generate_series(1, 100000000) AS n', maxRows: 3 } },
      }),
    );
    try {
      // Twice on one connection: the portal closed early leaves it clean for the next call.
      for (const attempt of [1, 2]) {
        const result = await endless.callTool('numbers', {}, context());
        expect(structured(result), `attempt ${attempt}`).toEqual({
          rows: [{ n: 1 }, { n: 2 }, { n: 3 }],
          rowCount: 3,
          truncated: true,
        });
      }
    } finally {
      await endless.close();
    }
  });

  it('makes every value JSON-safe without losing it', async () => {
    const first = await upstream.callTool('order_values', { order_id: 1 }, context());
    expect(structured(first).rows).toEqual([
      {
        id: '1',
        total: '19.99',
        placed_at: '2026-01-02T03:04:05.000Z',
        placed_on: '2026-01-02',
        placed_utc: '2026-01-02 03:04:05',
        receipt: Buffer.from([1, 2, 255]).toString('base64'),
        details: { gift: true },
        weight: 'NaN',
        ids: ['1'],
      },
    ]);
    const large = await upstream.callTool('order_values', { order_id: '9007199254740993' }, context());
    expect(structured(large).rows).toMatchObject([{ id: '9007199254740993', total: '1.10' }]);
  });

  it('cuts rows to fit maxResultBytes and says so', async () => {
    const small = await createSqlUpstream(
      'small',
      config({ maxResultBytes: 300, statements: { ids: { sql: 'SELECT g AS id FROM generate_series(1, 1000) g' } } }),
    );
    try {
      const result = await small.callTool('ids', {}, context());
      expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(300);
      expect(structured(result).truncated).toBe(true);
      expect(structured(result).rowCount).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it('fails a statement past timeoutMs with 504', async () => {
    const slow = await createSqlUpstream(
      'slow',
      config({
        timeoutMs: 200,
        connections: 1,
        statements: { nap: { sql: 'SELECT pg_sleep(5)' }, one: { sql: 'SELECT 1 AS one' } },
      }),
    );
    try {
      const started = Date.now();
      const error = await rejection(slow.callTool('nap', {}, context()));
      expect(error.code).toBe('upstream_timeout');
      expect(error.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(slow.health().state).toBe('ready');
      // The one connection came back rolled back and usable.
      expect(structured(await slow.callTool('one', {}, context())).rows).toEqual([{ one: 1 }]);
    } finally {
      await slow.close();
    }
  });

  it('refuses at creation a statement whose placeholders do not match its params', async () => {
    const error = await rejection(
      createSqlUpstream('bad', config({ statements: { lookup: { sql: 'SELECT $1, $2', params: [{ name: 'a' }] } } })),
    );
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('statements.lookup: the SQL uses $2 but 1 parameter is declared');
  });
});

describe('createSqlUpstream on an unreachable database', () => {
  it('answers 503 and reports down, never showing the connection string', async () => {
    const lines: string[] = [];
    let now = new Date('2026-12-08T00:00:00Z');
    const upstream = await createSqlUpstream(
      'gone',
      sqlUpstreamSchema.parse({
        type: 'sql',
        databaseUrl: 'postgres://podium:s3cret-pw@127.0.0.1:1/orders',
        statements: { ping: { sql: 'SELECT 1' } },
      }),
      { logger: (line) => lines.push(line), now: () => now },
    );
    try {
      const error = await rejection(upstream.callTool('ping', {}, context()));
      expect(error.code).toBe('upstream_unavailable');
      expect(error.status).toBe(503);
      const shown = JSON.stringify([error.message, upstream.health(), lines]);
      const down = upstream.health();
      expect(down).toMatchObject({ state: 'down', retryAt: '2026-12-08T00:00:30.000Z' });
      // Looking at health once the retry is due probes again; still down, so the next retry moves on.
      now = new Date('2026-12-08T00:00:31Z');
      upstream.health();
      await vi.waitFor(() => expect(upstream.health().retryAt).toBe('2026-12-08T00:01:01.000Z'));
      expect(upstream.health().since).toBe(down.since);
      for (const secret of ['s3cret-pw', '127.0.0.1', 'podium:', 'postgres://']) expect(shown).not.toContain(secret);
    } finally {
      await upstream.close();
    }
    expect(upstream.health().state).toBe('closed');
  });

  it('gives up on a server that accepts connections and never answers, within its bound', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const upstream = await createSqlUpstream(
      'silent',
      sqlUpstreamSchema.parse({
        type: 'sql',
        databaseUrl: `postgres://podium:s3cret-pw@127.0.0.1:${port}/orders`,
        timeoutMs: 300,
        statements: { ping: { sql: 'SELECT 1' } },
      }),
    );
    try {
      const started = Date.now();
      const error = await rejection(upstream.callTool('ping', {}, context()));
      expect(error.code).toBe('upstream_unavailable');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error.message).not.toContain(String(port));
    } finally {
      await upstream.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
