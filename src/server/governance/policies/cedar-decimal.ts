/**
 * JSON numbers as Cedar sees them. Cedar has no floating point: a fractional number is a `decimal`
 * (the extension type: at most 4 decimal places, about ±922 trillion), compared with
 * `.greaterThan(decimal("100.0"))` and friends — `<` and `>` are for Longs only.
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';

const largestDecimal = 922_337_203_685_477;

/** The Cedar `decimal` equal to `value`, or undefined when none is (more than 4 decimal places, or out of range). */
export function cedarDecimal(value: number): CedarValueJson | undefined {
  if (!Number.isFinite(value) || Math.abs(value) > largestDecimal) return undefined;
  // The shortest text that reads back as the same double: exactly the digits the caller sent.
  const text = String(value);
  if (text.includes('e')) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length > 4) return undefined;
  return { __extn: { fn: 'decimal', arg: `${whole}.${fraction || '0'}` } };
}

/** Why a number cannot be given to Cedar, for a 400 naming the field. */
export const undecimalMessage = (value: number): string =>
  `${value} cannot be given to policies exactly (Cedar decimals have at most 4 decimal places, up to ±922337203685477)`;
