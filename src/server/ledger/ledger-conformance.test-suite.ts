import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PodiumError, type RequestRecord } from '../../contract/index.js';
import type { LedgerFilter } from './ledger-repository.js';
import type { DatabaseAccessor } from '../store/database-accessor.test-suite.js';
import { createLedgerRepository } from './ledger-repository.js';

const start = Date.parse('2025-06-01T00:00:00.000Z');

/** A ledger row; tests own a fresh teamId each so rows from other tests never match their filters. */
function record(index: number, fields: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: `req_${randomUUID()}`,
    at: new Date(start + index * 1000).toISOString(),
    orgId: 'org_conformance',
    teamId: 'team_conformance',
    projectId: null,
    keyId: null,
    surface: 'openai-chat',
    requestedModel: 'fast',
    servedModel: 'gpt-4o-mini',
    provider: 'openai',
    stream: false,
    status: 200,
    errorCode: null,
    tier: null,
    endUser: null,
    tags: null,
    inputTokens: 120,
    outputTokens: 30,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.000123,
    latencyMs: 812.5,
    overheadMs: 0.42,
    attempts: 1,
    routePolicy: 'learned',
    routeChoice: 'cheap',
    routeReason: 'p(success) 0.91, cost 0.04 of reference',
    cacheStatus: 'miss',
    dataFindings: [{ dataClass: 'email', direction: 'request', count: 2, action: 'redacted' }],
    usageEstimated: false,
    sanitized: false,
    ...fields,
  };
}

