import { describe, expect, it } from 'vitest';
import { salientTokens, sameSalientTokens } from './salient-tokens.js';

const agree = (a: string, b: string): boolean => sameSalientTokens(salientTokens(a), salientTokens(b));

describe('the salient-token guard', () => {
  it.each([
    ['What is the capital of France?', "What's France's capital city?"],
    ['What is the capital of France?', 'what is the capital of france'],
    ['Briefly, what is the capital of France?', 'Tell me the capital of France.'],
    ['How many legs does a spider have?', 'Spiders have how many legs?'],
    ['Convert 1,000 metres to feet', 'How many feet are in 1000 metres?'],
    ['Who was the first president of the USA?', 'Name the USA’s first president.'],
  ])('lets a paraphrase through: %s ~ %s', (a, b) => {
    expect(agree(a, b)).toBe(true);
  });

  it.each([
    ['What is the capital of France?', 'What is the capital of Germany?'],
    ['What is the capital of France?', 'What is not the capital of France?'],
    ['Is Paris the capital of France?', "Isn't Paris the capital of France?"],
    ['What is 12 times 7?', 'What is 12 times 8?'],
    ['List three fruits', 'List four fruits'],
    ['Who was the first president of the USA?', 'Who was the second president of the USA?'],
    ['What is the largest planet?', 'What is the smallest planet?'],
    ['Translate "good morning" into Spanish', 'Translate "good night" into Spanish'],
  ])('stops a near-miss: %s ≠ %s', (a, b) => {
    expect(agree(a, b)).toBe(false);
  });

  it('with the full guard, stops a swapped topic word that the salient tokens alone let through', () => {
    const pairs: [string, string][] = [
      ['How many legs does a spider have?', 'How many legs does an ant have?'],
      ['What is the chemical symbol for gold?', 'What is the chemical symbol for silver?'],
      [
        'Write a SQL query to count rows in a table named orders.',
        'Write a SQL query to delete rows in a table named orders.',
      ],
    ];
    for (const [a, b] of pairs) {
      expect(sameSalientTokens(salientTokens(a), salientTokens(b), 'salient')).toBe(true);
      expect(sameSalientTokens(salientTokens(a), salientTokens(b), 'full')).toBe(false);
    }
    // One-sided additions are how paraphrases usually differ, so they pass.
    expect(agree('What is the capital of France?', 'Which city is the capital of France?')).toBe(true);
  });

  it('keeps numbers in order and lets everything through when off', () => {
    expect(agree('What is 15% of 80?', 'What is 80% of 15?')).toBe(false);
    expect(sameSalientTokens(salientTokens('What is 15% of 80?'), salientTokens('What is 80% of 15?'), 'off')).toBe(
      true,
    );
  });

  it('maps synonyms of a comparison and number words to the same token', () => {
    expect(agree('What is the largest ocean?', 'Which ocean is the biggest?')).toBe(true);
    expect(agree('Name two colours', 'Name 2 colours')).toBe(true);
  });
});
