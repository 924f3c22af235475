/**
 * The PostgreSQL counters apply concurrent operations in batches, one transaction each, with every
 * operation's own outcome in arrival order. Real PostgreSQL; the client is wrapped only to count the
 * transactions and statements that reach it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodiumError } from '../../../contract/index.js';
import { openPostgresClient, type SqlClient } from '../../store/index.js';
import { openTestDatabase } from '../../testkit/index.js';
import type { ReserveOutcome } from '../budget-counters.js';
import { createSchema, dropSchema, postgresUnreachable, skipUnreachable } from './counter-services.test-suite.js';
import { createPostgresCounters } from './postgres-counters.js';

const url = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = skipUnreachable({
  service: `PostgreSQL at ${url}`,
  reason: await postgresUnreachable(url),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

interface Counted {
  sql: SqlClient;
  transactions: number;
  statements: number;
}

/** Passes everything through to `sql`, counting transactions and the statements run inside them. */
function counting(sql: SqlClient): Counted {
  const counted: Counted = {
    transactions: 0,
    statements: 0,
    sql: {
      ...sql,
      transaction: (fn) => {
        counted.transactions += 1;
        return sql.transaction((tx) =>
          fn({
            query: (text, params) => {
              counted.statements += 1;
              return tx.query(text, params);
            },
          }),
        );
      },
    },
  };
  return counted;
}

const fresh = (label: string): string => `${label}-${randomUUID()}`;

describe.skipIf(skip)('postgres counters: batches', () => {
  let schema = '';
  let sql: SqlClient | undefined;
  const client = (): SqlClient => {
    if (sql === undefined) throw new Error('no client');
    return sql;
  };
  beforeAll(async () => {
    schema = await createSchema(url);
    const store = await openTestDatabase({ databaseUrl: url, schema });
    await store.close();
    sql = openPostgresClient({ url, schema });
  });
  afterAll(async () => {
    await sql?.close();
    await dropSchema(url, schema);
  });

  it('applies 1,000 concurrent reserves in a few transactions, admitting exactly the first 100 in arrival order', async () => {
    const counted = counting(client());
    const counters = createPostgresCounters(counted.sql, { maxBatch: 256 });
    const shared = fresh('shared');
    const own = Array.from({ length: 1_000 }, (_, index) => fresh(`own${index}`));
    const outcomes = await Promise.all(
      own.map((key) =>
        counters.reserve(fresh('op'), [
          { key: shared, amount: 1, limit: 100 },
          { key, amount: 1, limit: 5 },
        ]),
      ),
    );
    expect(outcomes.slice(0, 100).every((outcome) => outcome.ok)).toBe(true);
    for (const outcome of outcomes.slice(100))
      expect(outcome).toEqual({ ok: false, key: shared, used: 100, limit: 100 });
    expect(await counters.read([shared])).toEqual([100]);
    const ownValues = await counters.read(own);
    expect(ownValues.slice(0, 100).every((value) => value === 1)).toBe(true);
    expect(ownValues.slice(100).every((value) => value === 0)).toBe(true);
    // Submitted in one tick: ceil(1,000 / 256) = 4 batches, two statements each — against 1,000 and 3,000+ unbatched.
    expect(counted.transactions).toBe(4);
    expect(counted.statements).toBe(8);
  });

  it('refuses a reservation that would overshoot and still applies the later ones of its batch', async () => {
    const counted = counting(client());
    const counters = createPostgresCounters(counted.sql);
    const key = fresh('budget');
    const soft = fresh('soft');
    const outcomes = await Promise.all([
      counters.reserve(fresh('op'), [
        { key, amount: 6, limit: 10 },
        { key: soft, amount: 6 },
      ]),
      counters.reserve(fresh('op'), [
        { key, amount: 6, limit: 10 },
        { key: soft, amount: 6 },
      ]),
      counters.reserve(fresh('op'), [
        { key, amount: 4, limit: 10 },
        { key: soft, amount: 4 },
      ]),
      counters.adjust(fresh('op'), [{ key, amount: -2 }]).then((): ReserveOutcome => ({ ok: true })),
      counters.reserve(fresh('op'), [{ key, amount: 2, limit: 10 }]),
      counters.reserve(fresh('op'), [{ key, amount: 1, limit: 10 }]),
    ]);
    expect(outcomes).toEqual([
      { ok: true },
      { ok: false, key, used: 6, limit: 10 },
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, key, used: 10, limit: 10 },
    ]);
    expect(await counters.read([key, soft])).toEqual([10, 10]);
    expect(counted.transactions).toBe(1);
  });

  it('counts an id once within a batch and across batches, returning its first outcome', async () => {
    const counters = createPostgresCounters(client());
    const key = fresh('budget');
    const [reserve, settle] = [fresh('op'), fresh('op')];
    const first = await Promise.all([
      counters.reserve(reserve, [{ key, amount: 7, limit: 10 }]),
      counters.reserve(reserve, [{ key, amount: 7, limit: 10 }]),
      counters.adjust(settle, [{ key, amount: -3 }]),
      counters.adjust(settle, [{ key, amount: -3 }]),
    ]);
    expect(first.slice(0, 2)).toEqual([{ ok: true }, { ok: true }]);
    expect(await counters.read([key])).toEqual([4]);
    // Again in a later batch, with a new call between them that fills the budget.
    const second = await Promise.all([
      counters.reserve(fresh('op'), [{ key, amount: 6, limit: 10 }]),
      counters.reserve(reserve, [{ key, amount: 7, limit: 10 }]),
      counters.adjust(settle, [{ key, amount: -3 }]),
    ]);
    expect(second.slice(0, 2)).toEqual([{ ok: true }, { ok: true }]);
    expect(await counters.read([key])).toEqual([10]);
  });

  it('fails a call with bad input on its own; the others of its tick are applied', async () => {
    const counters = createPostgresCounters(client());
    const key = fresh('budget');
    const results = await Promise.allSettled([
      counters.reserve(fresh('op'), [{ key, amount: 1, limit: 10 }]),
      counters.reserve(fresh('op'), [{ key, amount: 1.5, limit: 10 }]),
      counters.reserve(fresh('op'), [{ key, amount: 2, limit: 10 }]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await counters.read([key])).toEqual([3]);
  });

  it('bounds the queue: beyond maxQueued a call fails at once as store_unavailable, and the queued ones are applied', async () => {
    const counters = createPostgresCounters(client(), { maxQueued: 5, maxBatch: 2 });
    const key = fresh('budget');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => counters.adjust(fresh('op'), [{ key, amount: 1 }])),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected).toHaveLength(3);
    for (const result of rejected) expect((result.reason as PodiumError).code).toBe('store_unavailable');
    expect(await counters.read([key])).toEqual([5]);
    await counters.close();
  });
});
