/**
 * National identity numbers, each with the validity rules its issuer publishes:
 * - US Social Security number, written `536-22-1234` or `536 22 1234` (bare nine-digit runs are too
 *   often something else): area not 000, 666 or 9xx; group not 00; serial not 0000.
 * - UK National Insurance number `AB 12 34 56 C`: HMRC's prefix rules (no D, F, I, Q, U, V; no O
 *   second; not BG, GB, KN, NK, NT, TN, ZZ) and a suffix A–D.
 * - French NIR (numéro de sécurité sociale) `1 84 12 76 451 089 46`: sex, month and department
 *   shape, and the key 97 − (number mod 97), Corsica's 2A/2B counted as 19/18.
 * - Spanish DNI `12345678Z` and NIE `X1234567L`: the check letter of the number mod 23.
 */
import { mod97 } from './checksums.js';
import type { PiiSpan } from './pii-span.js';

const ssnPattern = /(?<![\w\-./])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w]|[.\-/]\d)/g;
const ninoPattern =
  /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/g;
const nirPattern =
  /(?<![\w.-])([1-478]) ?(\d{2}) ?(0[1-9]|1[0-2]|[2-9]\d) ?(\d{2}|2[AB]) ?(\d{3}) ?(\d{3}) ?(\d{2})(?![\w]|[ .-]\d)/g;
const spanishPattern = /(?<![\w.-])([XYZ]?)(\d{7,8})-?([A-HJ-NP-TV-Z])(?![\w])/g;

const invalidNinoPrefixes: ReadonlySet<string> = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const dniLetters = 'TRWAGMYFPDXBNJZSQVHLCKE';

type Validator = (groups: readonly string[]) => boolean;

function collect(text: string, pattern: RegExp, rule: { detector: string; valid: Validator }): PiiSpan[] {
  const spans: PiiSpan[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const groups = match.slice(1).map((group) => group ?? '');
    if (rule.valid(groups))
      spans.push({
        start: match.index,
        end: match.index + match[0].length,
        dataClass: 'national-id',
        detector: rule.detector,
      });
  }
  return spans;
}

const validSsn: Validator = ([area = '', , group = '', serial = '']) =>
  area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';

const validNino: Validator = ([prefix = '']) => !invalidNinoPrefixes.has(prefix);

const validNir: Validator = ([
  sex = '',
  year = '',
  month = '',
  department = '',
  commune = '',
  order = '',
  key = '',
]) => {
  const numericDepartment = department === '2A' ? '19' : department === '2B' ? '18' : department;
  const number = `${sex}${year}${month}${numericDepartment}${commune}${order}`;
  return 97 - mod97(number) === Number(key);
};

const validSpanish: Validator = ([prefix = '', digits = '', letter = '']) => {
  // NIE: X, Y, Z stand for 0, 1, 2 in front of seven digits; a DNI has eight digits and no prefix.
  if ((prefix === '') !== (digits.length === 8)) return false;
  const number = Number(`${prefix === '' ? '' : 'XYZ'.indexOf(prefix)}${digits}`);
  return dniLetters[number % 23] === letter;
};

/** Spans of US, UK, French and Spanish national identity numbers in `text`. */
export function detectNationalIds(text: string): PiiSpan[] {
  return [
    ...collect(text, ssnPattern, { detector: 'us-ssn', valid: validSsn }),
    ...collect(text, ninoPattern, { detector: 'uk-nino', valid: validNino }),
    ...collect(text, nirPattern, { detector: 'fr-nir', valid: validNir }),
    ...collect(text, spanishPattern, { detector: 'es-dni', valid: validSpanish }),
  ];
}
