import { createPrivateKey, type KeyObject } from 'node:crypto';

/** PKCS#8 DER of an Ed25519 private key up to its 32-byte seed (RFC 8410). */
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The Ed25519 checkpoint signing key whose seed is `seed` (32 bytes, derived from the server secret): the same
 * secret gives the same key on every replica and after every restart, and nothing of it is written beside the data.
 * @throws RangeError when the seed is not 32 bytes.
 */
export function signingKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });
}
