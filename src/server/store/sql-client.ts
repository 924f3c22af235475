/**
 * The store's one seam to a database. Both drivers speak PostgreSQL through node-postgres (PGlite via its
 * pg-compatible adapter), so the SQL, the `$1..$n` placeholders and the JS types of the results are the same.
 */

/**
 * Which engine answers: `embedded`, the PostgreSQL server Podium runs itself on its data dir (or a throwaway
 * one); `postgres`, a server at PODIUM_DATABASE_URL. `pglite` is only the reader of data dirs written by the
 * PGlite versions, for their import: nothing at runtime opens PGlite.
 */
export type SqlDriver = 'embedded' | 'postgres' | 'pglite';

/** Something that runs one parameterised statement: the client itself or an open transaction. */
export interface SqlExecutor {
  /**
   * Runs `text` with `$1..$n` bound to `params` and returns the rows. `Row` is trusted, not checked:
   * repositories own the mapping from snake_case rows to contract types.
   */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A connection (pool) to one database. */
export interface SqlClient extends SqlExecutor {
  readonly driver: SqlDriver;
  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection, rolling back if it throws. Inside `fn` use only `tx`:
   * PGlite has a single connection, so a query on the client itself would wait for the transaction forever.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Ends every connection (and, for PGlite, the embedded database). */
  close(): Promise<void>;
  /**
   * PGlite only: runs `COPY (<select>) TO '/dev/blob'` (PGlite's in-memory target) in text format and
   * returns the text. Reading a large
   * result this way is ~3x faster than row by row through the adapter (measured on 100,000 audit entries),
   * because the rows never become protocol messages. No parameters: the caller inlines safe literals.
   */
  copyOut?: ((select: string) => Promise<string>) | undefined;
}
