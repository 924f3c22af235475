/**
 * One caller's bad data never blocks anyone's records: against the real store (PGlite, and PostgreSQL
 * when reachable), a batch the database refuses for its data is bisected, the refused rows are stored
 * cleaned and marked, and every record behind them is written.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../contract/index.js';
import { openPostgresClient, type SqlClient } from '../store/index.js';
import { createGatewayMetrics, metricNames } from '../telemetry/index.js';
import { LedgerWriter, type LedgerRefusal, type LedgerSink } from './ledger-writer.js';
import { openTestDatabase } from '../testkit/index.js';
import { createLedgerRepository } from '../ledger/index.js';

const postgresUrl = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const record = (id: string, fields: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  at: '2026-12-07T10:00:00.000Z',
  orgId: 'org_1',
  teamId: 'team_1',
  projectId: null,
  keyId: 'key_1',
  surface: 'openai-chat',
  requestedModel: 'mini',
  servedModel: 'gpt-4o-mini',
  provider: 'openai',
  stream: false,
  status: 200,
  errorCode: null,
  tier: null,
  endUser: null,
  tags: null,
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.001,
  latencyMs: 12,
  overheadMs: 0.2,
  attempts: 1,
  routePolicy: null,
  routeChoice: null,
  routeReason: null,
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
  ...fields,
});

/** Reads rows back by id (the admin API's own query path). */
async function stored(store: SqlClient, prefix: string): Promise<Map<string, RequestRecord>> {
  const page = await createLedgerRepository(store).list({ limit: 1000 });
  return new Map(page.data.filter((row) => row.id.startsWith(prefix)).map((row) => [row.id, row]));
}

/** A unicode string that includes NUL and lone surrogates, which `fc.string()` alone rarely produces. */
const hostileString = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
  fc.constantFrom('\0', 'a\0b', '\uD800', 'x\uDC00y', '\uD83D\uDE00', 'é'.repeat(3000)),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e300, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 63, -0),
);

const hostileRecord = (id: string) =>
  fc
    .record({
      endUser: fc.option(hostileString),
      requestedModel: fc.option(hostileString),
      routeReason: fc.option(hostileString),
      tags: fc.option(fc.dictionary(hostileString, hostileString, { maxKeys: 3 })),
      inputTokens: hostileNumber,
      outputTokens: hostileNumber,
      costUsd: fc.option(hostileNumber),
      latencyMs: hostileNumber,
    })
    .map((fields) => record(id, fields));

