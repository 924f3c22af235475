/**
 * What a tool call costs: `tools.costs` by canonical name (`crm__create_lead`) or pattern (`crm__*`); the exact
 * name wins, then the longest matching pattern; unlisted tools cost one request and $0.
 */
import type { ToolCost } from '../../../contract/index.js';
import type { CallCharge } from '../../gateway/index.js';

const unlisted: ToolCost = { usd: 0, requests: 1 };

/** `crm__*` → /^crm__.*$/; every other character literal. */
const patternOf = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** Looks names up in `costs`, compiling the patterns once. */
export function toolCosts(costs: Readonly<Record<string, ToolCost>>): (canonicalName: string) => ToolCost {
  const patterns = Object.entries(costs)
    .filter(([name]) => name.includes('*'))
    .sort(([left], [right]) => right.length - left.length)
    .map(([name, cost]) => [patternOf(name), cost] as const);
  return (canonicalName) =>
    costs[canonicalName] ?? patterns.find(([pattern]) => pattern.test(canonicalName))?.[1] ?? unlisted;
}

/** The budget charge of one call: no tokens, the tool's requests and price. */
export const toolCharge = (cost: ToolCost): CallCharge => ({ usd: cost.usd, tokens: 0, requests: cost.requests });
