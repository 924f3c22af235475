/** The benches' plain-text tables: one formatter so their columns line up the same way. */

/** A figure with fixed decimals, or an em dash when there is none. */
export const show = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));

/** Pads every column to its widest cell: the first `leftColumns` left-aligned (names), the rest right (figures). */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = (rows[0] ?? []).map((_, index) => Math.max(...rows.map((cells) => cells[index]?.length ?? 0)));
  return rows.map((cells) =>
    cells
      .map((cell, index) => (index < leftColumns ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join('  '),
  );
}
