/**
 * Phone numbers, international (`+44 20 7946 0958`, `0044 …`, `+14155552671`) and in common national
 * formats: North American (`(415) 555-2671`, `415.555.2671`, `1-415-555-2671`) and trunk-prefixed
 * European ones (`020 7946 0958`, `06 12 34 56 78`, `030 1234567`). The candidate is the whole run of
 * digit groups, judged as one: a phone-shaped piece of a longer number (`98765415-555-2671`,
 * `12 415 555 2671 99`) is not a phone. Bare national digit runs (`4155552671`) are not flagged:
 * without a `+` or grouping they are as likely order or account numbers.
 */
import type { PiiSpan } from './pii-span.js';

const candidatePattern = /(?<![\w+\-./@#$€£¥,])(?:\+|\(\+?)?\d[\d\-. ()]{5,24}\d(?![\w@]|[.\-,:/]\d)/g;

interface Groups {
  /** Length of each digit group, in order. */
  digits: number[];
  /** Separators seen between groups (besides parentheses). */
  dashes: boolean;
  dots: boolean;
}

/** Spans of phone numbers in `text`. */
export function detectPhones(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  candidatePattern.lastIndex = 0;
  for (let match = candidatePattern.exec(text); match !== null; match = candidatePattern.exec(text)) {
    if (isPhone(match[0]))
      spans.push({ start: match.index, end: match.index + match[0].length, dataClass: 'phone', detector: 'phone' });
  }
  return spans;
}

/** True when a candidate run of digit groups has the digit count and grouping of a phone number. */
export function isPhone(candidate: string): boolean {
  const groups = splitGroups(candidate);
  if (!groups) return false;
  const total = groups.digits.reduce((sum, length) => sum + length, 0);
  const first = candidate.charCodeAt(0) === 0x28 /* ( */ ? candidate.charCodeAt(1) : candidate.charCodeAt(0);
  if (first === 0x2b /* + */) return plausibleInternational(groups, total);
  if (first === 0x30 /* 0 */) {
    const second = candidate.charCodeAt(candidate.charCodeAt(0) === 0x28 ? 2 : 1);
    return second === 0x30 ? plausibleInternational(withoutExitCode(groups), total - 2) : plausibleTrunk(groups, total);
  }
  return plausibleNorthAmerican(candidate, groups);
}

/**
 * Digit group lengths, or undefined when the separators are not those of a written phone number:
 * one space, dash or dot between groups (a parenthesis may stand next to one), at most one pair of
 * parentheses, and not dashes mixed with dots (`2024-01.15` is no phone).
 */
function splitGroups(candidate: string): Groups | undefined {
  const digits: number[] = [];
  let dashes = false;
  let dots = false;
  let opened = 0;
  let closed = 0;
  let run = 0;
  let gap = 0;
  for (let index = 0; index < candidate.length; index += 1) {
    const code = candidate.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) {
      if (run === 0 && digits.length > 0 && gap > 1) return undefined;
      run += 1;
      gap = 0;
      continue;
    }
    if (run > 0) digits.push(run);
    run = 0;
    if (code === 0x28) opened += 1;
    else if (code === 0x29) closed += 1;
    else if (code !== 0x2b) {
      gap += 1;
      if (code === 0x2d) dashes = true;
      else if (code === 0x2e) dots = true;
    }
  }
  if (run > 0) digits.push(run);
  if ((dashes && dots) || opened > 1 || opened !== closed) return undefined;
  return { digits, dashes, dots };
}

function plausibleInternational(groups: Groups, total: number): boolean {
  if (groups.digits.length === 1) return total >= 10 && total <= 15;
  if (total < 8 || total > 15 || groups.digits.length > 7) return false;
  const [countryCode = 0, ...rest] = groups.digits;
  if (countryCode > 4) return false;
  // One single-digit group may follow the country code (`+33 6 …`, `+1 (415)`); elsewhere groups have 2–8 digits.
  return rest.every((length, index) => (length >= 2 && length <= 8) || (index === 0 && length === 1));
}

/** `0044 20 …` or `00 44 20 …`: the `00` exit code stands for `+`. */
function withoutExitCode(groups: Groups): Groups {
  const [first = 0, ...rest] = groups.digits;
  return { ...groups, digits: first === 2 ? rest : [first - 2, ...rest] };
}

function plausibleTrunk(groups: Groups, total: number): boolean {
  const [first = 0, ...rest] = groups.digits;
  if (rest.length === 0 || total < 9 || total > 12 || groups.digits.length > 6) return false;
  if (first < 2 || first > 5) return false;
  if (isDottedQuad(groups)) return false;
  return rest.every((length) => length >= 2 && length <= 8);
}

/** NANP: area code and exchange start 2–9; `[1] 3-3-4`. */
function plausibleNorthAmerican(candidate: string, groups: Groups): boolean {
  const shape = groups.digits.join('-');
  const digits = candidate.replace(/\D/g, '');
  const national =
    shape === '3-3-4' ? digits : shape === '1-3-3-4' && digits.startsWith('1') ? digits.slice(1) : undefined;
  if (national === undefined) return false;
  return national.charCodeAt(0) >= 0x32 && national.charCodeAt(3) >= 0x32;
}

/** `010.10.10.10`: an IPv4 address with leading zeros, not a phone. */
function isDottedQuad(groups: Groups): boolean {
  return groups.dots && groups.digits.length === 4 && groups.digits.every((length) => length <= 3);
}
