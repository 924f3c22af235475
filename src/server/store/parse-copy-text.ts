/**
 * Rows of PostgreSQL's COPY text format (the default of `COPY … TO`): one line per row, columns
 * separated by tabs, `\N` for NULL, and backslash escapes for the characters that would break the
 * layout. Only what COPY TO writes is decoded; see "COPY — File Formats" in the PostgreSQL manual.
 */

const escapes: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The rows of `text`, each an array of column values (null for `\N`). A trailing newline ends the last row. */
export function parseCopyText(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let start = 0;
  let escaped = false;
  const endColumn = (end: number): void => {
    const raw = text.slice(start, end);
    row.push(raw === '\\N' ? null : escaped ? unescape(raw) : raw);
    escaped = false;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 92) {
      // A backslash escapes the next character, which can never be a separator.
      escaped = true;
      index += 1;
    } else if (code === 9) {
      endColumn(index);
      start = index + 1;
    } else if (code === 10) {
      endColumn(index);
      rows.push(row);
      row = [];
      start = index + 1;
    }
  }
  if (start < text.length) {
    endColumn(text.length);
    rows.push(row);
  }
  return rows;
}

function unescape(raw: string): string {
  let out = '';
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index] ?? '';
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = raw[index + 1] ?? '';
    index += 1;
    if (next in escapes) out += escapes[next];
    else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(raw.slice(index))?.[0] ?? next;
      out += String.fromCharCode(Number.parseInt(digits, 8));
      index += digits.length - 1;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(raw[index + 1] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(index + 1))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(digits, 16));
      index += digits.length;
    } else out += next;
  }
  return out;
}
