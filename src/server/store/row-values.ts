/**
 * Timestamps arrive as `Date` from both drivers (node-postgres's timestamptz parser); the contract carries ISO
 * strings. Accepting a string too keeps the mapping right if a column is ever selected as text.
 */
export function toIsoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}

/** As {@link toIsoString}, keeping SQL NULL as null. */
export function toIsoStringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIsoString(value);
}
