/**
 * The embedded audit trail against whoever holds the data dir: a real Podium on PGlite records decisions and exports
 * its checkpoints by default (outside the data dir); the attacker rewrites one decision, re-hashes every entry after
 * it, and deletes the stored checkpoints. `podium audit verify --data-dir` (the real CLI, its own process) catches
 * it from the exported file; without that file it says plainly that a full rewrite would verify as intact.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { storedAuditEntryHash } from './governance/audit/index.js';
import { startPodium } from './main.js';
import { openTestDatabase } from './testkit/index.js';

const adminKey = 'pa-audit-rewrite-admin-key-0123456789';
const cli = join(import.meta.dirname, '..', 'cli', 'podium.ts');
let parent: string;
let dataDir: string;

async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, 'audit', 'verify', '--data-dir', dataDir, ...args],
      {
        env: { ...process.env, PODIUM_DATA_DIR: dataDir, PODIUM_SECRET_KEY_FILE: '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'podium-audit-rewrite-'));
  // As root the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
  await chmod(parent, 0o711);
  dataDir = join(parent, 'data');
  const config = await loadConfig({
    env: { PODIUM_PORT: '0', PODIUM_DATA_DIR: dataDir, PODIUM_ADMIN_KEY: adminKey },
    cwd: parent,
  });
  const podium = await startPodium({ config, log: () => undefined });
  const admin = (path: string, body: unknown) =>
    fetch(`${podium.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await admin('/api/v1/decision-definitions', {
    id: 'refund',
    description: 'Refund',
    owner: 'payments',
    makers: { humans: ['ana'] },
    context: { amount: { schema: { type: 'number' } } },
    risk: [{ name: 'any', outcome: 'auto' }],
  });
  for (const amount of [10, 20, 30])
    expect(
      (await admin('/api/v1/decisions/refund', { actingAs: 'ana', proposal: { order: amount }, context: { amount } }))
        .status,
    ).toBe(200);
  // Closing signs every tenant's head: the exported file vouches for the whole chain.
  await podium.close();

  const store = await openTestDatabase({ dataDir });
  try {
    await store.query('DROP TRIGGER audit_log_append_only ON audit_log');
    await store.query('DROP TRIGGER audit_checkpoints_append_only ON audit_checkpoints');
    const rows = await store.query<{
      tenant: string;
      seq: string;
      at: Date;
      kind: string;
      actor: string;
      subject: string;
      payload_json: string;
      prev_hash: string;
      hash: string;
    }>(
      'SELECT tenant, seq, at, kind, actor, subject, payload_json, prev_hash, hash FROM audit_log ORDER BY tenant, seq',
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // The first decision (admin actions come before it) is edited; it and every entry after it are re-hashed.
    const first = rows.findIndex((row) => row.kind === 'decision' && row.payload_json.includes('"order":10'));
    expect(first).toBeGreaterThanOrEqual(0);
    let previous = '';
    for (const [index, row] of rows.entries()) {
      if (index < first) {
        previous = row.hash;
        continue;
      }
      const payloadJson =
        index === first ? row.payload_json.replace('"order":10', '"order":1000000') : row.payload_json;
      const prevHash = index === first ? row.prev_hash : previous;
      const hash = storedAuditEntryHash({
        tenant: row.tenant,
        seq: Number(row.seq),
        at: row.at.toISOString(),
        kind: row.kind,
        actor: row.actor,
        subject: row.subject,
        payloadJson,
        prevHash,
      });
      await store.query(
        'UPDATE audit_log SET payload_json = $1, prev_hash = $2, hash = $3 WHERE tenant = $4 AND seq = $5',
        [payloadJson, prevHash, hash, row.tenant, row.seq],
      );
      await store.query('UPDATE audit_heads SET hash = $1 WHERE tenant = $2 AND seq = $3', [hash, row.tenant, row.seq]);
      previous = hash;
    }
    await store.query('DELETE FROM audit_checkpoints');
  } finally {
    await store.close();
  }
}, 180_000);

afterAll(() => rm(parent, { recursive: true, force: true }));

describe('podium audit verify after a full rewrite of the data dir', () => {
  it('catches it from the checkpoints exported beside the data dir', async () => {
    const result = await verify();
    expect(result.stderr).toContain(
      `note: using the exported checkpoints in ${join(parent, 'podium-audit-checkpoints.jsonl')}`,
    );
    expect(result.stderr).toContain(`note: using the public key ${join(parent, 'podium-audit-public-key.pem')}`);
    expect(result.stdout).toMatch(
      /checkpoint-mismatch: differs from the checkpoint signed at .*: the chain was rewritten up to here/,
    );
    expect(result.stderr).toMatch(
      /checkpoints: verified against \d+ exported checkpoint\(s\) from .*podium-audit-checkpoints\.jsonl, the latest signed at /,
    );
    expect(result.code).toBe(1);
  }, 120_000);

  it('says plainly what it could not check when no checkpoint was exported', async () => {
    await rm(join(parent, 'podium-audit-checkpoints.jsonl'));
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /checkpoints: none exported were checked .* a full rewrite of the data dir would verify as intact/,
    );
  }, 120_000);
});
