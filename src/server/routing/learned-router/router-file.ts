import { compileRouter, type CompiledRouter, type LinearRouter } from './linear-router.js';

/** Significant digits kept per hashed-bucket and embedding weight in a router file. */
export const weightDigits = 7;

// Only the weight arrays are shortened: they are ~all of the file (2^14 numbers per candidate). Costs,
// intercepts, λ and the reference's mean cost are written exactly: in dollars they are 1e-7–1e-2, so
// any fixed number of decimals zeroes the per-token costs the router trades quality against.
const weightArrays = new Set(['weights', 'embeddingWeights']);

/**
 * A router as the text of its file. Weights keep {@link weightDigits} significant digits, everything
 * else full precision, so read back with {@link readRouterFile} it routes as the router in memory does:
 * on MMLU-Pro's validation prompts 5 digits already left the cost and quality at all 37 swept λ
 * unchanged (4 moved some), 7 keep a margin; the file is half the size of full precision (0.18 MB per candidate).
 */
export function writeRouterFile(router: LinearRouter): string {
  return JSON.stringify(router, function shorten(this: unknown, key: string, value: unknown) {
    if (!weightArrays.has(key) || !Array.isArray(value)) return value;
    return value.map((weight: unknown) =>
      typeof weight === 'number' && weight !== 0 ? Number(weight.toPrecision(weightDigits)) : weight,
    );
  });
}

/** Parses a router file's text; rejects anything that is not a router this version wrote. */
export function readRouterFile(text: string): CompiledRouter {
  return compileRouter(JSON.parse(text));
}
