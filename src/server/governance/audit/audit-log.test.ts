import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditCheckpoint } from '../../../contract/index.js';
import { createAuditLog, type AuditLogOptions } from './audit-log.js';
import type { AuditStore } from './audit-store.js';
import { createCheckpointSigner } from './checkpoint-signer.js';
import type { CheckpointSink } from './checkpoint-sink.js';
import { createMemoryAuditStore } from './memory-audit-store.js';
import { readAuditPages } from './read-audit-pages.js';
import { verifyAuditLog } from './verify-audit-log.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = createCheckpointSigner(privateKey);
const clock = () => new Date('2026-11-12T09:30:00.000Z');
const decision = (tenant: string, index: number) => ({
  tenant,
  kind: 'decision' as const,
  actor: 'key_1',
  subject: `req_${index}`,
  payload: { index },
});

function collect(): CheckpointSink & { checkpoints: AuditCheckpoint[] } {
  const checkpoints: AuditCheckpoint[] = [];
  return { name: 'memory', checkpoints, write: (checkpoint) => Promise.resolve(void checkpoints.push(checkpoint)) };
}

/** A memory store that counts transactions (batches). */
function countingStore() {
  const store = createMemoryAuditStore();
  const batches: number[] = [];
  const counted: AuditStore = {
    ...store,
    append: async (batch) => {
      const sealed = await store.append(batch);
      batches.push(sealed.length);
      return sealed;
    },
  };
  return { store, counted, batches };
}

const open = (options: Partial<AuditLogOptions> & Pick<AuditLogOptions, 'store'>) =>
  createAuditLog({ signer, now: clock, ...options });

afterEach(() => {
  vi.useRealTimers();
});

describe('createAuditLog', () => {
  it('writes a burst of appends as one group commit and later ones in the next batch, never interleaving seqs', async () => {
    const { store, counted, batches } = countingStore();
    const log = open({ store: counted, maxBatch: 100 });
    const first = await Promise.all(Array.from({ length: 250 }, (_, index) => log.append(decision('org_a', index))));
    const more = await Promise.all([log.append(decision('org_a', 250)), log.append(decision('org_b', 0))]);
    await log.close();

    expect(batches).toEqual([100, 100, 50, 1, 1]);
    expect(first.map((entry) => entry.seq)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(first.map((entry) => entry.subject)).toEqual(Array.from({ length: 250 }, (_, index) => `req_${index}`));
    expect(more.map((entry) => [entry.tenant, entry.seq])).toEqual([
      ['org_a', 251],
      ['org_b', 1],
    ]);
    const report = await verifyAuditLog({
      entries: readAuditPages({ page: (query) => store.list(query), tenants: ['org_a', 'org_b'] }),
      checkpoints: await store.checkpoints(),
      publicKeys: [publicKey],
    });
    expect(report).toMatchObject({ ok: true, entries: 252 });
  });

  it('keeps appending when callers await one entry at a time', async () => {
    const log = open({ store: createMemoryAuditStore() });
    for (let index = 0; index < 5; index += 1) expect((await log.append(decision('org_a', index))).seq).toBe(index + 1);
    await log.close();
  });

  it('signs the head every checkpointEvery entries, stores the checkpoint and copies it to every sink in order', async () => {
    const store = createMemoryAuditStore();
    const file = collect();
    const webhook = collect();
    const log = open({ store, sinks: [file, webhook], checkpointEvery: 3 });
    for (let index = 0; index < 7; index += 1) await log.append(decision('org_a', index));
    await log.flush();
    expect(file.checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([3, 6]);
    expect(webhook.checkpoints).toEqual(file.checkpoints);
    expect(await store.checkpoints('org_a')).toEqual(file.checkpoints);
    expect(file.checkpoints[1]).toMatchObject({
      tenant: 'org_a',
      seq: 6,
      hash: store.entriesOf('org_a')[5]?.hash,
      at: clock().toISOString(),
      keyId: signer.keyId,
    });

    // close() signs what is left, so a clean shutdown leaves no unsigned tail.
    await log.close();
    expect(file.checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([3, 6, 7]);
  });

  it('signs every tenant with unsigned entries each checkpointIntervalMs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sink = collect();
    const log = open({
      store: createMemoryAuditStore(),
      sinks: [sink],
      checkpointEvery: 1000,
      checkpointIntervalMs: 30_000,
    });
    await Promise.all([
      log.append(decision('org_a', 0)),
      log.append(decision('org_b', 0)),
      log.append(decision('org_b', 1)),
    ]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sink.checkpoints).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await log.flush();
    expect(sink.checkpoints.map((checkpoint) => [checkpoint.tenant, checkpoint.seq])).toEqual([
      ['org_a', 1],
      ['org_b', 2],
    ]);
    // Nothing new: the next tick signs nothing again.
    await vi.advanceTimersByTimeAsync(30_000);
    await log.flush();
    expect(sink.checkpoints).toHaveLength(2);
    await log.close();
  });

  it('reports a sink that fails without losing the checkpoint elsewhere or blocking appends', async () => {
    const errors: unknown[] = [];
    const good = collect();
    const broken: CheckpointSink = {
      name: 'webhook https://audit.example',
      write: () => Promise.reject(new Error('HTTP 500')),
    };
    const log = open({
      store: createMemoryAuditStore(),
      sinks: [broken, good],
      checkpointEvery: 1,
      onError: (error) => errors.push(error),
    });
    await log.append(decision('org_a', 0));
    await log.append(decision('org_a', 1));
    await log.close();
    expect(good.checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([1, 2]);
    expect(errors.map((error) => (error as Error).message)).toEqual([
      'audit checkpoint org_a#1 not exported to webhook https://audit.example: HTTP 500',
      'audit checkpoint org_a#2 not exported to webhook https://audit.example: HTTP 500',
    ]);
  });

  it('rejects every entry of a batch the store refused, and carries on with the next', async () => {
    const store = createMemoryAuditStore();
    let fail = true;
    const flaky: AuditStore = {
      ...store,
      append: (batch) => (fail ? Promise.reject(new Error('connection lost')) : store.append(batch)),
    };
    const log = open({ store: flaky });
    const refused = await Promise.allSettled([log.append(decision('org_a', 0)), log.append(decision('org_a', 1))]);
    expect(refused.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await log.append(decision('org_a', 2))).seq).toBe(1);
    await log.close();
  });

  it('refuses, field by field, an entry the database could not store, and any entry once closed', async () => {
    const log = open({ store: createMemoryAuditStore() });
    await expect(log.append({ ...decision('org_a', 0), kind: 'gossip' as never })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'kind',
    });
    await expect(log.append({ ...decision('', 0) })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'tenant',
    });
    await expect(log.append({ ...decision('org_a', 0), actor: 'nul\u0000' })).rejects.toMatchObject({ param: 'actor' });
    await expect(
      log.append({ ...decision('org_a', 0), payload: { nested: ['ok', 'lone \ud800'] } }),
    ).rejects.toMatchObject({ param: 'payload.nested.1' });
    await expect(log.append({ ...decision('org_a', 0), payload: { when: Number.NaN } })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(log.append({ ...decision('org_a', 0), payload: { blob: 'x'.repeat(300 * 1024) } })).rejects.toThrow(
      /record references, not content/,
    );
    expect((await log.append({ ...decision('org_a', 0), payload: { emoji: '👋', paired: '\ud83d\udc4b' } })).seq).toBe(
      1,
    );
    await log.close();
    await expect(log.append(decision('org_a', 1))).rejects.toThrow(/closed/);
  });
});
