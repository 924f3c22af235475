import { PodiumError } from '../../contract/index.js';
import type { SqlExecutor } from './sql-client.js';

/** One column as the catalog declares it: its name and its type, spelled so it can be a cast target. */
export interface ColumnShape {
  name: string;
  type: string;
}

export interface TableShape {
  name: string;
  /** In column order, generated columns left out (they are computed again on insert). */
  columns: ColumnShape[];
}

/** The tables and sequences of the current schema, as the catalog knows them. */
export interface SchemaShape {
  /** Ordered so that a table comes after every table its foreign keys reference. */
  tables: TableShape[];
  sequences: string[];
}

/** `"name"`, safe for any identifier the catalog returns (the ledger has a column named `limit`). */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads the current schema's plain tables (with their columns) and sequences from the catalog rather than
 * from a list in code, so a table a later migration adds is copied without anyone remembering to.
 */
export async function readSchemaShape(sql: SqlExecutor): Promise<SchemaShape> {
  const columns = await sql.query<{ table_name: string; column_name: string; column_type: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition
      ORDER BY c.relname, a.attnum`,
  );
  const references = await sql.query<{ table_name: string; referenced: string }>(
    `SELECT c.relname AS table_name, r.relname AS referenced
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const sequences = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const tables = new Map<string, TableShape>();
  for (const row of columns) {
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    table.columns.push({ name: row.column_name, type: row.column_type });
    tables.set(row.table_name, table);
  }
  return { tables: inReferenceOrder([...tables.values()], references), sequences: sequences.map((row) => row.name) };
}

/**
 * Referenced tables first (a depth-first topological sort), so rows can be inserted with every foreign key
 * checked as it goes: Podium's constraints are not DEFERRABLE, and disabling them (session_replication_role)
 * needs a superuser, which a managed PostgreSQL does not give. A table referencing itself is left to
 * row order; Podium has none.
 */
function inReferenceOrder(
  tables: TableShape[],
  references: readonly { table_name: string; referenced: string }[],
): TableShape[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: TableShape[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) !== undefined) return;
    state.set(name, 'visiting');
    for (const reference of references) {
      if (
        reference.table_name === name &&
        reference.referenced !== name &&
        state.get(reference.referenced) !== 'visiting'
      )
        visit(reference.referenced);
    }
    state.set(name, 'done');
    const table = byName.get(name);
    if (table !== undefined) ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table.name);
  return ordered;
}

/**
 * Refuses to copy between schemas that differ: both sides must have the same tables with the same columns
 * and types, which is what "migrated by the same release" means.
 * @throws PodiumError `config_invalid` naming the first table or column that differs.
 */
export function assertSameShape(source: SchemaShape, target: SchemaShape): void {
  const targetTables = new Map(target.tables.map((table) => [table.name, table]));
  for (const table of source.tables) {
    const other = targetTables.get(table.name);
    if (other === undefined) throw shapeError(`table ${table.name} is in the PGlite database but not in the target`);
    const describe = (shape: TableShape): string =>
      shape.columns.map((column) => `${column.name} ${column.type}`).join(', ');
    if (describe(table) !== describe(other)) {
      throw shapeError(
        `table ${table.name} has columns (${describe(table)}) in the PGlite database but (${describe(other)}) in the target`,
      );
    }
    targetTables.delete(table.name);
  }
  const [extra] = targetTables.keys();
  if (extra !== undefined)
    throw shapeError(
      `table ${extra} is in the target but not in the PGlite database (give Podium a database or schema of its own)`,
    );
}

function shapeError(detail: string): PodiumError {
  return new PodiumError(
    'config_invalid',
    `the target's schema is not the one this Podium migrates PGlite to: ${detail}`,
  );
}
