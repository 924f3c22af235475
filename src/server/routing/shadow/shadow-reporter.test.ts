/** The report on known inputs, read through the real store (in-memory PGlite). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shadowReportSchema, type RequestRecord } from '../../../contract/index.js';
import type { SqlClient } from '../../store/index.js';
import { createShadowResultRepository, type ShadowResult } from './shadow-result-repository.js';
import { createShadowReporter } from './shadow-reporter.js';
import { z95 } from './shadow-statistics.js';
import { openTestDatabase } from '../../testkit/index.js';
import { createLedgerRepository } from '../../ledger/index.js';

let store: SqlClient;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(() => store.close());

const now = new Date('2026-11-30T12:00:00.000Z');
const at = '2026-11-20T10:00:00.000Z';

const result = (fields: Partial<ShadowResult> & Pick<ShadowResult, 'alias'>): ShadowResult => ({
  id: `shadow_${randomUUID()}`,
  at,
  policy: 'rules',
  choice: 'small',
  reference: 'large',
  grader: 'exact',
  servedScore: 1,
  referenceScore: 1,
  servedCostUsd: 0.001,
  referenceCostUsd: 0.01,
  servedModel: 'gpt-4o-mini',
  referenceModel: 'gpt-4o',
  requestId: `call_${randomUUID()}`,
  teamId: 'team_test',
  ...fields,
});

const routedCall = (alias: string, choice: string): RequestRecord => ({
  id: `call_${randomUUID()}`,
  at,
  orgId: 'org_test',
  teamId: 'team_test',
  projectId: null,
  keyId: 'key_test',
  surface: 'openai-chat',
  requestedModel: alias,
  servedModel: 'gpt-4o-mini',
  provider: 'cheap',
  stream: false,
  status: 200,
  errorCode: null,
  tier: null,
  endUser: null,
  tags: null,
  inputTokens: 1,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.001,
  latencyMs: 1,
  overheadMs: 0,
  attempts: 1,
  routePolicy: 'rules',
  routeChoice: choice,
  routeReason: 'test',
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
});

/** Sample mean and variance, computed the textbook way from the values (not from sums). */
function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { mean, variance: values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1) };
}

describe('shadow report', () => {
  it('reports quality kept, non-regression, savings and money saved per alias and choice with 95 % intervals', async () => {
    const alias = `auto-${randomUUID()}`;
    const served = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? 0.001 : 0.002));
    const reference = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? 0.01 : 0.012));
    for (let index = 0; index < 100; index += 1) {
      await createShadowResultRepository(store).insert(
        result({
          alias,
          servedScore: index < 80 ? 1 : 0,
          servedCostUsd: served[index] ?? 0,
          referenceCostUsd: reference[index] ?? 0,
        }),
      );
    }
    await createShadowResultRepository(store).insert(result({ alias, at: '2026-10-01T00:00:00.000Z', servedScore: 0 }));
    await createLedgerRepository(store).insertMany([
      ...Array.from({ length: 10 }, () => routedCall(alias, 'small')),
      ...Array.from({ length: 5 }, () => routedCall(alias, 'large')),
      ...Array.from({ length: 3 }, () => routedCall(alias, 'mid')),
    ]);

    const report = shadowReportSchema.parse(
      await createShadowReporter({
        results: createShadowResultRepository(store),
        referenceOf: () => 'large',
        now: () => now,
      })({ alias }),
    );

    expect(report).toMatchObject({ since: '2026-10-31T12:00:00.000Z', until: now.toISOString() });
    const [routed] = report.aliases;
    expect(report.aliases).toHaveLength(1);
    expect(routed).toMatchObject({
      alias,
      references: ['large'],
      graders: ['exact'],
      routedCalls: 18,
      samples: 100,
      graded: 100,
      ungraded: 0,
      unmeasuredCalls: 3,
    });
    expect(routed?.qualityKept).toMatchObject({ value: 0.8, method: 'wilson' });
    expect(routed?.qualityKept?.low).toBeCloseTo(0.7112, 4);
    expect(routed?.qualityKept?.high).toBeCloseTo(0.8666, 4);
    expect(routed?.nonRegression).toMatchObject({ value: 0.8, kept: 80, of: 100 });

    // Money saved = (mean reference − mean served) × 10 routed calls to `small`; the reference's 5 calls save 0.
    const difference = meanAndVariance(reference.map((cost, index) => cost - (served[index] ?? 0)));
    const half = z95 * 10 * Math.sqrt(difference.variance / 100);
    expect(routed?.cost.savedUsd?.value).toBeCloseTo(0.095, 10);
    expect(routed?.cost.savedUsd?.low).toBeCloseTo(0.095 - half, 10);
    expect(routed?.cost.savedUsd?.high).toBeCloseTo(0.095 + half, 10);
    expect(routed?.cost.meanServedUsd).toBeCloseTo(0.0015, 12);
    expect(routed?.cost.meanReferenceUsd).toBeCloseTo(0.011, 12);
    expect(routed?.cost.savings?.value).toBeCloseTo(1 - 0.0015 / 0.011, 10);
    expect(routed?.cost.savings?.low).toBeLessThan(routed?.cost.savings?.value ?? 0);

    expect(
      routed?.choices.map((choice) => [choice.choice, choice.routedCalls, choice.samples, choice.servedByReference]),
    ).toEqual([
      ['small', 10, 100, false],
      ['large', 5, 0, true],
      ['mid', 3, 0, false],
    ]);
    expect(routed?.choices[1]?.cost.savedUsd).toEqual({ value: 0, low: 0, high: 0, method: 'exact' });
    expect(routed?.choices[2]?.cost.savedUsd).toBeNull();
  });

  it('uses the delta method for judge scores and leaves ungraded samples out of the figures', async () => {
    const alias = `judged-${randomUUID()}`;
    const pairs = [
      [8, 10],
      [6, 10],
      [10, 10],
      [8, 10],
      [null, null],
    ] as const;
    for (const [servedScore, referenceScore] of pairs)
      await createShadowResultRepository(store).insert(result({ alias, grader: 'judge', servedScore, referenceScore }));

    const report = await createShadowReporter({ results: createShadowResultRepository(store), now: () => now })({
      alias,
      since: '2026-11-01T00:00:00Z',
    });

    const [judged] = report.aliases;
    expect(judged).toMatchObject({ samples: 5, graded: 4, ungraded: 1, graders: ['judge'], routedCalls: 0 });
    // Reference scores are constant, so Var(ratio) = s²(served) / (n · 10²) = (8/3) / 400.
    const half = z95 * Math.sqrt(8 / 3 / 400);
    expect(judged?.qualityKept).toMatchObject({ value: 0.8, method: 'delta' });
    expect(judged?.qualityKept?.low).toBeCloseTo(0.8 - half, 10);
    expect(judged?.qualityKept?.high).toBeCloseTo(0.8 + half, 10);
    expect(judged?.nonRegression).toMatchObject({ kept: 1, of: 4, value: 0.25 });
    // Without a configured reference, the samples name it; no routed calls means nothing to extrapolate over.
    expect(judged?.choices).toMatchObject([{ choice: 'small', servedByReference: false, routedCalls: 0 }]);
    expect(judged?.cost.savedUsd?.value).toBe(0);
  });
});
