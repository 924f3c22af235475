import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../contract/index.js';
import { canonicalJson } from './canonical-json.js';

/** The fields an entry's hash covers: everything it stores except the hash itself. */
export type HashedAuditFields = Omit<AuditEntry, 'hash'>;

/**
 * SHA-256 (lower-case hex) over the canonical JSON array
 * `[tenant, seq, at, kind, actor, subject, payload, prevHash]`. An array, not an object: positions cannot be
 * confused, and JSON's string escaping keeps a field's content from spilling into the next one.
 * @throws TypeError when the payload is not JSON.
 */
export function auditEntryHash(entry: HashedAuditFields): string {
  const preimage = canonicalJson([entry.tenant, entry.seq, entry.at, entry.kind, entry.actor, entry.subject, entry.payload, entry.prevHash]);
  return createHash('sha256').update(preimage).digest('hex');
}
