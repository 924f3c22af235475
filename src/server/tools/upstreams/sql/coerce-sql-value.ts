import type { SqlParam } from '../../../../contract/index.js';

/** Longest string bound to a parameter, in characters: a model cannot ship megabytes into a WHERE clause. */
export const maxStringParamLength = 100_000;

const integerText = /^-?[0-9]{1,19}$/;
const numberText = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?$/;
const int8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** The value bound for a parameter, or why `value` is not one (a phrase that follows the field's name). */
export type Coerced = { ok: true; value: string | boolean } | { ok: false; problem: string };

/**
 * Strict coercion by declared type. Numbers may come as JSON numbers or as their exact decimal text (models
 * often quote them), nothing looser: "12abc", 1.5 for an integer, or "yes" for a boolean are refused rather
 * than guessed at. Numbers are bound as text so PostgreSQL, not a JS double, decides their precision.
 */
export function coerceSqlValue(type: SqlParam['type'], value: unknown): Coerced {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return { ok: false, problem: 'must be a string' };
      if (value.length > maxStringParamLength)
        return { ok: false, problem: `must be at most ${maxStringParamLength} characters` };
      return { ok: true, value };
    case 'integer':
      return coerceInteger(value);
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value: String(value) };
      if (typeof value === 'string' && value.length <= 64 && numberText.test(value)) return { ok: true, value };
      return { ok: false, problem: 'must be a finite number' };
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, problem: 'must be a boolean' };
  }
}

function coerceInteger(value: unknown): Coerced {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? { ok: true, value: String(value) }
      : { ok: false, problem: 'must be an integer (a whole number within ±2^53, or its decimal text)' };
  }
  if (typeof value === 'string' && integerText.test(value)) {
    const parsed = BigInt(value);
    if (parsed >= int8.min && parsed <= int8.max) return { ok: true, value: parsed.toString() };
  }
  return { ok: false, problem: 'must be an integer' };
}
