import { describe, expect, it } from 'vitest';
import { gradeNumeric } from '../shadow/grade-answers.js';
import { lastNumber, sameNumber } from './last-number.js';
import { sameAnswer } from './same-answer.js';

describe('lastNumber', () => {
  it.each([
    ['1,000,000', 1_000_000],
    ['So the total is 1,234.5 dollars.', 1234.5],
    ['-0.5', -0.5],
    ['it is -5e-1', -0.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['$12.00', 12],
    ['12.', 12],
    ['It is 42.', 42],
    ['pages 10-20', 20],
    ['x = -3', -3],
    ['1,2345', 2345],
    ['H2O is water', undefined],
    ['1e999', undefined],
    ['no numbers here', undefined],
  ])('%s → %s', (text, expected) => {
    expect(lastNumber(text)).toBe(expected);
  });

  it('compares within 1e-6 relative', () => {
    expect(sameNumber(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameNumber(1234.5000001, 1234.5)).toBe(true);
    expect(sameNumber(1234.6, 1234.5)).toBe(false);
    expect(sameNumber(0, 1e-9)).toBe(false);
  });
});

describe('the cascade and the shadow grader read numbers alike', () => {
  // Each pair was judged one way by the cascade (sameAnswer) and the other by its measurement (gradeNumeric)
  // while each parsed numbers with its own regular expression.
  it.each([
    ['1,000,000', '1000000', true],
    ['the answer: -5e-1', '-0.5', true],
    ['1e3', '1000', true],
    ['0.30000000000000004', '0.3', true],
    ['1,2345', '12345', false],
    ['It is .5', 'It is 5', false],
    ['between 10-20', 'it is -20', false],
  ])('%s vs %s → %s', (first, second, expected) => {
    expect(sameAnswer(first, second)).toBe(expected);
    expect(gradeNumeric(first, second).graded && gradeNumeric(first, second)).toMatchObject({
      served: expected ? 1 : 0,
    });
  });
});
