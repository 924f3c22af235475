import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import { requestRecord, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { lateArrivalWindowMs, tailRequests } from './tail-requests.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
});
afterEach(() => api.close());

const at = (seconds: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, 0) + seconds * 1000).toISOString();

describe('tailRequests', () => {
  it('follows cursors on every poll, shows only the backlog first, and delivers each record once', async () => {
    const controller = new AbortController();
    const windowSeconds = lateArrivalWindowMs / 1000;
    api.records.push(requestRecord({ id: 'old', at: at(-windowSeconds - 1) }), ...[0, 1, 2, 3, 4].map((second) => requestRecord({ id: `r${second}`, at: at(second) })));
    const steps = [() => api.records.push(...[5, 6, 7].map((second) => requestRecord({ id: `r${second}`, at: at(second) }))), () => controller.abort()];
    const batches: string[][] = [];

    await tailRequests({
      client: createAdminClient({ env: { PODIUM_URL: api.url, PODIUM_ADMIN_KEY: api.adminKey }, signal: controller.signal }),
      filters: {},
      backlog: 3,
      intervalMs: 1000,
      pageSize: 2,
      signal: controller.signal,
      sleep: () => Promise.resolve(steps.shift()?.()).then(() => undefined),
      onRecords: (records: RequestRecord[]) => void batches.push(records.map((record) => record.id)),
    });

    expect(batches).toEqual([
      ['r2', 'r3', 'r4'],
      ['r5', 'r6', 'r7'],
    ]);
    // First poll: pages until the window before the newest record is covered (3 pages of 2);
    // second poll: since the newest minus the window, to the last page (8 records, 4 pages).
    expect(api.calls.map((call) => call.query)).toEqual([
      { limit: '2' },
      { limit: '2', cursor: '2' },
      { limit: '2', cursor: '4' },
      { limit: '2', since: at(4 - windowSeconds) },
      { limit: '2', since: at(4 - windowSeconds), cursor: '2' },
      { limit: '2', since: at(4 - windowSeconds), cursor: '4' },
      { limit: '2', since: at(4 - windowSeconds), cursor: '6' },
    ]);
  });
});
