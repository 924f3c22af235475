/**
 * Payment card numbers: 13–19 digits, bare or grouped as printed (4-4-4-4[-3], Amex 4-6-5, Diners
 * 4-6-4) with spaces or dashes, starting with an issuer prefix (IIN) of a known scheme at a length
 * that scheme issues, and passing the Luhn check. A 16-digit order number fails Luhn nine times in
 * ten and an unknown prefix most of the rest.
 */
import { luhnValid } from './checksums.js';
import type { PiiSpan } from './pii-span.js';

const candidatePattern = /(?<![\w\-./+,@])\d(?:[ -]?\d){12,18}(?![\w@]|[.\-,]\d)/g;

interface IssuerRange {
  /** Inclusive prefix range, compared on the first `digits` digits. */
  from: number;
  to: number;
  digits: number;
  minLength: number;
  maxLength: number;
}

const range = (from: number, to: number, lengths: readonly [number, number]): IssuerRange => ({
  from,
  to,
  digits: String(from).length,
  minLength: lengths[0],
  maxLength: lengths[1],
});

/** Issuer ranges of the major schemes (ISO/IEC 7812 registrations as the schemes publish them). */
const issuers: readonly IssuerRange[] = [
  range(4, 4, [13, 19]), // Visa (13, 16, 19 in practice)
  range(51, 55, [16, 16]), // Mastercard
  range(2221, 2720, [16, 16]), // Mastercard 2-series
  range(34, 34, [15, 15]), // American Express
  range(37, 37, [15, 15]),
  range(300, 305, [14, 19]), // Diners Club
  range(36, 36, [14, 19]),
  range(38, 39, [16, 19]),
  range(3528, 3589, [16, 19]), // JCB
  range(6011, 6011, [16, 19]), // Discover
  range(644, 649, [16, 19]),
  range(65, 65, [16, 19]),
  range(62, 62, [16, 19]), // UnionPay
  range(2200, 2204, [16, 19]), // Mir
  range(50, 50, [13, 19]), // Maestro
  range(56, 58, [13, 19]),
  range(60, 60, [16, 19]), // RuPay, Discover, Maestro
  range(63, 63, [13, 19]),
  range(67, 67, [13, 19]),
];

/** Spans of payment card numbers in `text`. */
export function detectCards(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  candidatePattern.lastIndex = 0;
  for (let match = candidatePattern.exec(text); match !== null; match = candidatePattern.exec(text)) {
    const end = match.index + match[0].length;
    if (!continuesGrouping(text, { start: match.index, end }) && isCardNumber(match[0])) {
      spans.push({ start: match.index, end, dataClass: 'card', detector: 'card' });
      continue;
    }
    // `exp 12/29 4111 1111 1111 1111`: the candidate took a number in front; try again from its next group.
    const separator = match[0].search(/[ -]/);
    if (separator !== -1) candidatePattern.lastIndex = match.index + separator + 1;
  }
  return spans;
}

/** True when a candidate is printed like a card number, has a known issuer prefix and passes Luhn. */
export function isCardNumber(candidate: string): boolean {
  // One pass for digits and group lengths; Luhn (nine in ten random numbers fail it) before the rest.
  let digits = '';
  let separator = 0;
  const groups: number[] = [];
  let run = 0;
  for (let index = 0; index < candidate.length; index += 1) {
    const code = candidate.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) {
      digits += candidate[index];
      run += 1;
      continue;
    }
    if (separator !== 0 && code !== separator) return false;
    separator = code;
    groups.push(run);
    run = 0;
  }
  groups.push(run);
  if (!luhnValid(digits) || !knownIssuer(digits)) return false;
  return groups.length === 1 || cardGrouping(groups);
}

/**
 * `1234 4111 1111 1111 1111`: a candidate with another group of four digits glued on by a space or
 * dash is a slice of a longer grouped number (an account or a reference), not a card.
 */
function continuesGrouping(text: string, found: { start: number; end: number }): boolean {
  const isDigit = (index: number): boolean => {
    const code = text.charCodeAt(index);
    return code >= 0x30 && code <= 0x39;
  };
  const isSeparator = (index: number): boolean => text[index] === ' ' || text[index] === '-';
  const after = found.end;
  if (
    isSeparator(after) &&
    isDigit(after + 1) &&
    isDigit(after + 2) &&
    isDigit(after + 3) &&
    isDigit(after + 4) &&
    !isDigit(after + 5)
  )
    return true;
  const before = found.start - 1;
  return (
    isSeparator(before) &&
    isDigit(before - 1) &&
    isDigit(before - 2) &&
    isDigit(before - 3) &&
    isDigit(before - 4) &&
    !isDigit(before - 5)
  );
}

function cardGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4))
    return true;
  // 4-4-4-4, 4-4-4-1 (13-digit Visa), 4-4-4-4-3 (19 digits): every group of four but a shorter last.
  const last = lengths.at(-1) ?? 0;
  return lengths.length >= 4 && lengths.slice(0, -1).every((length) => length === 4) && last >= 1 && last <= 4;
}

function knownIssuer(digits: string): boolean {
  const length = digits.length;
  return issuers.some((issuer) => {
    if (length < issuer.minLength || length > issuer.maxLength) return false;
    const prefix = Number(digits.slice(0, issuer.digits));
    return prefix >= issuer.from && prefix <= issuer.to;
  });
}
