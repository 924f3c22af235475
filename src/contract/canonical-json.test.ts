import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, tryCanonicalJson } from './canonical-json.js';

/** Rebuilds `value` with every object's keys inserted in reverse order: the canonical text must not notice. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, member]) => [key, reversedKeys(member)]));
}

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code unit at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, é: true, A: 'x', '😀': 0, ｚ: 0 })).toBe(
      '{"A":"x","a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"é":true,"😀":0,"ｚ":0}',
    );
    // Integer-like keys sort as text, not in the engine's numeric property order.
    expect(canonicalJson({ 10: 'a', 9: 'b', '': 'c' })).toBe('{"":"c","10":"a","9":"b"}');
  });

  it('matches the RFC 8785 (JCS) example, numbers and string escapes included', () => {
    const value = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes -0 as 0, escapes a lone surrogate, keeps U+2028 and non-ASCII as they are', () => {
    expect(canonicalJson({ n: -0, list: [-0] })).toBe('{"list":[0],"n":0}');
    expect(canonicalJson('\ud800|\u2028|é')).toBe('"\\ud800|\u2028|é"');
  });

  it('leaves out undefined members and refuses what JSON cannot carry, where two former copies wrote null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    const refused = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      [Number.NaN],
      { a: Number.POSITIVE_INFINITY },
      10n,
      undefined,
      () => 1,
      Symbol('s'),
      [undefined],
    ];
    for (const [index, value] of refused.entries())
      expect(() => canonicalJson(value), `refused value #${index}`).toThrow(TypeError);
    expect(tryCanonicalJson({ a: Number.NaN })).toBeUndefined();
    expect(tryCanonicalJson({ a: 1 })).toBe('{"a":1}');
  });

  it('is JSON.stringify with keys reordered: same length, same value once parsed, stable when re-canonicalised', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = canonicalJson(value);
        const plain = JSON.stringify(value);
        expect(text.length).toBe(plain.length);
        expect(JSON.parse(text)).toStrictEqual(JSON.parse(plain));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('gives the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('orders the members of an object by the code units of their keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.integer()), (record) => {
        const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(canonicalJson(record)).toBe(`{${keys.map((key) => `${JSON.stringify(key)}:${record[key]}`).join(',')}}`);
      }),
    );
  });
});
