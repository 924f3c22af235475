/**
 * What checking a reviewed PostgreSQL statement needs to know from its text: the `$n` placeholders it really
 * uses, and whether a second statement follows a `;`. A `$2` or a `;` inside a string literal, a quoted
 * identifier, a comment or a dollar-quoted body is text: counting it would accept a statement that binds fewer
 * values than it declares, or refuse a correct one.
 */
export interface SqlScan {
  /** Sorted, distinct placeholder numbers (`$1` → 1). */
  readonly placeholders: number[];
  /** Something other than whitespace and comments follows a top-level `;`. */
  readonly multipleStatements: boolean;
}

/** Scans `sql` once, skipping literals, quoted identifiers, comments and dollar-quoted bodies. */
export function scanSql(sql: string): SqlScan {
  const found = new Set<number>();
  let afterSemicolon = false;
  let multipleStatements = false;
  let at = 0;
  while (at < sql.length) {
    const char = sql[at];
    const next = sql[at + 1];
    if (char === '-' && next === '-') at = skipLineComment(sql, at);
    else if (char === '/' && next === '*') at = skipBlockComment(sql, at);
    else if (char !== undefined && /\s/.test(char)) at += 1;
    else {
      if (afterSemicolon && char !== ';') multipleStatements = true;
      if (char === ';') afterSemicolon = true;
      at = skipToken(sql, at, found);
    }
  }
  return { placeholders: [...found].sort((a, b) => a - b), multipleStatements };
}

/** Past one token starting at `at`, noting a placeholder in `found`. */
function skipToken(sql: string, at: number, found: Set<number>): number {
  const char = sql[at] ?? '';
  if (char === "'") return isEscapeString(sql, at) ? skipEscapeString(sql, at) : skipQuoted(sql, at, "'");
  if (char === '"') return skipQuoted(sql, at, '"');
  if (char === '$') return readDollar(sql, at, found);
  if (isIdentifierChar(char)) return skipWord(sql, at);
  return at + 1;
}

const isIdentifierChar = (char: string): boolean => /[A-Za-z0-9_\u0080-\uffff]/.test(char);

/** A word (`abc$1` is one identifier in PostgreSQL: `$` continues a word, it does not start a placeholder there). */
function skipWord(sql: string, at: number): number {
  let end = at;
  while (end < sql.length && (isIdentifierChar(sql[end] ?? '') || sql[end] === '$')) end += 1;
  return end;
}

function skipLineComment(sql: string, at: number): number {
  const end = sql.indexOf('\n', at);
  return end === -1 ? sql.length : end + 1;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(sql: string, at: number): number {
  let depth = 0;
  let index = at;
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (sql.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else index += 1;
  }
  return sql.length;
}

/** `E'…'` strings take backslash escapes; standard strings only double the quote. */
function isEscapeString(sql: string, at: number): boolean {
  const before = sql[at - 1];
  return (before === 'E' || before === 'e') && !isIdentifierChar(sql[at - 2] ?? ' ');
}

/** A standard string or a quoted identifier: a doubled quote is part of it. */
function skipQuoted(sql: string, at: number, quote: string): number {
  let index = at + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (char === quote && sql[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return sql.length;
}

function skipEscapeString(sql: string, at: number): number {
  let index = at + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (char === '\\') index += 2;
    else if (char === "'" && sql[index + 1] === "'") index += 2;
    else if (char === "'") return index + 1;
    else index += 1;
  }
  return sql.length;
}

/** A `$n` placeholder, or a `$tag$ … $tag$` string (skipped whole). */
function readDollar(sql: string, at: number, found: Set<number>): number {
  const digits = /^\$([0-9]+)/.exec(sql.slice(at, at + 12));
  if (digits?.[1] !== undefined) {
    found.add(Number(digits[1]));
    return at + digits[0].length;
  }
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 70));
  if (tag === null) return at + 1;
  const end = sql.indexOf(tag[0], at + tag[0].length);
  return end === -1 ? sql.length : end + tag[0].length;
}
