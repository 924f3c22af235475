/**
 * Reads a constraint violation out of a node-postgres error. Both drivers raise the same `DatabaseError`
 * (PGlite through its pg adapter), with the SQLSTATE in `code` and the constraint's name in `constraint`.
 */
export interface ConstraintViolation {
  kind: 'unique' | 'foreign-key';
  /** The constraint's name as declared in the migrations. */
  constraint: string | undefined;
}

const kindBySqlState: Record<string, ConstraintViolation['kind']> = { '23505': 'unique', '23503': 'foreign-key' };

/** The violation behind `error`, or undefined when it is anything else. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const kind = typeof code === 'string' ? kindBySqlState[code] : undefined;
  if (kind === undefined) return undefined;
  return { kind, constraint: typeof constraint === 'string' ? constraint : undefined };
}

/**
 * Whether the database refused the data itself (SQLSTATE class 22 "data exception" — bad encoding, NUL,
 * out-of-range number, invalid text representation — or class 23 "integrity constraint violation"), as
 * opposed to an outage or a connection problem. Retrying a data error can never succeed: the row must
 * be isolated. Anything without a SQLSTATE (a refused connection, a timeout) is not a data error.
 */
export function isDataError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && code.length === 5 && (code.startsWith('22') || code.startsWith('23'));
}
