/**
 * Tool calls in the ledger (migration 14): a tool call's kind, tool and arguments' digest are stored and listed
 * (and filtered on), a model call's record reads exactly as before, and the cleaning every record goes through
 * keeps what budgets counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../contract/index.js';
import type { SqlClient } from '../store/index.js';
import { openTestDatabase } from '../testkit/index.js';
import { createLedgerRepository } from './ledger-repository.js';
import { sanitizeRecord } from './sanitize-record.js';

const base = (id: string, orgId: string): RequestRecord => ({
  id,
  at: '2026-12-01T12:00:00.000Z',
  orgId,
  teamId: 'team_1',
  projectId: null,
  keyId: 'key_1',
  surface: 'openai-chat',
  requestedModel: 'fast',
  servedModel: 'gpt-4o-mini',
  provider: 'openai',
  stream: false,
  status: 200,
  errorCode: null,
  tier: 'standard',
  endUser: null,
  tags: null,
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.001,
  latencyMs: 12,
  overheadMs: 1,
  attempts: 1,
  routePolicy: null,
  routeChoice: null,
  routeReason: null,
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
  charged: true,
});

let sql: SqlClient;
beforeAll(async () => {
  sql = await openTestDatabase();
});
afterAll(async () => {
  await sql.close();
});

describe('tool calls in the ledger', () => {
  it('stores kind, tool and arguments digest; a model call reads as before; filters by kind, tool and org', async () => {
    const ledger = createLedgerRepository(sql);
    const model = base('req_model', 'org_a');
    const tool: RequestRecord = {
      ...base('req_tool', 'org_a'),
      surface: 'tools',
      requestedModel: null,
      servedModel: null,
      provider: 'crm',
      kind: 'tool.call',
      tool: 'crm__refund',
      argumentsDigest: 'a'.repeat(64),
    };
    const elsewhere: RequestRecord = { ...tool, id: 'req_tool_b', orgId: 'org_b' };
    await ledger.insertMany([model, tool, elsewhere]);
    const all = await ledger.list({ limit: 10 });
    expect(all.data.find((record) => record.id === 'req_model')).toEqual(model);
    expect(all.data.find((record) => record.id === 'req_tool')).toEqual(tool);
    expect(
      (await ledger.list({ kind: 'tool.call', orgId: 'org_a', limit: 10 })).data.map((record) => record.id),
    ).toEqual(['req_tool']);
    expect((await ledger.list({ tool: 'crm__refund', limit: 10 })).data.map((record) => record.id).sort()).toEqual([
      'req_tool',
      'req_tool_b',
    ]);
    expect((await ledger.list({ kind: 'model.call', limit: 10 })).data.map((record) => record.id)).toEqual([
      'req_model',
    ]);
  });

  it('keeps charged, kind and tool through cleaning, bounding the tool name', () => {
    const cleaned = sanitizeRecord({
      ...base('req_x', 'org_a'),
      charged: false,
      kind: 'tool.call',
      tool: 't'.repeat(5000),
    });
    expect(cleaned.charged).toBe(false);
    expect(cleaned.kind).toBe('tool.call');
    expect(cleaned.tool?.length).toBeLessThan(5000);
    expect(cleaned.sanitized).toBe(true);
  });
});
