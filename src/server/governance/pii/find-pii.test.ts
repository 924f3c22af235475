import { describe, expect, it } from 'vitest';
import { findPii, resolveOverlaps } from './find-pii.js';
import type { PiiSpan } from './pii-span.js';

const span = (start: number, end: number, dataClass: PiiSpan['dataClass']): PiiSpan => ({
  start,
  end,
  dataClass,
  detector: dataClass,
});

describe('findPii', () => {
  it('returns nothing, cheaply, for text without a digit or an @', () => {
    expect(findPii('Just prose, no numbers and no addresses at all.')).toEqual([]);
  });

  it('reads a card-like local part as part of the email it belongs to', () => {
    const text = 'write to 4111111111111111@example.com';
    expect(findPii(text).map((found) => `${found.dataClass}:${text.slice(found.start, found.end)}`)).toEqual([
      'email:4111111111111111@example.com',
    ]);
  });
});

describe('resolveOverlaps', () => {
  it('keeps the more trusted span, then the longer, then the earlier, whatever the input order', () => {
    const spans = [
      span(0, 12, 'phone'),
      span(2, 18, 'card'),
      span(20, 30, 'email'),
      { ...span(22, 32, 'email'), detector: 'other' },
      span(40, 45, 'phone'),
    ];
    const expected = [span(2, 18, 'card'), span(20, 30, 'email'), span(40, 45, 'phone')];
    expect(resolveOverlaps(spans)).toEqual(expected);
    expect(resolveOverlaps([...spans].reverse())).toEqual(expected);
  });

  it('keeps touching spans', () => {
    expect(resolveOverlaps([span(5, 9, 'phone'), span(0, 5, 'email')])).toEqual([
      span(0, 5, 'email'),
      span(5, 9, 'phone'),
    ]);
  });
});
