/** The verifier on entries in memory: stream-level cases the database tests (store/audit-*.test.ts) cannot stage. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditGenesisHash, type StoredAuditEntry } from '../../../contract/index.js';
import { createCheckpointSigner } from './checkpoint-signer.js';
import { sealAuditEntries } from './seal-audit-entries.js';
import { verifyAuditLog } from './verify-audit-log.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = createCheckpointSigner(privateKey);
const at = '2026-11-12T09:30:00.000Z';

const chain = (tenant: string, count: number): StoredAuditEntry[] =>
  sealAuditEntries(
    { tenant, seq: 0, hash: auditGenesisHash },
    Array.from({ length: count }, (_, index) => ({
      at,
      kind: 'decision',
      actor: 'key_1',
      subject: `req_${index}`,
      payload: { index },
    })),
  );
const checkpointOf = (entry: StoredAuditEntry | undefined) => {
  if (entry === undefined) throw new Error('no entry to checkpoint');
  return signer.sign({ tenant: entry.tenant, seq: entry.seq, hash: entry.hash }, at);
};
const problems = async (entries: StoredAuditEntry[], checkpoints = [] as ReturnType<typeof checkpointOf>[]) =>
  (await verifyAuditLog({ entries, checkpoints, publicKeys: [publicKey] })).problems.map((problem) => [
    problem.tenant,
    problem.kind,
    problem.seq,
  ]);

describe('verifyAuditLog', () => {
  it('accepts interleaved tenants, each chain in order, and reports where each ends and what is signed', async () => {
    const a = chain('org_a', 3);
    const b = chain('org_b', 2);
    const report = await verifyAuditLog({
      entries: [a[0], b[0], a[1], b[1], a[2]].flatMap((entry) => entry ?? []),
      checkpoints: [checkpointOf(a[1])],
      publicKeys: [publicKey],
    });
    expect(report).toMatchObject({ ok: true, entries: 5, checkpoints: { given: 1, valid: 1, matched: 1 } });
    expect(report.tenants).toEqual([
      { tenant: 'org_a', entries: 3, lastSeq: 3, lastHash: a[2]?.hash, confirmedSeq: 2 },
      { tenant: 'org_b', entries: 2, lastSeq: 2, lastHash: b[1]?.hash, confirmedSeq: 0 },
    ]);
  });

  it('flags entries that arrive out of seq order or twice', async () => {
    const [one, two, three] = chain('org_a', 3);
    if (!one || !two || !three) throw new Error('chain too short');
    expect(await problems([one, three, two])).toEqual([
      ['org_a', 'missing', 2],
      ['org_a', 'reordered', 2],
    ]);
    expect(await problems([one, two, two, three])).toEqual([['org_a', 'reordered', 2]]);
  });

  it('flags a deleted first entry, and a tenant whose whole chain is gone while its checkpoint remains', async () => {
    const a = chain('org_a', 4);
    const gone = chain('org_gone', 2);
    expect(await problems(a.slice(1), [checkpointOf(gone[1])])).toEqual([
      ['org_a', 'missing', 1],
      ['org_gone', 'truncated', 1],
    ]);
  });

  it('flags two genuine checkpoints that disagree at one seq (a fork), and a checkpoint past a rewritten entry', async () => {
    const real = chain('org_a', 3);
    const fork = sealAuditEntries({ tenant: 'org_a', seq: 0, hash: auditGenesisHash }, [
      { at, kind: 'decision', actor: 'mallory', subject: 'req_0', payload: {} },
    ]);
    expect(await problems(real, [checkpointOf(real[0]), checkpointOf(fork[0])])).toEqual([
      ['org_a', 'checkpoint-mismatch', 1],
      ['org_a', 'checkpoint-mismatch', 1],
    ]);
  });

  it('lists at most maxProblems and counts the rest', async () => {
    const renumbered = chain('org_a', 50).map((entry) => ({ ...entry, seq: entry.seq + 1 }));
    const report = await verifyAuditLog({ entries: renumbered, checkpoints: [], publicKeys: [], maxProblems: 10 });
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(10);
    expect(report.omittedProblems).toBe(41);
  });

  it('verifies 100,000 entries in well under 2 s', async () => {
    const entries = chain('org_perf', 100_000);
    const started = performance.now();
    const report = await verifyAuditLog({
      entries,
      checkpoints: [checkpointOf(entries.at(-1))],
      publicKeys: [publicKey],
    });
    const elapsed = performance.now() - started;
    expect(report).toMatchObject({ ok: true, entries: 100_000 });
    // The target is 2 s; the slack covers a loaded CI host. bench/authority/audit-bench.ts measures it properly.
    expect(elapsed).toBeLessThan(4_000);
  });
});
