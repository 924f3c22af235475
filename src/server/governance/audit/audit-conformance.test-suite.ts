/**
 * The audit trail on a real database, run on PGlite and PostgreSQL: round trip, append-only triggers,
 * replicas appending to one chain, and every tampering attack `podium audit verify` must catch — staged the
 * way an attacker with database access would (a superuser drops the trigger first).
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auditGenesisHash,
  type AuditCheckpoint,
  type AuditEntry,
  type StoredAuditEntry,
} from '../../../contract/index.js';
import {
  createAuditLog,
  createCheckpointFileSink,
  createCheckpointSigner,
  readAuditPages,
  readCheckpointFile,
  sealAuditEntries,
  storedAuditEntryHash,
  verifyAuditLog,
  type AuditProblemKind,
  type CheckpointSink,
} from './index.js';
import { createAuditRepository } from './audit-repository.js';
import type { AuditStore } from './audit-store.js';
import type { SqlClient, SqlExecutor } from '../../store/index.js';

/** A migrated database; `openReplica` opens an independent client on it (PostgreSQL only). */
export interface AuditHarness {
  sql: SqlClient;
  openReplica?: (() => SqlClient) | undefined;
}

const newTenant = (): string => `org_${randomUUID().replaceAll('-', '')}`;
const keyPair = () => generateKeyPairSync('ed25519');

/** A sink that keeps checkpoints in memory: the "exported file" of a test. */
function collect(): CheckpointSink & { checkpoints: AuditCheckpoint[] } {
  const checkpoints: AuditCheckpoint[] = [];
  return { name: 'memory', checkpoints, write: (checkpoint) => Promise.resolve(void checkpoints.push(checkpoint)) };
}

/** A chain of `count` decisions, checkpointed every 5 entries and at close. */
async function buildChain(repository: AuditStore, count = 20) {
  const tenant = newTenant();
  const { privateKey, publicKey } = keyPair();
  const sink = collect();
  const log = createAuditLog({
    store: repository,
    signer: createCheckpointSigner(privateKey),
    sinks: [sink],
    checkpointEvery: 5,
  });
  for (let index = 1; index <= count; index += 1) {
    await log.append({
      tenant,
      kind: 'decision',
      actor: `key_${index % 3}`,
      subject: `req_${index}`,
      payload: { amount: index, policies: ['p1'], approved: index % 2 === 0 },
    });
  }
  await log.close();
  return { tenant, publicKey, checkpoints: sink.checkpoints };
}

function verify(options: {
  repository: AuditStore;
  tenant: string;
  checkpoints: readonly AuditCheckpoint[];
  publicKeys: readonly KeyObject[];
}) {
  // Pages of 7: page boundaries fall inside every attack below.
  const entries = readAuditPages({
    page: (query) => options.repository.list(query),
    tenants: [options.tenant],
    pageSize: 7,
  });
  return verifyAuditLog({ entries, checkpoints: options.checkpoints, publicKeys: options.publicKeys });
}

const kinds = (report: { problems: { kind: AuditProblemKind; seq: number }[] }) =>
  report.problems.map((problem) => [problem.kind, problem.seq]);

/** What a superuser can do: drop the append-only trigger, change rows, put the trigger back. */
async function asSuperuser(sql: SqlClient, change: (tx: SqlExecutor) => Promise<void>): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('DROP TRIGGER audit_log_append_only ON audit_log');
    await change(tx);
    await tx.query(
      'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_append_only()',
    );
  });
}

