/**
 * IBANs (ISO 13616), compact (`DE89370400440532013000`) or printed in groups (`DE89 3704 0044 …`):
 * a country code with a registered length, two check digits, and a mod-97 remainder of 1. The
 * length table says where a grouped IBAN ends, so the word after it is never swallowed.
 */
import { mod97 } from './checksums.js';
import { ibanLengths } from './iban-lengths.js';
import type { PiiSpan } from './pii-span.js';

const startPattern = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?=[ ]?[A-Za-z0-9])/g;

/** Spans of IBANs in `text`. */
export function detectIbans(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  startPattern.lastIndex = 0;
  for (let match = startPattern.exec(text); match !== null; match = startPattern.exec(text)) {
    const length = ibanLengths.get(match[0].slice(0, 2));
    if (length === undefined) continue;
    const found = readIban(text, { start: match.index, length });
    if (found === undefined) continue;
    spans.push({ start: match.index, end: found.end, dataClass: 'iban', detector: 'iban' });
    startPattern.lastIndex = found.end;
  }
  return spans;
}

/** Reads `length` letters and digits from `start`, single spaces allowed between them. */
function readIban(text: string, at: { start: number; length: number }): { end: number } | undefined {
  let compact = '';
  let index = at.start;
  while (compact.length < at.length && index < text.length) {
    const code = text.charCodeAt(index);
    if (isAlphanumeric(code)) {
      compact += text[index];
      index += 1;
    } else if (code === 0x20 && compact.length >= 4 && isAlphanumeric(text.charCodeAt(index + 1))) index += 1;
    else break;
  }
  // Shorter, or glued to more letters and digits: not an IBAN of this country.
  if (compact.length < at.length || isAlphanumeric(text.charCodeAt(index))) return undefined;
  const normalised = compact.toUpperCase();
  return mod97(normalised.slice(4) + normalised.slice(0, 4)) === 1 ? { end: index } : undefined;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
