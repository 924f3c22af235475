import { describe, expect, it } from 'vitest';
import { cacheDirective } from './cache-directive.js';

describe('cacheDirective', () => {
  it.each([
    [{}, 'use'],
    [{ 'x-podium-cache': 'OFF' }, 'off'],
    [{ 'cache-control': 'max-age=0, no-store' }, 'off'],
    [{ 'cache-control': 'no-cache' }, 'refresh'],
    [{ 'cache-control': ['public', 'no-cache'] }, 'refresh'],
    [{ 'x-podium-cache': 'whatever' }, 'use'],
  ])('%j → %s', (headers, expected) => {
    expect(cacheDirective(headers)).toBe(expected);
  });
});