function describeIsolation(name: string, open: () => Promise<SqlClient>): void {
  describe(`ledger writer isolation on ${name}`, () => {
    let store: SqlClient;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => store.close());

    it('stores a record the database refuses (NUL, bigint overflow) cleaned and marked, and every record around it', async () => {
      const metrics = createGatewayMetrics();
      const refusals: LedgerRefusal[] = [];
      const writer = new LedgerWriter({
        sink: createLedgerRepository(store),
        metrics,
        batchSize: 100,
        flushIntervalMs: 60_000,
        onRefused: (refusal) => refusals.push(refusal),
      });
      const prefix = `iso_${randomUUID().slice(0, 8)}_`;
      writer.append(record(`${prefix}1`));
      writer.append(record(`${prefix}2`, { endUser: 'mallory\0', tags: { 'env\0': 'prod\0' } }));
      writer.append(record(`${prefix}3`, { teamId: 'team_2' }));
      writer.append(record(`${prefix}4`, { inputTokens: 1e300, requestedModel: 'gpt\0' }));
      writer.append(record(`${prefix}5`));
      await writer.close();

      const rows = await stored(store, prefix);
      expect([...rows.keys()].sort()).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}${n}`));
      expect(rows.get(`${prefix}2`)).toMatchObject({ endUser: 'mallory', tags: { env: 'prod' }, sanitized: true });
      expect(rows.get(`${prefix}4`)).toMatchObject({ inputTokens: 1e12, requestedModel: 'gpt', sanitized: true });
      expect(rows.get(`${prefix}1`)?.sanitized).toBe(false);
      expect(metrics.value(metricNames.ledgerSanitized)).toBe(2);
      expect(metrics.value(metricNames.ledgerWritten)).toBe(5);
      expect(refusals.map((refusal) => [refusal.recordId, refusal.outcome])).toEqual([
        [`${prefix}2`, 'sanitized'],
        [`${prefix}4`, 'sanitized'],
      ]);
      expect(writer.size).toBe(0);
    });

    it('counts and reports a record refused even once cleaned, and writes the rest', async () => {
      const metrics = createGatewayMetrics();
      const refusals: LedgerRefusal[] = [];
      // A constraint the cleaned row still breaks (as a CHECK added by an operator would): SQLSTATE 23514.
      const sink: LedgerSink = {
        insertMany: (records) =>
          records.some((item) => item.id.endsWith('poison'))
            ? Promise.reject(Object.assign(new Error('new row violates check constraint'), { code: '23514' }))
            : createLedgerRepository(store).insertMany(records),
      };
      const writer = new LedgerWriter({
        sink,
        metrics,
        batchSize: 100,
        flushIntervalMs: 60_000,
        onRefused: (refusal) => refusals.push(refusal),
      });
      const prefix = `rej_${randomUUID().slice(0, 8)}_`;
      for (const suffix of ['a', 'b', 'poison', 'c', 'd', 'e', 'f']) writer.append(record(`${prefix}${suffix}`));
      await writer.close();
      expect([...(await stored(store, prefix)).keys()].sort()).toEqual(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) => `${prefix}${suffix}`),
      );
      expect(metrics.value(metricNames.ledgerRejected)).toBe(1);
      expect(refusals).toEqual([
        {
          recordId: `${prefix}poison`,
          teamId: 'team_1',
          outcome: 'rejected',
          reason: '23514: new row violates check constraint',
        },
      ]);
    });

    it('keeps retrying a batch during an outage (no SQLSTATE): nothing is cleaned or dropped', async () => {
      const metrics = createGatewayMetrics();
      let down = true;
      const sink: LedgerSink = {
        insertMany: (records) =>
          down
            ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
            : createLedgerRepository(store).insertMany(records),
      };
      const writer = new LedgerWriter({ sink, metrics, batchSize: 100, flushIntervalMs: 60_000 });
      const prefix = `out_${randomUUID().slice(0, 8)}_`;
      writer.append(record(`${prefix}1`, { endUser: 'a\0' }));
      writer.append(record(`${prefix}2`));
      await writer.flush();
      await writer.flush();
      expect(writer.size).toBe(2);
      expect(metrics.value(metricNames.ledgerSanitized)).toBe(0);
      down = false;
      await writer.close();
      expect((await stored(store, prefix)).size).toBe(2);
    });

    it('property: arbitrary records are all written (cleaned) or counted as rejected, never blocking the records behind them', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc
            .integer({ min: 1, max: 8 })
            .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => hostileRecord(String(index))))),
          async (records) => {
            run += 1;
            const prefix = `prop_${randomUUID().slice(0, 8)}_${run}_`;
            const metrics = createGatewayMetrics();
            const writer = new LedgerWriter({
              sink: createLedgerRepository(store),
              metrics,
              batchSize: 5,
              flushIntervalMs: 60_000,
            });
            for (const item of records) writer.append({ ...item, id: `${prefix}${item.id}` });
            // A well-formed record from someone else, queued behind all of them.
            writer.append(record(`${prefix}behind`));
            await writer.close();
            const rows = await stored(store, prefix);
            expect(rows.has(`${prefix}behind`)).toBe(true);
            expect(rows.size + metrics.value(metricNames.ledgerRejected)).toBe(records.length + 1);
            expect(writer.size).toBe(0);
            for (const row of rows.values()) {
              for (const text of [
                row.endUser,
                row.requestedModel,
                row.routeReason,
                ...Object.entries(row.tags ?? {}).flat(),
              ])
                expect(text ?? '').not.toContain('\0');
            }
          },
        ),
        { numRuns: 25 },
      );
    }, 60_000);
  });
}

describeIsolation('embedded', () => openTestDatabase());

// PostgreSQL when the shared test server is reachable: a private schema, dropped afterwards.
const schema = `podium_ledger_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const probe = openPostgresClient({ url: postgresUrl, maxConnections: 1 });
const reachable = await probe.query(`CREATE SCHEMA ${schema}`).then(
  () => true,
  () => false,
);
await probe.close();
describe.skipIf(!reachable)('postgres', () => {
  afterAll(async () => {
    const admin = openPostgresClient({ url: postgresUrl, maxConnections: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });
  describeIsolation('postgres', () => openTestDatabase({ databaseUrl: postgresUrl, schema }));
});
