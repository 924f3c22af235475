/** A cell: empty strings, null and undefined render as `-`. */
export type Cell = string | number | null | undefined;

/** Renders rows as left-aligned columns, two spaces apart, under a header row; no trailing spaces. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [headers, ...rows.map((row) => headers.map((_, index) => cellText(row[index])))];
  const widths = headers.map((_, index) => Math.max(...lines.map((line) => line[index]?.length ?? 0)));
  return lines
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** An ISO timestamp as `YYYY-MM-DD HH:MM:SS` in UTC; anything unparseable is returned as is. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '-';
  return String(cell);
}
