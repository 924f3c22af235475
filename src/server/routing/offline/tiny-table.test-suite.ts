import type { RoutingTable } from './routing-table.js';

/**
 * Four prompts, three models, figures small enough to check by hand:
 * ref is right on 0,1,2 at 10 per call; cheap on 0,2 at 1; mid on 0,1,3 at 3.
 */
export function tinyTable(): RoutingTable {
  return {
    name: 'tiny',
    models: ['ref', 'cheap', 'mid'],
    prompts: ['one plus one', 'prove the theorem', 'two plus two', 'contract law'].map((text, index) => ({
      id: `p${index}`,
      text,
      inputTokens: 10,
    })),
    score: [Float64Array.of(1, 1, 1, 0), Float64Array.of(1, 0, 1, 0), Float64Array.of(1, 1, 0, 1)],
    cost: [Float64Array.of(10, 10, 10, 10), Float64Array.of(1, 1, 1, 1), Float64Array.of(3, 3, 3, 3)],
    costUnit: 'usd',
    answers: [
      ['A', 'B', 'C', 'D'],
      ['A', 'C', 'C', 'A'],
      ['A', 'B', 'D', 'D'],
    ],
  };
}
