/** Python's `repr` of a str: how state hashes and KeyError messages print text. */

const plain = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/** Python's `repr(str)`: single quotes unless the text holds a `'` and no `"`; control characters escaped. */
export function pythonStringRepr(text: string): string {
  // Most text is plain printable ASCII without quotes or backslashes: nothing to escape.
  if (plain.test(text)) return `'${text}'`;
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === quote || character === '\\') out += `\\${character}`;
    else if (character === '\n') out += '\\n';
    else if (character === '\r') out += '\\r';
    else if (character === '\t') out += '\\t';
    // Python prints C0/C1 controls, DEL and the soft hyphen escaped; other characters are printable as-is.
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad)
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += character;
  }
  return out + quote;
}
