import { quoteIdentifier, type TableShape } from './schema-shape.js';
import type { SqlExecutor } from './sql-client.js';

/** What both sides of an import must agree on, per table. */
export interface TableChecksum {
  table: string;
  rows: number;
  /** Sum over rows of the first 60 bits of md5(the row's text), as decimal text: order-free, exact, O(1) memory. */
  checksum: string;
}

/**
 * Settings that fix how values print as text, so a row's text (and so its checksum) is the same in PGlite
 * and in any PostgreSQL server whatever its configuration: time zone and date style for timestamps,
 * shortest-exact floats, hex bytea.
 */
export const textOutputSettings: readonly (readonly [string, string])[] = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, YMD'],
  ['IntervalStyle', 'postgres'],
  ['extra_float_digits', '1'],
  ['bytea_output', 'hex'],
];

/** Applies {@link textOutputSettings}; `local` limits them to the current transaction. */
export async function setTextOutput(sql: SqlExecutor, local: boolean): Promise<void> {
  for (const [name, value] of textOutputSettings)
    await sql.query(`SELECT set_config($1, $2, $3)`, [name, value, local]);
}

/**
 * Counts a table's rows and sums a 60-bit hash of each row's text. Computed by the database, so a large
 * table is never held in this process; an aggregate, so row order (which differs after a copy) does not matter.
 */
export async function tableChecksum(sql: SqlExecutor, table: TableShape): Promise<TableChecksum> {
  const row = `ROW(${table.columns.map((column) => quoteIdentifier(column.name)).join(', ')})::text`;
  const [result] = await sql.query<{ rows: number; checksum: string }>(
    `SELECT count(*)::bigint AS rows,
            coalesce(sum(('x' || substr(md5(${row}), 1, 15))::bit(60)::bigint::numeric), 0)::text AS checksum
       FROM ${quoteIdentifier(table.name)}`,
  );
  return { table: table.name, rows: result?.rows ?? 0, checksum: result?.checksum ?? '0' };
}
