/**
 * Virtual key secrets: `pk-` + 40 base62 characters (~238 bits). Only the SHA-256 hash is stored;
 * the first 11 characters are the visible prefix used to recognise a key in lists and logs.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const prefixLength = 11;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: rejecting bytes above it keeps every character equally likely.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

export interface KeySecret {
  secret: string;
  prefix: string;
  hash: string;
}

/** SHA-256 hex of a secret: what the store keeps and what lookups use. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new secret with the given kind prefix (`pk` for virtual keys, `pa` for admin keys). */
export function generateSecret(kind: 'pk' | 'pa'): KeySecret {
  const secret = `${kind}-${randomBase62(40)}`;
  return { secret, prefix: secret.slice(0, prefixLength), hash: hashSecret(secret) };
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function secretMatches(secret: string, hash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
