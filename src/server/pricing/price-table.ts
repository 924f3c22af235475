/**
 * Resolves the price of a call: the alias's own `price` first (the catalog asks with the alias for its primary target only), then `pricing:` overrides keyed by
 * the served model id, then the built-in list; date-suffixed ids (`gpt-4o-mini-2024-07-18`,
 * `claude-sonnet-4-5-20250929`) fall back to their undated family.
 */
import type { Usage } from '../../contract/index.js';
import type { Price } from '../config/index.js';
import { builtinPrices } from './builtin-prices.js';

const dateSuffix = /-(\d{4}-\d{2}-\d{2}|\d{8}|latest|preview(-\d{2}-\d{4})?)$/;

export interface PriceTable {
  /** The price for a served model, or undefined when it is unpriced. */
  lookup(options: { alias?: string | undefined; servedModel: string }): Price | undefined;
}

/** Distinct served-model names whose price is memoised. */
export const maxCachedModels = 1_000;

/** Builds the table from config: per-alias prices and `pricing:` overrides. */
export function createPriceTable(options: {
  aliasPrices: Readonly<Record<string, Price | undefined>>;
  overrides: Readonly<Record<string, Price>>;
  /** Where lookups are memoised (tests pass one to see it stays bounded). */
  memo?: Map<string, Price | undefined>;
}): PriceTable {
  const cache = options.memo ?? new Map<string, Price | undefined>();
  const byModel = (model: string): Price | undefined => {
    if (cache.has(model)) return cache.get(model);
    const undated = model.replace(dateSuffix, '');
    const found =
      options.overrides[model] ?? options.overrides[undated] ?? builtinPrices[model] ?? builtinPrices[undated];
    // Served model names can be caller-chosen (`provider/<anything>`): memoise a bounded number, look the rest up each time.
    if (cache.size < maxCachedModels) cache.set(model, found);
    return found;
  };
  return {
    lookup({ alias, servedModel }) {
      return (alias === undefined ? undefined : options.aliasPrices[alias]) ?? byModel(servedModel);
    },
  };
}

/**
 * Cost in USD of one call. Usage totals are inclusive (see contract/usage.ts): cached reads and
 * cache writes are carved out of inputTokens and priced at their own rates.
 */
export function costOf(price: Price, usage: Usage): number {
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  const micros =
    uncachedInput * price.input +
    usage.cacheReadTokens * (price.cachedInput ?? price.input) +
    usage.cacheWriteTokens * (price.cacheWrite ?? price.input) +
    usage.outputTokens * price.output;
  // Round to 1e-10 USD so float noise never shows up in ledgers or chargeback sums.
  return Math.round((micros / 1e6) * 1e10) / 1e10;
}
