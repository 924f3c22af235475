/**
 * A database value as JSON that says what it is. node-postgres hands back exact numbers as text already (the
 * pool keeps int8 and numeric as strings); what remains is to make the rest survive `JSON.stringify` without
 * silently changing: bytea as base64 (a Buffer would become `{type, data: [...]}`), timestamps as ISO
 * strings, NaN and ±Infinity (float or timestamp) as their text rather than `null`, bigints as strings.
 */
export function jsonSafeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafeValue);
  if (typeof value === 'object') {
    // json/jsonb columns, already parsed: plain data, passed as it is (their numbers are JSON's own).
    return value;
  }
  // No column type parses to a function or a symbol; were one to, it has no JSON form.
  return null;
}

/** Every column of a row made JSON-safe. */
export function jsonSafeRow(row: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) safe[column] = jsonSafeValue(value);
  return safe;
}
