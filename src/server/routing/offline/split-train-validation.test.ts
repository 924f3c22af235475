import { describe, expect, it } from 'vitest';
import type { RoutingTable } from './routing-table.js';
import { splitTrainValidation } from './split-train-validation.js';

const table = (ids: string[]): RoutingTable => ({
  name: 't',
  models: [],
  prompts: ids.map((id) => ({ id, text: id, inputTokens: 1 })),
  score: [],
  cost: [],
  costUnit: 'usd',
});

describe('splitTrainValidation', () => {
  const ids = Array.from({ length: 2000 }, (_, index) => `q${index}`);
  it('holds out about the asked share, the same prompts on every call', () => {
    const first = splitTrainValidation(table(ids));
    expect(first.validation.length / ids.length).toBeGreaterThan(0.17);
    expect(first.validation.length / ids.length).toBeLessThan(0.23);
    expect(splitTrainValidation(table(ids))).toEqual(first);
    expect(first.train.length + first.validation.length).toBe(ids.length);
  });

  it('depends on the prompt id, not its position, and changes with the seed', () => {
    const forward = splitTrainValidation(table(ids));
    const reversed = splitTrainValidation(table([...ids].reverse()));
    const heldOut = (split: { validation: number[] }, order: string[]): string[] =>
      split.validation.map((row) => order[row] ?? '').sort();
    expect(heldOut(reversed, [...ids].reverse())).toEqual(heldOut(forward, ids));
    expect(heldOut(splitTrainValidation(table(ids), { seed: 'other' }), ids)).not.toEqual(heldOut(forward, ids));
  });
});
