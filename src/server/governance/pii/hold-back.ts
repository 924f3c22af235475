/**
 * How much of a streamed answer's tail must wait for the next delta: a value split over two deltas
 * (`…call 415-55` + `5-2671`) is only recognisable once both have arrived. What is held: the last
 * word (it may still grow into an email or a card number), and before it any run of short
 * number-like words separated by single spaces (`4111 1111 1111`, `+33 6 12`, `DE89 3704`, `AB 12`),
 * which a grouped value may continue. Never more than `maxHeldCharacters`, so prose is late by a
 * word or so and a long unbroken run (base64, a minified line) cannot stall the stream.
 */

/** Longer than any grouped value (an IBAN printed in groups is 42 characters) with room for an email. */
export const maxHeldCharacters = 96;

/** Words that may be part of a grouped value: digits, capitals and the punctuation of numbers. */
const valueWord = /^[+(]?[0-9A-Z][0-9A-Z().+-]{0,9}$/;
const capitalsOnly = /^[A-Z]{1,4}$/;

/** Index from which `text` must be held back; `text.length` when nothing needs to be. */
export function holdBackStart(text: string): number {
  let start = text.length;
  while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start -= 1;
  const lastWord = text.slice(start);
  if (lastWord === '' ? text.endsWith(' ') && !text.endsWith('  ') : isValueWord(lastWord)) {
    for (;;) {
      const spaceAt = start - 1;
      if (spaceAt < 1 || text.charCodeAt(spaceAt) !== 0x20 || isSpace(text.charCodeAt(spaceAt - 1))) break;
      let wordStart = spaceAt;
      while (wordStart > 0 && !isSpace(text.charCodeAt(wordStart - 1))) wordStart -= 1;
      if (!isValueWord(text.slice(wordStart, spaceAt))) break;
      start = wordStart;
    }
  }
  return Math.max(start, text.length - maxHeldCharacters);
}

function isValueWord(word: string): boolean {
  return valueWord.test(word) && (/\d/.test(word) || capitalsOnly.test(word));
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xa0;
}
