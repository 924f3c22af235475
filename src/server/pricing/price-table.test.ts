import { describe, expect, it } from 'vitest';
import { costOf, createPriceTable, maxCachedModels } from './price-table.js';

const usage = (partial: Partial<Parameters<typeof costOf>[1]>) => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...partial,
});

describe('price table', () => {
  it('prices any number of distinct served models while memoising a bounded number of them', () => {
    const memo = new Map();
    const own = createPriceTable({
      aliasPrices: {},
      overrides: { [`model-${maxCachedModels + 10}`]: { input: 1, output: 2 } },
      memo,
    });
    for (let index = 0; index < maxCachedModels + 20; index += 1) own.lookup({ servedModel: `model-${index}` });
    expect(memo.size).toBe(maxCachedModels);
    expect(own.lookup({ servedModel: `model-${maxCachedModels + 10}` })).toEqual({ input: 1, output: 2 });
  });

  const table = createPriceTable({
    aliasPrices: { 'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 }, plain: undefined },
    overrides: { 'llama3.1:8b': { input: 0.01, output: 0.02 } },
  });

  it('prefers the alias price, then overrides, then the built-in list by undated family', () => {
    expect(table.lookup({ alias: 'gpt-4o-mini', servedModel: 'anything' })).toEqual({
      input: 0.15,
      output: 0.6,
      cachedInput: 0.075,
    });
    expect(table.lookup({ alias: 'plain', servedModel: 'llama3.1:8b' })).toEqual({ input: 0.01, output: 0.02 });
    expect(table.lookup({ servedModel: 'claude-sonnet-4-5-20250929' })?.output).toBe(15);
    expect(table.lookup({ servedModel: 'gpt-4.1-nano-2025-04-14' })?.input).toBe(0.1);
  });

  it('leaves unknown models unpriced rather than free', () => {
    expect(table.lookup({ servedModel: 'my-finetune-v3' })).toBeUndefined();
  });

  it('prices cached reads and cache writes at their own rates, carved out of inclusive input', () => {
    const price = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
    // 1,000 input of which 600 cache reads and 100 cache writes; 200 output.
    const cost = costOf(
      price,
      usage({ inputTokens: 1000, cacheReadTokens: 600, cacheWriteTokens: 100, outputTokens: 200 }),
    );
    expect(cost).toBeCloseTo((300 * 3 + 600 * 0.3 + 100 * 3.75 + 200 * 15) / 1e6, 12);
    expect(costOf({ input: 0.15, output: 0.6 }, usage({ inputTokens: 16, outputTokens: 363 }))).toBe(0.0002202);
  });
});
