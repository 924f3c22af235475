/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines — RouteLLM's MMLU prompts
 * do) into rows of strings. Hand-written because it is 30 lines and the project has no CSV dependency.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV with a header row, as the header and the data rows. */
export function parseCsvWithHeader(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new Error('empty CSV');
  return { header, rows: rows.filter((row) => row.length > 1 || row[0] !== '') };
}
