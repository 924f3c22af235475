/**
 * The check digits that turn "looks like a number of that kind" into "is one": without them a
 * detector for 16-digit cards or 27-character IBANs would flag every order number.
 */

/** Luhn (ISO/IEC 7812) over a string of ASCII digits: payment cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Remainder modulo 97 of a string of digits and letters, letters counting as two digits
 * (A = 10 … Z = 35) as ISO 13616 prescribes. Computed piecewise: the number has up to 70 digits.
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
    else remainder = (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}
