import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCheckpointSigner } from './checkpoint-signer.js';
import { loadSigningKey } from './load-signing-key.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'podium-signing-key-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('loadSigningKey', () => {
  it('generates an Ed25519 key once (owner-only file, public half beside it) and loads the same key afterwards', async () => {
    const path = join(directory, 'keys', 'audit-signing-key.pem');
    const first = await loadSigningKey({ path });
    expect(first).toMatchObject({
      generated: true,
      publicKeyPath: join(directory, 'keys', 'audit-signing-key.pub.pem'),
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await loadSigningKey({ path });
    expect(again.generated).toBe(false);
    expect(createCheckpointSigner(again.privateKey).keyId).toBe(createCheckpointSigner(first.privateKey).keyId);
    const exported = createPublicKey(await readFile(first.publicKeyPath, 'utf8'));
    expect(exported.equals(createCheckpointSigner(first.privateKey).publicKey)).toBe(true);
  });

  it('gives every concurrent first start the same key', async () => {
    const path = join(directory, 'audit-signing-key.pem');
    const keys = await Promise.all([1, 2, 3].map(() => loadSigningKey({ path })));
    expect(new Set(keys.map((key) => createCheckpointSigner(key.privateKey).keyId)).size).toBe(1);
    expect(keys.filter((key) => key.generated)).toHaveLength(1);
  });

  it('refuses a key that is not an Ed25519 private key in PEM', async () => {
    const rsa = join(directory, 'rsa.pem');
    await writeFile(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await expect(loadSigningKey({ path: rsa })).rejects.toThrow(/is rsa, not Ed25519/);
    const garbage = join(directory, 'garbage.pem');
    await writeFile(garbage, 'not a key');
    await expect(loadSigningKey({ path: garbage })).rejects.toThrow(/is not a PEM private key/);
  });
});
