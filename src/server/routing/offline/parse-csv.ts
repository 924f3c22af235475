/** One CSV record and the 1-based line it starts on (quoted newlines make the two differ). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines — RouteLLM's MMLU prompts
 * do) into records with the line each starts on, so loaders can point at the bad one. Hand-written
 * because it is 40 lines and the project has no CSV dependency.
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  // Spreadsheets often save UTF-8 with a byte-order mark, which would otherwise join the first header name.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    if (char === '\n') line += 1;
    if (quoted) {
      if (char !== '"') field += char;
      else if (body[index + 1] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') {
        index += 1;
        line += 1;
      } else if (char === '\r') line += 1;
      cells.push(field);
      records.push({ cells, line: start });
      cells = [];
      field = '';
      start = line;
    } else field += char;
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ cells, line: start });
  }
  return records;
}

/** Parses CSV into rows of strings (see {@link parseCsvRecords}). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.cells);
}

/** A CSV with a header row: the header (names trimmed), the non-empty data rows and the line each row starts on. */
export function parseCsvWithHeader(text: string): { header: string[]; rows: string[][]; lines: number[] } {
  const [header, ...records] = parseCsvRecords(text);
  if (header === undefined) throw new Error('empty CSV');
  const kept = records.filter((record) => record.cells.length > 1 || record.cells[0] !== '');
  return {
    header: header.cells.map((name) => name.trim()),
    rows: kept.map((record) => record.cells),
    lines: kept.map((record) => record.line),
  };
}
