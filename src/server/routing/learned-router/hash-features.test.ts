import { describe, expect, it } from 'vitest';
import { hashFeatures, maxHashedCharacters } from './hash-features.js';
import { fnv1a } from './fnv1a.js';

/** The definition the fast loop must reproduce bucket for bucket: routers trained before it keep working. */
function reference(input: { text: string; inputTokens: number; bits: number }): number[] {
  const mask = (1 << input.bits) - 1;
  const buckets = new Set<number>([0]);
  const words = input.text.toLowerCase().match(/[a-z]+|[0-9]+|[^\sa-z0-9]/g) ?? [];
  let previous = '^';
  for (const word of words) {
    buckets.add(fnv1a(`w:${word}`) & mask);
    buckets.add(fnv1a(`b:${previous} ${word}`) & mask);
    previous = word;
  }
  buckets.add(fnv1a(`len:${Math.round(Math.log2(1 + input.inputTokens))}`) & mask);
  return [...buckets];
}

describe('hashFeatures', () => {
  const texts = [
    'What is 12 + 30? Answer with (A) 42 or (B) 41.',
    '  Déjà vu:\tthe café’s “menu” — 3x cheaper!!\n\nÉtat İstanbul 😀 x2\u00a0y\u2003z ',
    '',
    'a',
    'Question: Which of the following best describes the function f(x) = x^2 - 3x + 2 on [0, 5]?',
    'x'.repeat(2000),
  ];
  it.each(texts.map((text, index) => [index, text]))('gives the reference buckets for text %i', (_, text) => {
    for (const bits of [12, 14]) {
      const fast = hashFeatures({ text, inputTokens: 123, bits });
      expect([...fast.indices]).toEqual(reference({ text, inputTokens: 123, bits }));
      expect(fast.value).toBeCloseTo(1 / Math.sqrt(fast.indices.length), 12);
    }
  });

  it('matches on random strings of letters, digits, spaces and symbols', () => {
    const alphabet = 'abcXYZ019 \t\n.,;:!?()[]{}éü€😀\u00a0\u2028';
    let seed = 7;
    for (let round = 0; round < 300; round += 1) {
      let text = '';
      const length = (round * 7) % 120;
      for (let index = 0; index < length; index += 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += alphabet[seed % alphabet.length] ?? '';
      }
      expect([...hashFeatures({ text, inputTokens: length, bits: 14 }).indices]).toEqual(
        reference({ text, inputTokens: length, bits: 14 }),
      );
    }
  });

  it('hashes only the head and tail of a very long prompt, so a decision costs the same past the cap', () => {
    const head = 'summarise the contract below. '.repeat(200);
    const tail = ' which clause sets the penalty for late delivery?'.repeat(100);
    const long = `${head}${'filler words that say nothing new '.repeat(30_000)}${tail}`;
    const half = maxHashedCharacters / 2;
    const expected = reference({ text: `${long.slice(0, half)}\n${long.slice(-half)}`, inputTokens: 9, bits: 14 });
    expect([...hashFeatures({ text: long, inputTokens: 9, bits: 14 }).indices]).toEqual(expected);
  });
});
