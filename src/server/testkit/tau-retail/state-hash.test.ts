import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonRound2 } from './python-float.js';
import { pythonJsonDumps } from './python-json.js';
import { parseOrderedJson } from './ordered-json.js';
import { hashableText, stateHash } from './state-hash.js';

describe("Python's number printing and rounding", () => {
  it('prints floats as repr does', () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [91, '91.0'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1e16, '1e+16'],
      [1.5e16, '1.5e+16'],
      [2 / 3, '0.6666666666666666'],
      [123456789.125 * 1e7, '1234567891250000.0'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [-0, '-0.0'],
      [-2.5, '-2.5'],
      [Infinity, 'inf'],
    ];
    for (const [value, text] of cases) expect(pythonFloatRepr(value)).toBe(text);
  });

  it('rounds to two places as Python 3 does (ties to even on the exact binary value; expected values from python3)', () => {
    expect([0.125, 0.375, 2.675, 1.005, -0.125, 53.435, 37.57000000000001].map(pythonRound2)).toEqual([
      0.12, 0.38, 2.67, 1, -0.12, 53.44, 37.57,
    ]);
  });
});

describe('json.dumps', () => {
  it('keeps insertion order (integer-like keys too), Python separators, ints apart from floats, ASCII escapes', () => {
    const parsed = parseOrderedJson('{"b": 1, "a": [1.0, 2.50, true, null], "9": {"3": "é\\u007f", "1": "x"}}');
    expect(pythonJsonDumps(parsed as Parameters<typeof pythonJsonDumps>[0])).toBe(
      '{"b": 1, "a": [1.0, 2.5, true, null], "9": {"3": "\\u00e9\\u007f", "1": "x"}}',
    );
  });
});

describe('the order-preserving JSON parser', () => {
  it('refuses broken or absurdly deep JSON', () => {
    expect(() => parseOrderedJson('{"a": 1,}')).toThrow(SyntaxError);
    expect(() => parseOrderedJson('[1] x')).toThrow(SyntaxError);
    expect(() => parseOrderedJson('['.repeat(100) + ']'.repeat(100))).toThrow(/nested deeper/);
  });
});

describe('the state hash', () => {
  it("is the sha256 of Python's str(to_hashable(data)): sorted dict items, tuples, one-element commas, repr quoting", () => {
    const data = new Map<string, Parameters<typeof stateHash>[0]>([
      ['z', [1n, 2.0, "it's", 'say "hi"', 'both \' and "']],
      ['a', { only: ['x'] }],
      ['m', new Map([['k', true]])],
      ['n', null],
    ]);
    // Python 3: str(to_hashable({...})) for the same data.
    expect(hashableText(data)).toBe(
      `(('a', (('only', ('x',)),)), ('m', (('k', True),)), ('n', None), ('z', (1, 2.0, "it's", 'say "hi"', 'both \\' and "')))`,
    );
    expect(stateHash(data)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same state whatever the key order, and differs for any change', () => {
    const base = () => ({
      users: new Map<string, Parameters<typeof stateHash>[0]>([
        ['u1', { balance: 91n, name: 'A' }],
        ['u2', { balance: 10.5, name: 'B' }],
      ]),
    });
    const hash = stateHash(base());
    expect(stateHash({ users: new Map([...base().users].reverse()) })).toBe(hash);
    const changes: ((value: ReturnType<typeof base>) => void)[] = [
      (value) => value.users.set('u1', { balance: 91.0, name: 'A' }), // int 91 → float 91.0
      (value) => value.users.set('u2', { balance: 10.51, name: 'B' }),
      (value) => value.users.set('u2', { balance: 10.5, name: 'b' }),
      (value) => value.users.set('u3', {}),
      (value) => value.users.delete('u2'),
    ];
    for (const change of changes) {
      const changed = base();
      change(changed);
      expect(stateHash(changed)).not.toBe(hash);
    }
  });
});
