/**
 * Overshoot: `concurrent` reserves of varied amounts fired at once against one hard limit, spread over
 * the clients given (replicas). The counter must end at exactly the sum admitted, and never above the limit.
 */
import type { BudgetCounters } from '../../src/server/budgets/index.js';

export interface OvershootResult {
  concurrent: number;
  limitUnits: number;
  admitted: number;
  admittedUnits: number;
  counterUnits: number;
  overshootUnits: number;
  /** The counter equals what was admitted: nothing lost, nothing counted twice. */
  consistent: boolean;
}

/** Deterministic amounts in [1, 1000] (a linear congruential generator: same run, same amounts). */
function amounts(count: number): number[] {
  let state = 42;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % 1_000);
  });
}

export async function measureOvershoot(options: {
  clients: readonly BudgetCounters[];
  concurrent: number;
  limitUnits: number;
}): Promise<OvershootResult> {
  const { clients, concurrent, limitUnits } = options;
  const key = `overshoot-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const sizes = amounts(concurrent);
  const outcomes = await Promise.all(
    sizes.map((amount, index) => {
      const client = clients[index % clients.length];
      if (client === undefined) throw new Error('no client');
      return client.reserve(`${key}:${index}`, [{ key, amount, limit: limitUnits }]);
    }),
  );
  const admittedUnits = outcomes.reduce((sum, outcome, index) => (outcome.ok ? sum + (sizes[index] ?? 0) : sum), 0);
  const [counterUnits = 0] = await clients[0]!.read([key]);
  return {
    concurrent,
    limitUnits,
    admitted: outcomes.filter((outcome) => outcome.ok).length,
    admittedUnits,
    counterUnits,
    overshootUnits: Math.max(0, counterUnits - limitUnits, admittedUnits - limitUnits),
    consistent: counterUnits === admittedUnits,
  };
}
