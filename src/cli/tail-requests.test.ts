import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import { requestRecord, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { tailRequests } from './tail-requests.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
});
afterEach(() => api.close());

const at = (seconds: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, 0) + seconds * 1000).toISOString();
const record = (id: string, seconds: number) => requestRecord({ id, at: at(seconds) });

describe('tailRequests', () => {
  it('follows cursors, re-reads the recent window each poll and the late window each sweep, delivering each record once', async () => {
    const controller = new AbortController();
    api.records.push(record('old', -61), ...[0, 1, 2, 3, 4].map((second) => record(`r${second}`, second)));
    const steps = [
      // A fast call, and a long stream received 30 s ago that is only now written.
      () => api.records.push(record('r5', 5), record('long', -30)),
      () => undefined,
      () => undefined,
      () => controller.abort(),
    ];
    const batches: string[][] = [];

    await tailRequests({
      client: createAdminClient({
        env: { PODIUM_URL: api.url, PODIUM_ADMIN_KEY: api.adminKey },
        signal: controller.signal,
      }),
      filters: { team: 'team_1' },
      backlog: 3,
      intervalMs: 1000,
      pageSize: 2,
      windows: { recentMs: 2000, lateMs: 60_000, sweepEveryMs: 3000 },
      signal: controller.signal,
      sleep: () => Promise.resolve(steps.shift()?.()).then(() => undefined),
      onRecords: (records: RequestRecord[]) => void batches.push(records.map((one) => one.id)),
    });

    expect(batches).toEqual([['r2', 'r3', 'r4'], ['r5'], ['long']]);
    expect(api.calls.map((call) => [call.query.since, call.query.cursor])).toEqual([
      // Start: pages back until the late window before the newest record is covered; 'old' is outside it.
      [undefined, undefined],
      [undefined, '2'],
      [undefined, '4'],
      // Polls 1 and 2: the recent window before the newest record seen.
      [at(2), undefined],
      [at(2), '2'],
      [at(3), undefined],
      [at(3), '2'],
      // Poll 3: a sweep of the late window.
      [at(-55), undefined],
      [at(-55), '2'],
      [at(-55), '4'],
      [at(-55), '6'],
    ]);
    expect(api.calls.every((call) => call.query.limit === '2' && call.query.team === 'team_1')).toBe(true);
  });
});
