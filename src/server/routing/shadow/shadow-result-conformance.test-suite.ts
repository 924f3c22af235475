import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../contract/index.js';
import type { ShadowResult } from './shadow-result-repository.js';
import type { DatabaseAccessor } from '../../store/database-accessor.test-suite.js';
import { createLedgerRepository } from '../../ledger/index.js';
import { createShadowResultRepository } from './shadow-result-repository.js';

const result = (fields: Partial<ShadowResult> & Pick<ShadowResult, 'alias'>): ShadowResult => ({
  id: `shadow_${randomUUID()}`,
  at: '2026-11-12T09:30:00.000Z',
  policy: 'learned',
  choice: 'small',
  reference: 'large',
  grader: 'exact',
  servedScore: 1,
  referenceScore: 1,
  servedCostUsd: 0.001,
  referenceCostUsd: 0.01,
  servedModel: 'gpt-4o-mini',
  referenceModel: 'gpt-4o',
  requestId: `req_${randomUUID()}`,
  teamId: 'team_conformance',
  ...fields,
});

const ledgerRow = (fields: Partial<RequestRecord> & Pick<RequestRecord, 'requestedModel'>): RequestRecord => ({
  id: `req_${randomUUID()}`,
  at: '2026-11-12T09:00:00.000Z',
  orgId: 'org_conformance',
  teamId: 'team_conformance',
  projectId: null,
  keyId: null,
  surface: 'openai-chat',
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
  latencyMs: 10,
  overheadMs: 0.1,
  attempts: 1,
  routePolicy: 'learned',
  routeChoice: 'small',
  routeReason: 'rule 1',
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
  ...fields,
});

const window = { since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' };

export function describeShadowResultConformance(database: DatabaseAccessor): void {
  const results = () => createShadowResultRepository(database());

  describe('shadow results', () => {
    it('sums scores, agreement and priced costs per alias and choice inside the window only', async () => {
      const alias = `auto-${randomUUID()}`;
      const rows = [
        result({ alias, servedScore: 1, referenceScore: 1, servedCostUsd: 0.001, referenceCostUsd: 0.01 }),
        result({ alias, servedScore: 0, referenceScore: 1, servedCostUsd: 0.002, referenceCostUsd: 0.012 }),
        result({
          alias,
          grader: 'judge',
          servedScore: 7,
          referenceScore: 9,
          servedCostUsd: null,
          referenceCostUsd: 0.01,
        }),
        result({
          alias,
          grader: 'judge',
          servedScore: null,
          referenceScore: null,
          servedCostUsd: 0.003,
          referenceCostUsd: 0.013,
        }),
        result({ alias, choice: 'mid', reference: 'huge', servedScore: 1, referenceScore: 0 }),
        result({ alias, at: '2026-12-01T00:00:00.000Z' }),
        result({ alias, at: '2026-10-31T23:59:59.999Z' }),
        result({ alias: `${alias}-other` }),
      ];
      for (const row of rows) await results().insert(row);

      const aggregates = await results().aggregate({ alias, ...window });

      expect(aggregates.map((aggregate) => aggregate.choice)).toEqual(['mid', 'small']);
      const [mid, small] = aggregates;
      expect(mid).toMatchObject({ alias, references: ['huge'], samples: 1, graded: 1, referenceRight: 0, kept: 0 });
      expect(small).toMatchObject({
        alias,
        references: ['large'],
        graders: ['exact', 'judge'],
        samples: 4,
        graded: 3,
        judged: 1,
        referenceRight: 3,
        kept: 1,
      });
      expect(small?.scores).toEqual({ n: 3, sumX: 8, sumY: 11, sumXX: 50, sumYY: 83, sumXY: 64 });
      expect(small?.costs.n).toBe(3);
      expect(small?.costs.sumX).toBeCloseTo(0.006, 12);
      expect(small?.costs.sumY).toBeCloseTo(0.035, 12);
      expect(small?.costs.sumXX).toBeCloseTo(0.000014, 15);
      expect(small?.costs.sumYY).toBeCloseTo(0.000413, 15);
      expect(small?.costs.sumXY).toBeCloseTo(0.000073, 15);
    });

    it('aggregates every alias when none is named, and refuses a half-graded row', async () => {
      const alias = `auto-${randomUUID()}`;
      await results().insert(result({ alias, at: '2026-11-20T00:00:00.000Z' }));
      const everything = await results().aggregate(window);
      expect(everything.find((aggregate) => aggregate.alias === alias)).toMatchObject({ samples: 1, graded: 1 });
      await expect(results().insert(result({ alias, servedScore: 1, referenceScore: null }))).rejects.toThrow();
    });

    it('counts successful routed calls per choice from the ledger, without cache hits, failures or unrouted calls', async () => {
      const alias = `auto-${randomUUID()}`;
      await createLedgerRepository(database()).insertMany([
        ledgerRow({ requestedModel: alias }),
        ledgerRow({ requestedModel: alias, cacheStatus: 'miss' }),
        ledgerRow({ requestedModel: alias, routeChoice: 'large' }),
        ledgerRow({ requestedModel: alias, cacheStatus: 'hit' }),
        ledgerRow({ requestedModel: alias, status: 429 }),
        ledgerRow({ requestedModel: alias, routePolicy: null, routeChoice: null }),
        ledgerRow({ requestedModel: alias, at: '2026-12-01T00:00:00.000Z' }),
        ledgerRow({ requestedModel: `${alias}-other` }),
      ]);
      expect(await results().routedCalls({ alias, ...window })).toEqual([
        { alias, choice: 'large', calls: 1 },
        { alias, choice: 'small', calls: 2 },
      ]);
    });
  });
}