/** The audit trail's conformance suite over a migrated database. */
export function describeAuditConformance(harness: () => AuditHarness): void {
  const repository = () => createAuditRepository(harness().sql);

  describe('audit log', () => {
    it('reads back what it appended, chained from genesis, with its checkpoints exported to a JSONL file', async () => {
      const tenant = newTenant();
      const other = newTenant();
      const { privateKey, publicKey } = keyPair();
      const directory = await mkdtemp(join(tmpdir(), 'podium-audit-'));
      try {
        const path = join(directory, 'checkpoints.jsonl');
        const log = createAuditLog({
          store: repository(),
          signer: createCheckpointSigner(privateKey),
          sinks: [createCheckpointFileSink({ path })],
          checkpointEvery: 3,
        });
        const payloads = [
          { b: 1, a: [1, 'two', null, { z: true, y: 1.5 }] },
          { text: 'héllo 👋 "quoted"\n' },
          [],
          'plain',
          42,
          null,
        ];
        const appended = await Promise.all([
          ...payloads.map((payload, index) =>
            log.append({ tenant, kind: 'decision', actor: 'key_1', subject: `req_${index}`, payload }),
          ),
          log.append({
            tenant: other,
            kind: 'approval',
            actor: 'alice',
            subject: 'budget-eng',
            payload: { granted: true },
          }),
        ]);
        await log.close();

        const stored = await repository().list({ tenant, after: 0, limit: 100 });
        // Stored as the canonical text the hash covers; callers got their payload back as a value.
        expect(
          stored.map(({ payloadJson, ...entry }) => ({ ...entry, payload: JSON.parse(payloadJson) as unknown })),
        ).toEqual(appended.filter((entry) => entry.tenant === tenant));
        expect(stored[0]?.payloadJson).toBe('{"a":[1,"two",null,{"y":1.5,"z":true}],"b":1}');
        expect(stored.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(stored[0]?.prevHash).toBe(auditGenesisHash);
        expect(stored.every((entry) => entry.hash === storedAuditEntryHash(entry))).toBe(true);
        expect(await repository().list({ tenant, after: 4, limit: 1 })).toEqual([stored[4]]);
        const heads = await repository().heads();
        expect(heads.filter((head) => head.tenant === tenant)).toEqual([{ tenant, seq: 6, hash: stored[5]?.hash }]);

        const exported = await readCheckpointFile(path);
        expect(exported.unreadable).toEqual([]);
        // One group commit wrote all six, so the count threshold (3) signed its end only.
        expect(
          exported.checkpoints.filter((checkpoint) => checkpoint.tenant === tenant).map((checkpoint) => checkpoint.seq),
        ).toEqual([6]);
        expect(await repository().checkpoints(tenant)).toEqual(
          exported.checkpoints.filter((checkpoint) => checkpoint.tenant === tenant),
        );
        const report = await verifyAuditLog({
          entries: readAuditPages({ page: (query) => repository().list(query), tenants: [tenant, other], pageSize: 4 }),
          checkpoints: exported.checkpoints,
          publicKeys: [publicKey],
        });
        expect(report).toMatchObject({
          ok: true,
          entries: 7,
          checkpoints: { given: 2, valid: 2, matched: 2 },
          problems: [],
        });
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });

    it('keeps tenants apart whatever their names hold (quotes, backslashes, tabs), and reads each back exactly', async () => {
      const { privateKey } = keyPair();
      const odd = `${newTenant()}'; DROP TABLE audit_log; --\\t\t\\N`;
      const plain = newTenant();
      const log = createAuditLog({ store: repository(), signer: createCheckpointSigner(privateKey), sinks: [] });
      const appended = await Promise.all([
        log.append({
          tenant: odd,
          kind: 'decision',
          actor: "o'brien\tx",
          subject: 'back\\slash',
          payload: { note: 'tab\there, newline\nthere, \\N' },
        }),
        log.append({ tenant: plain, kind: 'decision', actor: 'key_1', subject: 'req_1', payload: {} }),
      ]);
      await log.close();
      const stored = await repository().list({ tenant: odd, after: 0, limit: 10 });
      expect(
        stored.map(({ payloadJson, ...entry }) => ({ ...entry, payload: JSON.parse(payloadJson) as unknown })),
      ).toEqual([appended[0]]);
      expect(stored[0]?.hash).toBe(storedAuditEntryHash(stored[0] as StoredAuditEntry));
      expect((await repository().list({ tenant: plain, after: 0, limit: 10 })).map((entry) => entry.subject)).toEqual([
        'req_1',
      ]);
    });

    it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints (the append-only trigger)', async () => {
      const { tenant } = await buildChain(repository(), 5);
      const { sql } = harness();
      const refused = async (statement: string, params: unknown[] = []) => {
        const error: unknown = await sql.query(statement, params).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, statement).toMatchObject({
          code: '42501',
          message: expect.stringMatching(/append-only/) as unknown,
        });
      };
      await refused("UPDATE audit_log SET payload_json = '{}' WHERE tenant = $1 AND seq = 2", [tenant]);
      await refused('DELETE FROM audit_log WHERE tenant = $1 AND seq = 5', [tenant]);
      await refused('TRUNCATE audit_log');
      await refused("UPDATE audit_checkpoints SET hash = 'x' WHERE tenant = $1", [tenant]);
      await refused('DELETE FROM audit_checkpoints WHERE tenant = $1', [tenant]);
      await refused('TRUNCATE audit_checkpoints');
      expect(await repository().list({ tenant, after: 0, limit: 10 })).toHaveLength(5);
    });

    it('never forks a chain when two replicas append to one tenant at once', async () => {
      const tenant = newTenant();
      const { privateKey, publicKey } = keyPair();
      const replica = harness().openReplica?.();
      try {
        const stores = [repository(), createAuditRepository(replica ?? harness().sql)];
        // Small batches, so the two writers take the head lock in turns many times.
        const [one, two] = stores.map((store) =>
          createAuditLog({ store, signer: createCheckpointSigner(privateKey), maxBatch: 7 }),
        );
        if (one === undefined || two === undefined) throw new Error('two logs expected');
        const appended = await Promise.all(
          Array.from({ length: 200 }, (_, index) =>
            (index % 2 === 0 ? one : two).append({
              tenant,
              kind: 'decision',
              actor: `replica_${index % 2}`,
              subject: `req_${index}`,
              payload: { index },
            }),
          ),
        );
        await Promise.all([one.close(), two.close()]);
        const seqs = appended.map((entry) => entry.seq).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
        const report = await verify({
          repository: repository(),
          tenant,
          checkpoints: await repository().checkpoints(tenant),
          publicKeys: [publicKey],
        });
        expect(report).toMatchObject({ ok: true, entries: 200 });
      } finally {
        await replica?.close();
      }
    });

    it('stores nothing from a batch that does not continue the head', async () => {
      const { tenant } = await buildChain(repository(), 3);
      const forked = (head: { seq: number; hash: string }): StoredAuditEntry[] =>
        sealAuditEntries({ tenant, seq: head.seq - 1, hash: auditGenesisHash }, [
          { at: '2026-11-12T09:30:00.000Z', kind: 'decision', actor: 'x', subject: 'y', payload: {} },
        ]);
      await expect(repository().append({ tenant, seal: forked })).rejects.toThrow(/does not continue the head/);
      expect(await repository().list({ tenant, after: 0, limit: 10 })).toHaveLength(3);
      expect((await repository().heads()).find((head) => head.tenant === tenant)?.seq).toBe(3);
    });

    describe('catches each tampering attack', () => {
      it('an edited payload', async () => {
        const chain = await buildChain(repository());
        expect(await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] })).toMatchObject({
          ok: true,
          entries: 20,
        });
        await asSuperuser(harness().sql, (tx) =>
          tx
            .query(`UPDATE audit_log SET payload_json = '{"amount":7000}' WHERE tenant = $1 AND seq = 7`, [
              chain.tenant,
            ])
            .then(() => undefined),
        );
        const report = await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] });
        expect(report.ok).toBe(false);
        expect(kinds(report)).toEqual([['edited', 7]]);
      });

      it('an edited entry whose hash was recomputed too', async () => {
        const chain = await buildChain(repository());
        const [entry] = await repository().list({ tenant: chain.tenant, after: 6, limit: 1 });
        if (entry === undefined) throw new Error('no entry 7');
        const forged = { ...entry, payloadJson: '{"amount":7000,"approved":true,"policies":["p1"]}' };
        await asSuperuser(harness().sql, (tx) =>
          tx
            .query('UPDATE audit_log SET payload_json = $3, hash = $4 WHERE tenant = $1 AND seq = $2', [
              chain.tenant,
              7,
              forged.payloadJson,
              storedAuditEntryHash(forged),
            ])
            .then(() => undefined),
        );
        expect(kinds(await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] }))).toEqual([
          ['rewritten', 7],
        ]);
      });

      it('a deleted entry', async () => {
        const chain = await buildChain(repository());
        await asSuperuser(harness().sql, (tx) =>
          tx.query('DELETE FROM audit_log WHERE tenant = $1 AND seq = 7', [chain.tenant]).then(() => undefined),
        );
        expect(kinds(await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] }))).toEqual([
          ['missing', 7],
        ]);
      });

      it('two entries swapped', async () => {
        const chain = await buildChain(repository());
        // Through a free seq: the primary key is checked row by row.
        await asSuperuser(harness().sql, async (tx) => {
          for (const [from, to] of [
            [7, 1_000_007],
            [8, 7],
            [1_000_007, 8],
          ]) {
            await tx.query('UPDATE audit_log SET seq = $3 WHERE tenant = $1 AND seq = $2', [chain.tenant, from, to]);
          }
        });
        const report = await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] });
        expect(report.ok).toBe(false);
        expect(kinds(report)).toEqual(
          expect.arrayContaining([
            ['reordered', 7],
            ['reordered', 8],
          ]),
        );
      });

      it('a truncated tail', async () => {
        const chain = await buildChain(repository());
        await asSuperuser(harness().sql, (tx) =>
          tx.query('DELETE FROM audit_log WHERE tenant = $1 AND seq > 16', [chain.tenant]).then(() => undefined),
        );
        const report = await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] });
        expect(kinds(report)).toEqual([['truncated', 17]]);
        expect(report.problems[0]?.message).toMatch(/ends at seq 16 .* vouches for seq 20/);
      });

      it('a full re-hash of the whole chain by a superuser, caught only by the signed checkpoints', async () => {
        const chain = await buildChain(repository());
        const original = await repository().list({ tenant: chain.tenant, after: 0, limit: 100 });
        const drafts = original.map(({ payloadJson, ...entry }) => ({
          ...entry,
          payload:
            entry.seq === 3
              ? { amount: 0, policies: [], approved: true }
              : (JSON.parse(payloadJson) as AuditEntry['payload']),
        }));
        const rewritten = sealAuditEntries({ tenant: chain.tenant, seq: 0, hash: auditGenesisHash }, drafts);
        await asSuperuser(harness().sql, async (tx) => {
          for (const entry of rewritten) {
            await tx.query(
              'UPDATE audit_log SET payload_json = $3, prev_hash = $4, hash = $5 WHERE tenant = $1 AND seq = $2',
              [chain.tenant, entry.seq, entry.payloadJson, entry.prevHash, entry.hash],
            );
          }
          await tx.query('UPDATE audit_heads SET hash = $2 WHERE tenant = $1', [chain.tenant, rewritten.at(-1)?.hash]);
        });
        // Self-consistent: without checkpoints nothing is wrong.
        expect(
          await verify({ repository: repository(), tenant: chain.tenant, checkpoints: [], publicKeys: [] }),
        ).toMatchObject({ ok: true, entries: 20 });
        const report = await verify({ repository: repository(), ...chain, publicKeys: [chain.publicKey] });
        expect(kinds(report)).toEqual([5, 10, 15, 20].map((seq) => ['checkpoint-mismatch', seq]));
      });

      it('a forged checkpoint: altered after signing, or signed with another key', async () => {
        const chain = await buildChain(repository());
        const genuine = chain.checkpoints.find((checkpoint) => checkpoint.seq === 10);
        if (genuine === undefined) throw new Error('no checkpoint at 10');
        const stranger = createCheckpointSigner(keyPair().privateKey);
        const forgeries = [
          { ...genuine, hash: 'f'.repeat(64) },
          { ...genuine, seq: 25 },
          stranger.sign({ tenant: chain.tenant, seq: 25, hash: 'e'.repeat(64) }, genuine.at),
          {
            ...stranger.sign({ tenant: chain.tenant, seq: 25, hash: 'e'.repeat(64) }, genuine.at),
            keyId: genuine.keyId,
          },
        ];
        const report = await verify({
          repository: repository(),
          ...chain,
          checkpoints: [...chain.checkpoints, ...forgeries],
          publicKeys: [chain.publicKey],
        });
        expect(kinds(report)).toEqual([
          ['forged-checkpoint', 10],
          ['forged-checkpoint', 25],
          ['forged-checkpoint', 25],
          ['forged-checkpoint', 25],
        ]);
        expect(report.checkpoints).toEqual({ given: 8, valid: 4, matched: 4 });
      });
    });
  });
}
