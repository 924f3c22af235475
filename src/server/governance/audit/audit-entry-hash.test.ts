import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../contract/index.js';
import { auditEntryHash } from './audit-entry-hash.js';

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

describe('auditEntryHash', () => {
  it('gives one hash whatever the key order, and another for any change of value or array order', () => {
    const hash = auditEntryHash(entry({ amount: 5, policy: { id: 'p1', effect: 'permit' }, models: ['a', 'b'] }));
    expect(auditEntryHash(entry({ models: ['a', 'b'], policy: { effect: 'permit', id: 'p1' }, amount: 5 }))).toBe(hash);
    expect(auditEntryHash(entry({ amount: 5, policy: { id: 'p1', effect: 'permit' }, models: ['b', 'a'] }))).not.toBe(
      hash,
    );
    expect(auditEntryHash(entry({ amount: 6, policy: { id: 'p1', effect: 'permit' }, models: ['a', 'b'] }))).not.toBe(
      hash,
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the hashes of entries written before canonical JSON had one home (fixed vectors from that code)', () => {
    // Computed by governance/audit/canonical-json.ts before it moved to src/contract: existing chains must still verify.
    const fixed = (payload: unknown) => ({
      ...entry(payload),
      seq: 42,
      subject: 'req_"1"\n',
      prevHash: 'a'.repeat(64),
    });
    expect(auditEntryHash(fixed({}))).toBe('16586e443b2e0e125d3798d79c853420500112e4540765092e354437a63a88d5');
    const mixed = {
      b: 1,
      a: { d: [3, { z: 1, y: 2 }], c: null },
      A: 'x',
      '😀': 'emoji \u2028 line',
      '\u00e9': 1e21,
      n: -0,
      f: 0.1,
      big: 1e-7,
    };
    expect(canonicalJson(mixed)).toBe(
      '{"A":"x","a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"big":1e-7,"f":0.1,"n":0,"é":1e+21,"😀":"emoji \u2028 line"}',
    );
    expect(auditEntryHash(fixed(mixed))).toBe('b2426b04756c4fabc0ba06a93e699786443b61fed7512f927333e77a4a781b4a');
    const usage = {
      model: 'gpt-4o-mini',
      costUsd: 0.000123,
      tokens: [1, 2, 3],
      nested: { deep: { deeper: ['x', { k: 'v' }] } },
      skip: undefined,
      ﬀ: 'lig',
      '\ud800': 'lone',
    };
    expect(auditEntryHash(fixed(usage))).toBe('2906ee1bb024d4cf63fbfacff92b3320c6bfa23edf040e539da80d5910e59cc2');
  });

  it('hashes exactly the canonical JSON array [tenant, seq, at, kind, actor, subject, payload, prevHash]', () => {
    const fields = {
      ...entry({ z: [1, { b: 'é', a: null }], a: 0.1 }),
      actor: 'quote " and \\ backslash',
      subject: 'line\nbreak',
    };
    const preimage = canonicalJson([
      fields.tenant,
      fields.seq,
      fields.at,
      fields.kind,
      fields.actor,
      fields.subject,
      fields.payload,
      fields.prevHash,
    ]);
    expect(auditEntryHash(fields)).toBe(createHash('sha256').update(preimage).digest('hex'));
  });

  it('keeps fields apart: moving text between actor and subject changes the hash', () => {
    const one = { ...entry({}), actor: 'a","b', subject: 'c' };
    const two = { ...entry({}), actor: 'a', subject: 'b","c' };
    expect(auditEntryHash(one)).not.toBe(auditEntryHash(two));
  });
});
