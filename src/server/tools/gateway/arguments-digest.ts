/** The fingerprint of a call's arguments: what approvals bind to and the ledger and audit record instead of values. */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../contract/index.js';

/** SHA-256 (hex) of the value's canonical JSON: equal for equal arguments whatever their key order. */
export function canonicalDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
