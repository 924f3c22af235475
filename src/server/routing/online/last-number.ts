/**
 * The number an answer ends on, read one way for the cascade (does the cheap model agree with itself?) and for
 * the shadow grader (does the served answer match the reference?): with two readings, the cascade and its
 * measurement disagreed on `1,000,000` (the cascade read 0), `-5e-1` (-1), `1,2345`, `1e3` and `0.1 + 0.2`.
 */

/**
 * A number as answers write it: optional minus, digits with an optional fraction or a bare fraction (`.5`), an
 * optional exponent. Not preceded by a letter, digit or dot, so `10-20` ends on 20 (a range, not -20) and the
 * `2` of `H2O` or `v1.2` is no number.
 */
const numberPattern = /(?<![\p{L}\p{N}_.])-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?/giu;

/** A comma between digit groups of three (`1,234,567`), not a list (`1,2345`, `3,4`). */
const thousandsSeparator = /(\d),(?=\d{3}(?!\d))/g;

/** The last number stated in `text` (thousands separators allowed), or undefined when it states none. */
export function lastNumber(text: string): number | undefined {
  const numbers = text.replace(thousandsSeparator, '$1').match(numberPattern);
  const last = numbers?.at(-1);
  if (last === undefined) return undefined;
  const value = Number(last);
  // `1e999` is Infinity: no answer states that, so it states no number.
  return Number.isFinite(value) ? value : undefined;
}

/** Equal within 1e-6 relative: `0.30000000000000004` is `0.3`, `1234.5000001` is `1234.5`. */
export function sameNumber(first: number, second: number): boolean {
  return first === second || Math.abs(first - second) <= 1e-6 * Math.max(Math.abs(first), Math.abs(second));
}
