/** One versioned, forward-only schema change. Applied once, in version order, inside a transaction. */
export interface Migration {
  /** 1, 2, 3 … never reused, never renumbered once released. */
  readonly version: number;
  readonly name: string;
  /** PostgreSQL, runnable unchanged on PGlite and on a server (oldest supported: PostgreSQL 15). */
  readonly sql: string;
}
