import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluatePolicies, type EvaluationReport } from './evaluate-policies.js';
import { compileRouter } from '../learned-router/linear-router.js';
import { loadRoutingData } from './load-routing-data.js';
import { readRouterFile, writeRouterFile } from '../learned-router/router-file.js';
import { selectPrompts, type RoutingTable } from './routing-table.js';
import { sharedDataTitle, sharedRoutingData } from './shared-routing-data.test-suite.js';
import { splitTrainValidation } from './split-train-validation.js';
import { trainLinearRouter, type TrainRouterOptions } from './train-linear-router.js';

const split = { seed: 'podium-routing', validationShare: 0.2 };

/** Trains on the train split, then evaluates the validation split with the router in memory and read back from its file. */
function bothWays(
  input: Pick<TrainRouterOptions, 'reference' | 'fit' | 'targetQualityPercent'> & { table: RoutingTable },
) {
  const rows = splitTrainValidation(input.table, split);
  const router = trainLinearRouter({ ...input, table: selectPrompts(input.table, rows.train), split });
  const validation = selectPrompts(input.table, rows.validation);
  const file = writeRouterFile(router);
  return {
    router,
    file,
    inMemory: evaluatePolicies({ table: validation, compiled: compileRouter(router), split: 'validation' }),
    fromFile: evaluatePolicies({ table: validation, compiled: readRouterFile(file), split: 'validation' }),
  };
}

/** The operating point and every swept point of the learned router agree to 1e-9 percentage points. */
function expectSameRouting(fromFile: EvaluationReport, inMemory: EvaluationReport): void {
  expect(fromFile.operatingPoint.costPercent).toBeCloseTo(inMemory.operatingPoint.costPercent, 9);
  expect(fromFile.operatingPoint.qualityPercent).toBeCloseTo(inMemory.operatingPoint.qualityPercent, 9);
  const sweep = (report: EvaluationReport) =>
    report.curves.find((curve) => curve.policy === 'learned-router')?.points ?? [];
  expect(sweep(fromFile)).toHaveLength(sweep(inMemory).length);
  sweep(fromFile).forEach((point, index) => {
    expect(point.costPercent).toBeCloseTo(sweep(inMemory)[index]?.costPercent ?? Number.NaN, 9);
    expect(point.qualityPercent).toBeCloseTo(sweep(inMemory)[index]?.qualityPercent ?? Number.NaN, 9);
  });
}

describe('router file', () => {
  it('written and read back, routes the validation prompts as the trained router does: same cost and quality at every λ', async () => {
    // Dollar costs of 5e-6 to 2e-3 per call, per-token slopes of 1e-7 to 1e-5: what decimal places erase.
    const { table } = await loadRoutingData({
      path: fileURLToPath(new URL('./__fixtures__/small-outcomes', import.meta.url)),
    });
    // At 80 % the operating point is a cheap one (~7 % of big's cost), where the cost model decides.
    const { router, file, inMemory, fromFile } = bothWays({ table, reference: 'big', targetQualityPercent: 80 });
    expect(inMemory.operatingPoint.costPercent).toBeLessThan(10);
    const written = readRouterFile(file).router;
    expect(written.models.map((model) => [model.costIntercept, model.costPerInputToken])).toEqual(
      router.models.map((model) => [model.costIntercept, model.costPerInputToken]),
    );
    expect(written.referenceMeanCost).toBe(router.referenceMeanCost);
    expect(written.lambda).toBe(router.lambda);
    expect(router.models.every((model) => model.costPerInputToken > 0 && model.costPerInputToken < 1e-4)).toBe(true);
    expectSameRouting(fromFile, inMemory);
  });

  it('keeps weights to 7 significant digits and every other number exactly', () => {
    const router = {
      kind: 'podium-linear-router' as const,
      version: 1 as const,
      dataset: 'd',
      reference: 'r',
      costUnit: 'usd' as const,
      featureBits: 4,
      scoreRange: [0, 1] as [number, number],
      referenceMeanCost: 0.000123456789,
      split,
      lambda: 0.0749894209,
      sweep: [0, 0.000316227766],
      models: [
        {
          name: 'r',
          weights: [0.123456789, -2.5e-9, 0, ...Array.from({ length: 13 }, () => 1)],
          costIntercept: 7.316053870220895e-6,
          costPerInputToken: 1.1652218753053294e-7,
        },
      ],
    };
    const read = readRouterFile(writeRouterFile(router)).router;
    expect(read.models[0]?.weights.slice(0, 3)).toEqual([0.1234568, -2.5e-9, 0]);
    expect({ ...read, models: [] }).toEqual({ ...router, models: [] });
    expect([read.models[0]?.costIntercept, read.models[0]?.costPerInputToken]).toEqual([
      7.316053870220895e-6, 1.1652218753053294e-7,
    ]);
  });

  const data = sharedRoutingData(process.env.PODIUM_ROUTING_DATA);
  it.skipIf(data === undefined)(
    sharedDataTitle('on MMLU-Pro, reproduces the evaluator’s cost and quality at the operating point', data),
    async () => {
      const { table } = await loadRoutingData({ path: join(data ?? '', 'mmlu-pro') });
      // The L2 penalty the bench's cross-fitting picks on MMLU-Pro, fixed so the test trains once.
      const { inMemory, fromFile } = bothWays({ table, reference: 'gemini-3.1-pro-preview', fit: { l2: 3e-2 } });
      expect(inMemory.operatingPoint.costPercent).toBeLessThan(100);
      expectSameRouting(fromFile, inMemory);
    },
    60_000,
  );
});
