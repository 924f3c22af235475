import type { PolicyOutcome } from './policy-outcome.js';
import type { RoutingTable } from './routing-table.js';

/**
 * A cascade verified by agreement: ask two cheap models; when they give the same answer, keep the
 * first one's; otherwise escalate to `escalation`. Pays for both cheap calls always and the
 * escalation when it happens. Needs extracted answers (`table.answers`, e.g. MMLU-Pro letters).
 */
export function agreementCascade(input: {
  table: RoutingTable;
  first: number;
  second: number;
  escalation: number;
}): PolicyOutcome {
  const { table, first, second, escalation } = input;
  const answers = table.answers;
  if (answers === undefined) throw new Error(`${table.name}: agreement cascades need extracted answers (pred.csv)`);
  const count = table.prompts.length;
  const score = new Float64Array(count);
  const cost = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    const answer = answers[first]?.[row];
    const agreed = answer !== undefined && answer === answers[second]?.[row];
    const cheapCost = (table.cost[first]?.[row] ?? 0) + (table.cost[second]?.[row] ?? 0);
    score[row] = (agreed ? table.score[first] : table.score[escalation])?.[row] ?? 0;
    cost[row] = cheapCost + (agreed ? 0 : (table.cost[escalation]?.[row] ?? 0));
  }
  return { score, cost };
}
