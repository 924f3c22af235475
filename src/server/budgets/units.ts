/**
 * Counters hold integers: USD as nano-dollars (1e-9 USD: a single-token price is ~1e-7 USD, and
 * 2^53 nano-dollars is ~9 million USD per counter and period), tokens and requests as themselves.
 */
import type { BudgetUnit } from '../../contract/index.js';

const scale: Record<BudgetUnit, number> = { usd: 1e9, tokens: 1, requests: 1 };

/** Amount in the unit → integer base units, rounded up so a reservation never under-counts. */
export const toBaseUnits = (unit: BudgetUnit, amount: number): number => Math.ceil(amount * scale[unit] - 1e-6);

/** Integer base units → amount in the unit. */
export const fromBaseUnits = (unit: BudgetUnit, base: number): number => base / scale[unit];

/** A limit → integer base units, rounded down so rounding never lets spend pass the limit. */
export const limitToBaseUnits = (unit: BudgetUnit, limit: number): number => Math.floor(limit * scale[unit] + 1e-6);
