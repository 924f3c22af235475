import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditEntryHash } from './audit-entry-hash.js';
import { canonicalJson } from './canonical-json.js';

const entry = (payload: unknown) => ({
  tenant: 'org_1',
  seq: 1,
  at: '2026-11-12T09:30:00.000Z',
  kind: 'decision',
  actor: 'key_1',
  subject: 'req_1',
  payload: payload as never,
  prevHash: '0'.repeat(64),
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, 'é': true, A: 'x' })).toBe('{"A":"x","a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"é":true}');
  });

  it('matches the RFC 8785 (JCS) example, numbers and string escapes included', () => {
    const value = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(value)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('gives one hash whatever the key order, and another for any change of value or array order', () => {
    const hash = auditEntryHash(entry({ amount: 5, policy: { id: 'p1', effect: 'permit' }, models: ['a', 'b'] }));
    expect(auditEntryHash(entry({ models: ['a', 'b'], policy: { effect: 'permit', id: 'p1' }, amount: 5 }))).toBe(hash);
    expect(auditEntryHash(entry({ amount: 5, policy: { id: 'p1', effect: 'permit' }, models: ['b', 'a'] }))).not.toBe(hash);
    expect(auditEntryHash(entry({ amount: 6, policy: { id: 'p1', effect: 'permit' }, models: ['a', 'b'] }))).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out undefined properties, as the database does, and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 10n, undefined, () => 1, [undefined]]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });

  it('hashes exactly the canonical JSON array [tenant, seq, at, kind, actor, subject, payload, prevHash]', () => {
    const fields = { ...entry({ z: [1, { b: 'é', a: null }], a: 0.1 }), actor: 'quote " and \\ backslash', subject: 'line\nbreak' };
    const preimage = canonicalJson([fields.tenant, fields.seq, fields.at, fields.kind, fields.actor, fields.subject, fields.payload, fields.prevHash]);
    expect(auditEntryHash(fields)).toBe(createHash('sha256').update(preimage).digest('hex'));
  });

  it('keeps fields apart: moving text between actor and subject changes the hash', () => {
    const one = { ...entry({}), actor: 'a","b', subject: 'c' };
    const two = { ...entry({}), actor: 'a', subject: 'b","c' };
    expect(auditEntryHash(one)).not.toBe(auditEntryHash(two));
  });
});
