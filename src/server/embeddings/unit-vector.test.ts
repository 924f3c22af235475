import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, unitVector } from './unit-vector.js';

describe('unitVector', () => {
  it('scales to length 1, keeps direction, leaves a zero vector zero', () => {
    expect(Array.from(unitVector([3, 4]))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(unitVector([0, 0, 0]))).toEqual([0, 0, 0]);
  });

  it('makes cosine similarity a dot product: 1 with itself, symmetric, 0 across models of other sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 64 }),
        (values) => {
          const vector = unitVector(values);
          if (vector.every((value) => value === 0)) return;
          expect(cosineSimilarity(vector, vector)).toBeCloseTo(1, 5);
          expect(cosineSimilarity(unitVector(vector), vector)).toBeCloseTo(1, 5);
          expect(cosineSimilarity(vector, unitVector([...values, 1]))).toBe(0);
        },
      ),
    );
  });
});
