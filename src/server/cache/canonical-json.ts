/**
 * JSON text that is the same for the same data whatever order the client wrote its keys in: the
 * exact cache hashes it, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request.
 */

/** Serialises with object keys sorted at every depth; array order is kept (it is meaningful). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const field = record[key];
    // JSON.stringify drops undefined members; so must we, or `{a: undefined}` and `{}` would differ.
    if (field === undefined) continue;
    fields.push(`${JSON.stringify(key)}:${canonicalJson(field)}`);
  }
  return `{${fields.join(',')}}`;
}
