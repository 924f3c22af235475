/**
 * Edits one top-level field of a JSON object text without re-serialising the rest, so a
 * pass-through call forwards the client's body byte for byte except for what must change
 * (the model id). The text must be valid JSON (it was parsed at admission).
 */

/** Span [start, end) of the value of top-level `key`, or undefined when absent. */
export function findTopLevelValue(text: string, key: string): { start: number; end: number } | undefined {
  let depth = 0;
  let expectKey = false;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const char = text.charCodeAt(index);
    if (char === 0x22 /* " */) {
      const stringEnd = skipString(text, index);
      if (depth === 1 && expectKey) {
        const name = text.slice(index + 1, stringEnd - 1);
        let cursor = stringEnd;
        while (text.charCodeAt(cursor) !== 0x3a /* : */) cursor += 1;
        cursor += 1;
        while (isSpace(text.charCodeAt(cursor))) cursor += 1;
        const valueEnd = skipValue(text, cursor);
        if (name === key) return { start: cursor, end: valueEnd };
        index = valueEnd;
        expectKey = false;
        continue;
      }
      index = stringEnd;
      continue;
    }
    if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
      expectKey = char === 0x7b && depth === 1;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth -= 1;
    else if (char === 0x2c /* , */ && depth === 1) expectKey = true;
    index += 1;
  }
  return undefined;
}

/** Replaces (or appends) top-level `key` with an already-serialised JSON value. */
export function spliceJsonField(text: string, key: string, jsonValue: string): string {
  const span = findTopLevelValue(text, key);
  if (span) return text.slice(0, span.start) + jsonValue + text.slice(span.end);
  const close = text.lastIndexOf('}');
  const hasFields = /[^\s{]/.test(text.slice(text.indexOf('{') + 1, close));
  return `${text.slice(0, close)}${hasFields ? ',' : ''}${JSON.stringify(key)}:${jsonValue}${text.slice(close)}`;
}

/**
 * Span of top-level `key` when it is among the LAST fields of the object, found from the end: usage
 * sits at the tail of provider responses, and an embeddings body can be megabytes of vectors before
 * it. A candidate counts only if everything after its value is more `,"key":value` fields and the
 * closing brace: that proves it is at depth 1. Undefined when not found this way.
 */
export function findTrailingTopLevelValue(text: string, key: string): { start: number; end: number } | undefined {
  const needle = JSON.stringify(key);
  for (let at = text.lastIndexOf(needle); at > 0; at = text.lastIndexOf(needle, at - 1)) {
    let before = at - 1;
    while (before > 0 && isSpace(text.charCodeAt(before))) before -= 1;
    const previous = text.charCodeAt(before);
    if (previous !== 0x2c /* , */ && previous !== 0x7b /* { */) continue;
    let cursor = at + needle.length;
    while (isSpace(text.charCodeAt(cursor))) cursor += 1;
    if (text.charCodeAt(cursor) !== 0x3a /* : */) continue;
    cursor += 1;
    while (isSpace(text.charCodeAt(cursor))) cursor += 1;
    const start = cursor;
    const end = skipValue(text, start);
    if (closesTopLevel(text, end)) return { start, end };
  }
  return undefined;
}

/** True when `text` from `index` is only further `,"key":value` fields, the closing brace and space. */
function closesTopLevel(text: string, index: number): boolean {
  let cursor = index;
  for (;;) {
    while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor += 1;
    const char = text.charCodeAt(cursor);
    if (char === 0x7d /* } */) {
      cursor += 1;
      while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor += 1;
      return cursor === text.length;
    }
    if (char !== 0x2c /* , */) return false;
    cursor += 1;
    while (isSpace(text.charCodeAt(cursor))) cursor += 1;
    if (text.charCodeAt(cursor) !== 0x22) return false;
    cursor = skipString(text, cursor);
    while (isSpace(text.charCodeAt(cursor))) cursor += 1;
    if (text.charCodeAt(cursor) !== 0x3a) return false;
    cursor += 1;
    while (isSpace(text.charCodeAt(cursor))) cursor += 1;
    cursor = skipValue(text, cursor);
  }
}

/** A number, true, false or null ends at a comma, a closing bracket or space. */
function endsPrimitive(char: number): boolean {
  return char === 0x2c || char === 0x7d || char === 0x5d || isSpace(char);
}

function isSpace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}

function skipString(text: string, start: number): number {
  let index = start + 1;
  for (;;) {
    const char = text.charCodeAt(index);
    if (char === 0x5c /* \ */) index += 2;
    else if (char === 0x22) return index + 1;
    else index += 1;
  }
}

function skipValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 0x22) return skipString(text, start);
  if (first !== 0x7b && first !== 0x5b) {
    let index = start;
    while (index < text.length && !endsPrimitive(text.charCodeAt(index))) index += 1;
    return index;
  }
  let depth = 0;
  let index = start;
  for (;;) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      index = skipString(text, index);
      continue;
    }
    if (char === 0x7b || char === 0x5b) depth += 1;
    else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
}
