/** The first risk tier whose conditions all hold on the proposal's context decides what happens. */
import type { DecisionDefinition, FieldCondition, RiskTier } from '../../../contract/index.js';

export interface MatchedTier {
  tier: RiskTier;
  /** The tier's name, else `tier <n>` (1-based). */
  name: string;
  /** Why it matched, e.g. `amount 250 ≤ 5000`. */
  reason: string;
}

/** Undefined when no tier matches (a definition without a catch-all tier): the caller denies. */
export function matchRiskTier(
  definition: DecisionDefinition,
  context: Readonly<Record<string, unknown>>,
): MatchedTier | undefined {
  for (const [index, tier] of definition.risk.entries()) {
    const held: string[] = [];
    let matches = true;
    for (const [field, condition] of Object.entries(tier.when ?? {})) {
      const result = holds(condition, context[field]);
      if (result === undefined) {
        matches = false;
        break;
      }
      held.push(`${field} ${result}`);
    }
    if (matches)
      return {
        tier,
        name: tier.name ?? `tier ${index + 1}`,
        reason: held.length > 0 ? held.join(', ') : 'no conditions',
      };
  }
  return undefined;
}

/** A description of why the value satisfies every comparison, or undefined when one fails. */
function holds(condition: FieldCondition, value: unknown): string | undefined {
  const parts: string[] = [];
  const number = typeof value === 'number' ? value : undefined;
  const checks: [keyof FieldCondition, (bound: number) => boolean, string][] = [
    ['lt', (bound) => number !== undefined && number < bound, '<'],
    ['lte', (bound) => number !== undefined && number <= bound, '<='],
    ['gt', (bound) => number !== undefined && number > bound, '>'],
    ['gte', (bound) => number !== undefined && number >= bound, '>='],
  ];
  for (const [key, test, symbol] of checks) {
    const bound = condition[key];
    if (typeof bound !== 'number') continue;
    if (!test(bound)) return undefined;
    parts.push(`${String(value)} ${symbol} ${bound}`);
  }
  if (condition.eq !== undefined) {
    if (value !== condition.eq) return undefined;
    parts.push(`= ${String(condition.eq)}`);
  }
  if (condition.ne !== undefined) {
    if (value === condition.ne) return undefined;
    parts.push(`!= ${String(condition.ne)}`);
  }
  if (condition.in !== undefined) {
    if (!condition.in.some((option) => option === value)) return undefined;
    parts.push(`in [${condition.in.join(', ')}]`);
  }
  return parts.join(' and ') || 'present';
}
