import type { RoutingTable } from './routing-table.js';

/**
 * What a policy did on each prompt of a table: the score it got and what it paid (a cascade may pay
 * for several calls on one prompt, so this is not just a model choice).
 */
export interface PolicyOutcome {
  score: Float64Array;
  cost: Float64Array;
}

/** The outcome of sending prompt p to model `choices[p]`. */
export function outcomeOfChoices(table: RoutingTable, choices: ArrayLike<number>): PolicyOutcome {
  const count = table.prompts.length;
  const score = new Float64Array(count);
  const cost = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    const model = choices[row] ?? 0;
    score[row] = table.score[model]?.[row] ?? 0;
    cost[row] = table.cost[model]?.[row] ?? 0;
  }
  return { score, cost };
}
