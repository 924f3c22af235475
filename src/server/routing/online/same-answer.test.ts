import { describe, expect, it } from 'vitest';
import { finalAnswer, sameAnswer } from './same-answer.js';

describe('sameAnswer', () => {
  it.each([
    ['{"a":1,"b":[1,2]}', '{ "b": [1, 2], "a": 1 }', true],
    ['{"a":1}', '{"a":2}', false],
    ['The answer is (C).', 'Answer: C', true],
    ['The answer is (C).', 'the answer is B', false],
    ['So the total is 1,250 dollars.', '1250', true],
    ['It is 41.', 'It is 42.', false],
    ['  Paris\n', 'paris', true],
    ['Paris', 'Lyon', false],
    // 1e999 parses to Infinity, which the former copy of canonical JSON wrote as null.
    ['[1e999]', '[null]', false],
    ['{"a":1e999}', '{"a":1e999}', true],
  ])('%s vs %s → %s', (first, second, expected) => {
    expect(sameAnswer(first, second)).toBe(expected);
  });

  it('prefers a stated choice over numbers in the reasoning', () => {
    expect(finalAnswer('Options 1 and 2 fail, so the answer is (D)')).toEqual({ kind: 'choice', choice: 'D' });
    expect(finalAnswer('no numbers here')).toBeUndefined();
  });
});

describe('sameAnswer on hostile answers', () => {
  it('compares 10^5-deep JSON answers as text instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(sameAnswer(deep, deep)).toBe(true);
    expect(sameAnswer(deep, `${deep} `)).toBe(true);
    expect(sameAnswer(deep, '[]')).toBe(false);
  });
});
