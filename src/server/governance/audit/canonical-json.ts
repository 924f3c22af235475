/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, strings and numbers exactly as
 * `JSON.stringify` writes them. That is RFC 8785 (JCS) for every value JSON can carry, so a verifier in
 * another language can recompute our hashes with an off-the-shelf JCS library.
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
