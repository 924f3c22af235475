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
