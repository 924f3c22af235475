import type { PolicyOutcome } from './policy-outcome.js';
import type { RoutingTable } from './routing-table.js';

/**
 * A cascade verified by validity: keep the cheap model's answer when it is well-formed (an answer
 * could be extracted — offline, the analogue of "the output matches the schema"), escalate when it is
 * not. One cheap call always, the escalation only for malformed answers. Needs extracted answers
 * (`table.answers`); a missing extraction is the malformed case.
 */
export function validityCascade(input: { table: RoutingTable; first: number; escalation: number }): PolicyOutcome {
  const { table, first, escalation } = input;
  const answers = table.answers;
  if (answers === undefined) throw new Error(`${table.name}: validity cascades need extracted answers (pred.csv)`);
  const count = table.prompts.length;
  const score = new Float64Array(count);
  const cost = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    const answer = answers[first]?.[row];
    const valid = answer !== undefined && answer !== '';
    score[row] = (valid ? table.score[first] : table.score[escalation])?.[row] ?? 0;
    cost[row] = (table.cost[first]?.[row] ?? 0) + (valid ? 0 : (table.cost[escalation]?.[row] ?? 0));
  }
  return { score, cost };
}
