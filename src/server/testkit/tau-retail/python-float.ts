/**
 * Python's float semantics where the ported tools' output depends on them: `repr(float)` (what
 * `json.dumps` and `str(tuple)` print) and `round(x, 2)` (correctly rounded, ties to even).
 */

/** `repr(value)` for a Python float: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, always a `.0`. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the same shortest round-trip digits as Python's repr.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    const power = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits.slice(0, 1)}${rest === '' ? '' : `.${rest}`}e${exponent < 0 ? '-' : '+'}${power}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${integer}.${fraction === '' ? '0' : fraction}`;
}

/**
 * Python's `round(value, 2)` on a float. `toFixed` rounds the exact binary value too, but breaks
 * exact ties upwards where Python breaks them to even; a tie at two decimals needs the value to be
 * an odd multiple of 1/8 (x = k/8 with 125·k ending in 5), so those are handled apart.
 */
export function pythonRound2(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const eighths = value * 8;
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    const hundredths = Math.floor(value * 100);
    const even = hundredths % 2 === 0 ? hundredths : hundredths + 1;
    return even / 100;
  }
  return Number(value.toFixed(2));
}
