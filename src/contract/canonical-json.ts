/**
 * The one canonical JSON of Podium: the audit chain hashes it, the response cache keys on it, the cascade and
 * the shadow grader compare answers with it. Object keys sorted by UTF-16 code unit, no whitespace, strings and
 * numbers exactly as `JSON.stringify` writes them: RFC 8785 (JCS) for every value JSON can carry, so a verifier
 * in another language can recompute the audit hashes with an off-the-shelf JCS library.
 *
 * Documented behaviour (tested in canonical-json.test.ts, with fixed vectors the audit chain depends on):
 * - key order: sorted by UTF-16 code unit at every depth (`"A" < "a" < "é" < "😀"`); array order is kept;
 * - `-0` is written `0`, as JCS and `JSON.stringify` do;
 * - an object member whose value is `undefined` is left out, as `JSON.stringify` and the database do;
 * - strings: `JSON.stringify`'s escaping, so a lone surrogate is written `\udXXX` (JCS itself requires valid Unicode);
 * - refused with a TypeError: `NaN`, `±Infinity`, a bigint, a function, a symbol, and `undefined` at the top level
 *   or in an array. Two of the four former copies wrote `null` for these: a hash must not depend on that accident,
 *   and none of the callers can meet one (they serialise parsed JSON or values they built).
 */

/**
 * Serialises `value` canonically: two values that are equal as JSON give the same string whatever their key
 * order. Properties whose value is `undefined` are left out, as `JSON.stringify` and the database do.
 * @throws TypeError for what JSON cannot carry (a non-finite number, a bigint, a function, a top-level undefined).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot carry the number ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot carry a value of type ${typeof value}`);
  }
}

function canonicalArray(values: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) text += ',';
    // JSON.stringify writes null for an undefined array slot; a hash must not depend on that accident.
    text += canonicalJson(values[index]);
  }
  return `${text}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  // Default sort compares UTF-16 code units, which is the order RFC 8785 prescribes.
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * {@link canonicalJson}, or undefined for a value it refuses. Parsed JSON can hold one (`JSON.parse('1e999')` is
 * Infinity), so callers that canonicalise what a client or a model wrote use this and treat such a value as
 * "not comparable" (no cache key, not the same answer) instead of failing the call.
 */
export function tryCanonicalJson(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
