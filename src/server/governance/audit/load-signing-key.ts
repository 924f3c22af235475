import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LoadSigningKeyOptions {
  /** PKCS#8 PEM of an Ed25519 private key; generated (mode 0600) when the file does not exist. */
  path: string;
}

/** The signing key and where its public half was written. */
export interface SigningKey {
  privateKey: KeyObject;
  /** `<path without .pem>.pub.pem`: hand this file to whoever verifies. */
  publicKeyPath: string;
  /** True when this call created the key. */
  generated: boolean;
}

const publicPathOf = (path: string): string => `${path.replace(/\.pem$/, '')}.pub.pem`;

/**
 * Loads the checkpoint signing key, or generates one the first time. The key lives in a file, never in the
 * database: whoever can rewrite the database must not also be able to re-sign checkpoints.
 * @throws Error when the file is not an Ed25519 private key in PEM.
 */
export async function loadSigningKey(options: LoadSigningKeyOptions): Promise<SigningKey> {
  const publicKeyPath = publicPathOf(options.path);
  const existing = await readFile(options.path, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined)
    return { privateKey: parsePrivateKey(existing, options.path), publicKeyPath, generated: false };

  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(dirname(options.path), { recursive: true });
  // Written aside, then linked into place: link() fails if the key exists, so two processes starting together
  // never end up with different keys, and nobody ever reads a half-written file.
  const staging = `${options.path}.${randomUUID()}.tmp`;
  await writeFile(staging, pem, { flag: 'wx', mode: 0o600 });
  try {
    await link(staging, options.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningKey(options);
    throw error;
  } finally {
    await rm(staging, { force: true });
  }
  await writeFile(publicKeyPath, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), {
    mode: 0o644,
  });
  return { privateKey, publicKeyPath, generated: true };
}

function parsePrivateKey(pem: string, path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`audit signing key ${path} is not a PEM private key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`audit signing key ${path} is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}