const newest = (a: RequestRecord, b: RequestRecord): number =>
  b.at.localeCompare(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function describeLedgerConformance(database: DatabaseAccessor): void {
  const ledger = () => createLedgerRepository(database());
  /** Every row matching the filter, following nextCursor page by page. */
  const readAll = async (filter: Omit<LedgerFilter, 'cursor'>): Promise<{ rows: RequestRecord[]; pages: number }> => {
    const rows: RequestRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ledger().list({ ...filter, cursor });
      rows.push(...page.data);
      pages += 1;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return { rows, pages };
  };

  describe('ledger', () => {
    it('stores every field exactly, including an exact numeric cost, a null cost and int8-sized token counts', async () => {
      const teamId = `team_${randomUUID()}`;
      const priced = record(1, {
        teamId,
        costUsd: 0.000123,
        stream: true,
        errorCode: null,
        keyId: 'key_a',
        projectId: 'proj_a',
        tier: 'batch',
        endUser: 'user-42',
        tags: { env: 'prod', feature: 'search, beta' },
      });
      const unpriced = record(2, {
        teamId,
        costUsd: null,
        status: 502,
        errorCode: 'upstream_error',
        inputTokens: 3_000_000_000,
        attempts: 3,
      });
      const tiny = record(3, { teamId, costUsd: 1e-9, latencyMs: 0.001, overheadMs: 1234.5678 });
      await ledger().insertMany([priced, unpriced, tiny]);
      expect((await ledger().list({ teamId, limit: 10 })).data).toEqual([tiny, unpriced, priced]);
    });

    it('sums what a budget scope used in a window, per column and per tag', async () => {
      const teamId = `team_${randomUUID()}`;
      await ledger().insertMany([
        record(10, {
          teamId,
          at: '2001-11-02T00:00:00.000Z',
          costUsd: 0.25,
          inputTokens: 100,
          outputTokens: 50,
          tags: { env: `prod-${teamId}` },
          endUser: `alice-${teamId}`,
        }),
        record(11, {
          teamId,
          at: '2001-11-03T00:00:00.000Z',
          costUsd: null,
          inputTokens: 10,
          outputTokens: 5,
          tags: { env: 'dev' },
        }),
        record(12, { teamId, at: '2001-10-31T23:59:59.999Z', costUsd: 9, inputTokens: 1, outputTokens: 1 }),
      ]);
      const november = { since: '2001-11-01T00:00:00.000Z', until: '2001-12-01T00:00:00.000Z' };
      expect(await ledger().usageForScope({ kind: 'team', value: teamId, ...november })).toEqual({
        usd: 0.25,
        tokens: 165,
        requests: 2,
      });
      expect(
        await ledger().usageForScope({ kind: 'tag', value: `env=prod-${teamId}`, ...november, until: null }),
      ).toMatchObject({ requests: 1, usd: 0.25 });
      expect(await ledger().usageForScope({ kind: 'user', value: `alice-${teamId}`, ...november })).toMatchObject({
        tokens: 150,
      });
      expect(await ledger().usageForScope({ kind: 'team', value: 'team_nobody', ...november })).toEqual({
        usd: 0,
        tokens: 0,
        requests: 0,
      });
    });

    it('counts for budgets only the calls budgets counted (charged; older rows by status), and one team when asked', async () => {
      const teamId = `team_${randomUUID()}`;
      const endUser = `alice-${teamId}`;
      const day = { since: '2001-11-02T00:00:00.000Z', until: '2001-11-03T00:00:00.000Z' };
      const at = '2001-11-02T12:00:00.000Z';
      const rows = [
        record(20, { teamId, at, endUser, costUsd: 0.5, inputTokens: 10, outputTokens: 5, charged: true }),
        // Failed after usage was known would be charged; refused or failed before usage is not, whatever the status.
        record(21, { teamId, at, endUser, status: 429, errorCode: 'insufficient_quota', charged: false }),
        record(22, { teamId, at, endUser, status: 200, charged: false }),
        // Rows from before the column: a status below 400 counted.
        record(23, { teamId, at, endUser, costUsd: 0.25, inputTokens: 1, outputTokens: 1 }),
        record(24, { teamId, at, endUser, status: 502, errorCode: 'upstream_error' }),
        record(25, {
          teamId: `${teamId}-other`,
          at,
          endUser,
          costUsd: 1,
          inputTokens: 100,
          outputTokens: 100,
          charged: true,
        }),
      ];
      await ledger().insertMany(rows);
      expect(await ledger().usageForScope({ kind: 'user', value: endUser, ...day, teamId })).toEqual({
        usd: 0.75,
        tokens: 17,
        requests: 2,
      });
      expect(await ledger().usageForScope({ kind: 'user', value: endUser, ...day })).toEqual({
        usd: 1.75,
        tokens: 217,
        requests: 3,
      });
      const stored = (await ledger().list({ teamId, limit: 10 })).data;
      const charged = (row: RequestRecord | undefined) => stored.find((found) => found.id === row?.id)?.charged;
      expect(rows.slice(0, 5).map(charged)).toEqual([true, false, false, undefined, undefined]);
    });

    it('normalises a timestamp with an offset to the same instant in UTC', async () => {
      const teamId = `team_${randomUUID()}`;
      await ledger().insertMany([record(0, { teamId, at: '2025-06-01T02:00:00.250+02:00' })]);
      expect((await ledger().list({ teamId, limit: 1 })).data[0]?.at).toBe('2025-06-01T00:00:00.250Z');
    });

    it('inserts a batch of 500 once: a retried batch and duplicates within a batch add nothing', async () => {
      const teamId = `team_${randomUUID()}`;
      const batch = Array.from({ length: 500 }, (_, index) => record(index, { teamId }));
      const before = await ledger().count();
      await ledger().insertMany(batch);
      expect(await ledger().count()).toBe(before + 500);
      await ledger().insertMany(batch);
      const again = record(600, { teamId });
      await ledger().insertMany([again, again, ...batch.slice(0, 10)]);
      expect(await ledger().count()).toBe(before + 501);
      await ledger().insertMany([]);
      expect(await ledger().count()).toBe(before + 501);
    });

    it('pages newest first across ties in time without gaps or duplicates', async () => {
      const teamId = `team_${randomUUID()}`;
      // 250 rows over 50 distinct instants: five rows share each timestamp, so the id tie-breaker matters.
      const rows = Array.from({ length: 250 }, (_, index) => record(Math.floor(index / 5), { teamId }));
      await ledger().insertMany(rows);
      const { rows: listed, pages } = await readAll({ teamId, limit: 37 });
      expect(pages).toBe(Math.ceil(250 / 37));
      expect(listed.map((row) => row.id)).toEqual([...rows].sort(newest).map((row) => row.id));
      const exact = await ledger().list({ teamId, limit: 250 });
      expect(exact.data).toHaveLength(250);
      expect(exact.nextCursor).toBeNull();
    });

    it('filters by team, key, model (asked for or served), since (inclusive) and until (exclusive)', async () => {
      const teamId = `team_${randomUUID()}`;
      const otherTeam = `team_${randomUUID()}`;
      const rows = [
        record(0, { teamId, keyId: 'key_1', requestedModel: 'fast', servedModel: 'gpt-4o-mini' }),
        record(1, { teamId, keyId: 'key_2', requestedModel: 'smart', servedModel: 'claude-sonnet' }),
        record(2, { teamId, keyId: 'key_1', requestedModel: 'gpt-4o-mini', servedModel: 'gpt-4o-mini' }),
        record(3, { teamId, keyId: 'key_1', requestedModel: 'smart', servedModel: null }),
        record(4, { teamId: otherTeam, keyId: 'key_1', requestedModel: 'fast' }),
      ];
      await ledger().insertMany(rows);
      const ids = async (filter: Omit<LedgerFilter, 'limit'>): Promise<string[]> =>
        (await ledger().list({ ...filter, limit: 100 })).data.map((row) => row.id);
      const [r0, r1, r2, r3, r4] = rows.map((row) => row.id);
      expect(await ids({ teamId })).toEqual([r3, r2, r1, r0]);
      expect(await ids({ teamId, keyId: 'key_1' })).toEqual([r3, r2, r0]);
      expect(await ids({ teamId, model: 'gpt-4o-mini' })).toEqual([r2, r0]);
      expect(await ids({ teamId, model: 'smart' })).toEqual([r3, r1]);
      expect(await ids({ teamId, model: 'claude-sonnet' })).toEqual([r1]);
      expect(await ids({ teamId, since: rows[1]?.at, until: rows[3]?.at })).toEqual([r2, r1]);
      expect(await ids({ teamId: otherTeam })).toEqual([r4]);
      expect(await ids({ teamId, keyId: 'key_2', model: 'smart', since: rows[0]?.at })).toEqual([r1]);
      expect(await ids({ teamId, since: '2025-06-01T00:00:00.000+00:00', until: '2025-06-01T00:00:01.000Z' })).toEqual([
        r0,
      ]);
    });

    it('lists without any filter, newest first', async () => {
      const latest = record(10_000_000, { teamId: `team_${randomUUID()}` });
      await ledger().insertMany([latest]);
      const page = await ledger().list({ limit: 1 });
      expect(page.data).toEqual([latest]);
      expect(page.nextCursor).not.toBeNull();
    });

    it('rejects a cursor it did not make', async () => {
      for (const cursor of [
        'nope',
        Buffer.from('["yesterday","x"]').toString('base64url'),
        Buffer.from('{}').toString('base64url'),
      ]) {
        const listing = ledger().list({ limit: 5, cursor });
        await expect(listing).rejects.toBeInstanceOf(PodiumError);
        await expect(listing).rejects.toMatchObject({ code: 'invalid_request', param: 'cursor' });
      }
    });
  });
}
