import { outcomeOfChoices, type PolicyOutcome } from './policy-outcome.js';
import type { RoutingTable } from './routing-table.js';
import { fnv1a } from '../learned-router/fnv1a.js';

/** Every prompt to one model. */
export function alwaysModel(table: RoutingTable, model: number): PolicyOutcome {
  return outcomeOfChoices(table, new Int32Array(table.prompts.length).fill(model));
}

/**
 * Sends a `share` of prompts to `expensive` and the rest to `cheap`, by a hash of the prompt id:
 * a coin flip that is the same on every run. What mixing two single models buys without looking
 * at the prompt — the line a router has to beat.
 */
export function randomMix(input: {
  table: RoutingTable;
  cheap: number;
  expensive: number;
  share: number;
}): PolicyOutcome {
  const { table } = input;
  const choices = Int32Array.from(table.prompts, (prompt) =>
    fnv1a(`mix:${prompt.id}`) / 0x1_0000_0000 < input.share ? input.expensive : input.cheap,
  );
  return outcomeOfChoices(table, choices);
}

/**
 * The oracle: for each prompt the cheapest model with the best score on it. Needs the outcomes, so
 * it is a bound on what any router can reach, not a policy.
 */
export function oracle(table: RoutingTable): PolicyOutcome {
  const choices = Int32Array.from(table.prompts, (_, row) => {
    let best = 0;
    table.models.forEach((_model, index) => {
      const score = table.score[index]?.[row] ?? 0;
      const bestScore = table.score[best]?.[row] ?? 0;
      if (
        score > bestScore ||
        (score === bestScore && (table.cost[index]?.[row] ?? 0) < (table.cost[best]?.[row] ?? 0))
      )
        best = index;
    });
    return best;
  });
  return outcomeOfChoices(table, choices);
}
