/** The report over a real (a throwaway database on the embedded PostgreSQL) ledger: a period in a time zone selects exactly its calls. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../contract/index.js';
import type { SqlClient } from '../../store/index.js';
import { spendReport } from './spend-report.js';
import { openTestDatabase } from '../../testkit/index.js';
import { createSpendReportRepository } from '../../budgets/index.js';
import { createLedgerRepository } from '../../ledger/index.js';

let store: SqlClient;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(async () => store.close());

const call = (at: string, costUsd: number | null): RequestRecord => ({
  id: `req_${randomUUID()}`,
  at,
  orgId: 'org_1',
  teamId: null,
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
  inputTokens: 10,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd,
  latencyMs: 1,
  overheadMs: 0,
  attempts: 1,
  routePolicy: null,
  routeChoice: null,
  routeReason: null,
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
});

describe('spendReport', () => {
  it('counts a month in Paris from its local midnight to the next, not in UTC', async () => {
    await createLedgerRepository(store).insertMany([
      call('2026-10-31T22:59:59.999Z', 1000), // 23:59:59.999 on 31 October in Paris
      call('2026-10-31T23:00:00.000Z', 1), // midnight, 1 November in Paris
      call('2026-11-15T12:00:00.000Z', 2),
      call('2026-11-30T22:59:59.999Z', 4),
      call('2026-11-30T23:00:00.000Z', 1000), // 1 December in Paris
      call('2026-11-20T12:00:00.000Z', null),
    ]);

    const report = await spendReport(
      { by: 'model', period: '2026-11', timezone: 'Europe/Paris' },
      { repository: createSpendReportRepository(store) },
    );

    expect(report).toEqual({
      by: 'model',
      period: '2026-11',
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
      rows: [
        { group: 'fast', label: null, requests: 4, inputTokens: 40, outputTokens: 4, costUsd: 7, unpricedRequests: 1 },
      ],
      totalUsd: 7,
    });
    const utc = await spendReport(
      { by: 'model', period: '2026-11', timezone: 'UTC' },
      { repository: createSpendReportRepository(store) },
    );
    expect(utc.totalUsd).toBe(1006);
  });

  it('refuses a bad period before reading anything', async () => {
    const repository = { spend: () => Promise.reject(new Error('must not be called')) };
    await expect(
      spendReport({ by: 'team', period: '2026-02-30', timezone: 'UTC' }, { repository }),
    ).rejects.toMatchObject({ code: 'invalid_request', param: 'period' });
  });
});
